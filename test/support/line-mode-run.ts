/**
 * Line mode run in-process against an emulator project, `--format json`, its stdout and stderr
 * captured: the harness of the tests where live and history meet.
 */
import { type LineModeOptions, runLineMode } from "../../source/cli/line-mode.js";
import type { Emulator } from "../../source/emulator/types.js";
import { Capture } from "./capture.js";

export interface LineModeRun {
	/** What was printed (empty when `extra.stdout` took it instead). */
	readonly stdout: Capture;
	readonly stderr: Capture;
	/** Ends the tail as SIGTERM does; resolves with its exit code. */
	stop(): Promise<number>;
}

/** Options a test may add or override: history delays, `--since`, `--save`, a real pipe as stdout. */
export type LineModeExtra = Partial<
	Pick<LineModeOptions, "history" | "sinceMs" | "save" | "maxBacklogChars" | "stdout">
>;

/** Starts line mode on `project` (label `p`). */
export function startLineMode(emu: Emulator, project: string, extra: LineModeExtra = {}): LineModeRun {
	const stdout = new Capture();
	const stderr = new Capture();
	const controller = new AbortController();
	const done = runLineMode({
		target: { origin: emu.origin, storeHash: emu.storeHash, token: emu.token },
		projects: [{ uuid: project, label: "p" }],
		format: "json",
		color: false,
		idleTimeoutMs: 30_000,
		maxEventBytes: 8 * 1024 * 1024,
		stdout,
		stderr,
		signal: controller.signal,
		...extra,
	});
	return {
		stdout,
		stderr,
		stop: () => {
			controller.abort();
			return done;
		},
	};
}
