/**
 * The built binary in tmux, tailing a project of an emulator that runs in the test's own process (so
 * the test pushes the events): the sessions and the emulator are ended after each test.
 */
import { afterEach } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator, EmulatorOptions } from "../../source/emulator/types.js";
import { binPath, cleanEnv } from "./run-cli.js";
import { startTmux, type TmuxSession } from "./tmux.js";

export interface TuiStart {
	readonly width?: number;
	readonly height?: number;
	/** The folder bctail runs in. */
	readonly cwd?: string;
	/** More environment (the emulator's token is set). */
	readonly env?: Readonly<Record<string, string>>;
	/** More command-line arguments, e.g. `--since 5m`. */
	readonly args?: string;
}

/** Call at the top of a test file: registers the clean-up and returns what starts the two. */
export function tuiAgainstEmulator() {
	const sessions: TmuxSession[] = [];
	let emulator: Emulator | undefined;
	afterEach(async () => {
		for (const session of sessions.splice(0)) session.kill();
		await emulator?.close();
		emulator = undefined;
	});
	return {
		/** A quiet emulator (no generated traffic) unless `options` say otherwise. */
		async emulator(options: EmulatorOptions = { rate: 0, keepAliveMs: 1000, streamEndMs: 0 }) {
			emulator = await createEmulator(options);
			return emulator;
		},
		/** bctail tailing the emulator's first project. */
		start(emu: Emulator, options: TuiStart = {}): TmuxSession {
			const project = emu.projects[0]?.uuid ?? "";
			const session = startTmux(
				`"${process.execPath}" "${binPath}" --api-host ${emu.origin} --store-hash ${emu.storeHash} ${options.args ?? ""} ${project}`,
				{
					width: options.width ?? 120,
					height: options.height ?? 30,
					...(options.cwd === undefined ? {} : { cwd: options.cwd }),
					env: cleanEnv({ CATALYST_ACCESS_TOKEN: emu.token, ...options.env }),
				},
			);
			sessions.push(session);
			return session;
		},
	};
}
