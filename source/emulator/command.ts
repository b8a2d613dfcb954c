/**
 * `bctail emulator`: runs the emulator in the foreground and prints how to tail it.
 */
import { ConfigError } from "../config/resolve-config.js";
import { createEmulator } from "./emulator.js";
import type { Emulator } from "./types.js";

/** Options of `bctail emulator`. */
export interface EmulatorCommandOptions {
	/** Port to listen on (0 = any free port). */
	readonly port: number;
	/** Generated events per second per project. */
	readonly rate: number;
	/** Plant escape sequences in the generated traffic. */
	readonly hostile?: boolean;
	/** Loopback address to listen on (default 127.0.0.1). */
	readonly host?: string;
	/**
	 * Past traffic to seed the history endpoint with (`--history-seed 3h`): milliseconds, or a
	 * duration text that `parseHistorySeed` reads. Default none.
	 */
	readonly historySeed?: number | string;
	readonly stdout: NodeJS.WritableStream;
}

const units: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * The value of `--history-seed` in ms: `90m`, `3h`, `2d`, `45s`, `500ms`, or a bare number of
 * seconds. Throws for anything else, and for more than 7 days (the history window's limit).
 */
export function parseHistorySeed(text: string): number {
	const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
	if (!match) throw new Error(`--history-seed wants a duration like 30m, 3h or 2d, not "${text}"`);
	const ms = Number(match[1]) * (units[match[2] ?? "s"] ?? 1000);
	if (ms > 7 * units.d!) throw new Error("--history-seed is at most 7d (the history window)");
	return Math.round(ms);
}

/**
 * A port that cannot be listened on, as a sentence (a ConfigError, so the CLI prints no stack): busy
 * (EADDRINUSE) or not allowed (EACCES, ports below 1024). Anything else is passed on as it is.
 */
function listenError(error: unknown, host: string, port: number): unknown {
	const code = (error as NodeJS.ErrnoException | null)?.code;
	if (code === "EADDRINUSE")
		return new ConfigError(
			`port ${port} on ${host} is already in use (another bctail emulator?): stop that one, or pick another port with --port, or --port 0 for any free one`,
		);
	if (code === "EACCES")
		return new ConfigError(
			`port ${port} on ${host} may not be used by this user: pick one above 1023 with --port`,
		);
	return error;
}

/**
 * Starts the emulator and prints its address, projects and the exact command to tail it. The token
 * printed is the emulator's own demo token, not a user secret. The caller closes the emulator.
 */
export async function runEmulatorCommand(options: EmulatorCommandOptions): Promise<Emulator> {
	const seed = options.historySeed ?? 0;
	const historySeedMs = typeof seed === "number" ? seed : parseHistorySeed(seed);
	const emulator = await createEmulator({
		port: options.port,
		rate: options.rate,
		hostile: options.hostile === true,
		historySeedMs: historySeedMs,
		...(options.host === undefined ? {} : { host: options.host }),
	}).catch((error: unknown) => {
		throw listenError(error, options.host ?? "127.0.0.1", options.port);
	});
	const uuids = emulator.projects.map((project) => project.uuid).join(" ");
	const width = Math.max(...emulator.projects.map((project) => project.name.length));
	const lines = [
		`bctail emulator listening on ${emulator.origin}`,
		`store hash ${emulator.storeHash}, ${options.rate} events/s per project${options.hostile ? ", hostile traffic" : ""}${historySeedMs > 0 ? `, ${Math.round(historySeedMs / 60_000)} min of history` : ""}`,
		"",
		"projects:",
		...emulator.projects.map(
			(project) => `  ${project.uuid}  ${project.name.padEnd(width)}  ${project.hostnames.join(", ")}`,
		),
		"",
		"tail them:",
		`  CATALYST_ACCESS_TOKEN=${emulator.token} bctail --store-hash ${emulator.storeHash} --api-host ${emulator.origin} ${uuids}`,
		"",
		"or with curl:",
		`  curl -N -H 'X-Auth-Token: ${emulator.token}' ${emulator.origin}/stores/${emulator.storeHash}/v3/infrastructure/logs/${emulator.projects[0]?.uuid ?? "<uuid>"}/tail`,
		"",
		"history (newest first, paged):",
		`  curl -H 'X-Auth-Token: ${emulator.token}' '${emulator.origin}/stores/${emulator.storeHash}/v3/infrastructure/logs/${emulator.projects[0]?.uuid ?? "<uuid>"}?start=<ISO>&end=<ISO>'`,
		"",
		"Ctrl-C stops it.",
		"",
	];
	options.stdout.write(lines.join("\n"));
	return emulator;
}
