/**
 * Where a command's requests go: the embedded emulator of `--demo`, or the store the flags, the
 * environment and `.bigcommerce/project.json` name. Every token it learns is added to the secrets the
 * caller scrubs from messages.
 */
import { readProjectFile } from "../config/project-file.js";
import { ConfigError, resolveConfig } from "../config/resolve-config.js";
import type { Emulator } from "../emulator/types.js";
import { parseApiHost } from "../stream/api-origin.js";
import type { TailTarget } from "../stream/tail-client.js";

/** The flags that choose the target (and the demo's traffic). */
export interface TargetFlags {
	readonly storeHash?: string | undefined;
	readonly accessToken?: string | undefined;
	readonly apiHost?: string | undefined;
	/** Requests go to an embedded emulator. */
	readonly demo: boolean;
	/** The emulator's generated events per second per project. */
	readonly rate: number;
	/** The emulator's messages, URLs and exceptions carry escape sequences and bidi overrides. */
	readonly hostile: boolean;
}

/** What `openTarget` reads of a command (a `CommandInput` is one). */
export interface TargetInput {
	readonly flags: TargetFlags;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly cwd: string;
}

export interface OpenedTarget {
	readonly target: TailTarget;
	/** The embedded emulator of --demo (closed by the caller). */
	readonly emulator: Emulator | undefined;
	readonly projectInputs: readonly string[];
}

/** The demo's emulator remembers a few hours of past traffic, so history shows at once. */
const demoHistory = { historySeedMs: 3 * 60 * 60 * 1000 };

/**
 * Opens the target of a command.
 * @param input the project words of the command line
 * @param secrets receives the token (the emulator's or the configured one)
 */
export async function openTarget(
	command: TargetInput,
	input: readonly string[],
	secrets: (string | undefined)[],
): Promise<OpenedTarget> {
	const { flags } = command;
	if (flags.demo) {
		const { createEmulator } = await import("../emulator/emulator.js");
		const emulator = await createEmulator({
			port: 0,
			rate: flags.rate,
			hostile: flags.hostile,
			...demoHistory,
		});
		secrets.push(emulator.token);
		return {
			target: { origin: emulator.origin, storeHash: emulator.storeHash, token: emulator.token },
			emulator,
			projectInputs: input.length > 0 ? input : emulator.projects.map((project) => project.uuid),
		};
	}
	const config = resolveConfig(
		{ storeHash: flags.storeHash, accessToken: flags.accessToken, apiHost: flags.apiHost, projects: input },
		command.env,
		readProjectFile(command.cwd),
	);
	secrets.push(config.token);
	let origin: string;
	try {
		origin = parseApiHost(config.apiHost).origin;
	} catch (error) {
		throw new ConfigError((error as Error).message);
	}
	return {
		target: { origin, storeHash: config.storeHash, token: config.token },
		emulator: undefined,
		projectInputs: config.projects,
	};
}
