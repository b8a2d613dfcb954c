/**
 * `bctail emulator`: runs the emulator in the foreground and prints how to tail it.
 */
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
	readonly stdout: NodeJS.WritableStream;
}

/**
 * Starts the emulator and prints its address, projects and the exact command to tail it. The token
 * printed is the emulator's own demo token, not a user secret. The caller closes the emulator.
 */
export async function runEmulatorCommand(options: EmulatorCommandOptions): Promise<Emulator> {
	const emulator = await createEmulator({
		port: options.port,
		rate: options.rate,
		hostile: options.hostile === true,
		...(options.host === undefined ? {} : { host: options.host }),
	});
	const uuids = emulator.projects.map((project) => project.uuid).join(" ");
	const width = Math.max(...emulator.projects.map((project) => project.name.length));
	const lines = [
		`bctail emulator listening on ${emulator.origin}`,
		`store hash ${emulator.storeHash}, ${options.rate} events/s per project${options.hostile ? ", hostile traffic" : ""}`,
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
		"Ctrl-C stops it.",
		"",
	];
	options.stdout.write(lines.join("\n"));
	return emulator;
}
