import { openSearchHistory } from "../config/search-history-file.js";
import { stateDir } from "../config/state-dir.js";
import { createLineFormatter, type LineFormat } from "../output/line-format.js";
import { createLineWriter } from "../output/line-writer.js";
import { createNoticeWriter } from "../output/notice-writer.js";
import { describeOutputError } from "../output/output-error.js";
import { replayFiles } from "../record/replay.js";
import { createTokensMask } from "../stream/token-mask.js";
import type { TuiExit } from "../ui/run-tui.js";
import { loadTui, tuiExitCode } from "./load-tui.js";

export interface ReplayOptions {
	readonly files: readonly string[];
	readonly interactive: boolean;
	readonly format: LineFormat;
	readonly color: boolean;
	readonly scrollback: number;
	/** What the scrollback of all panes may cost, in bytes. */
	readonly memoryBytes?: number;
	/** Mouse reports in the TUI (`--no-mouse` turns them off). */
	readonly mouse?: boolean;
	readonly stdout: NodeJS.WritableStream;
	readonly stderr: NodeJS.WritableStream;
	/** Access tokens configured (flag, environment): masked in what the recording holds. */
	readonly tokens?: readonly (string | undefined)[];
}

/**
 * `bctail replay`: a recording into the same store and TUI as a live tail, or printed as lines with
 * `--format` (or off a terminal). Bad lines are counted and reported, never fatal.
 */
export async function runReplay(options: ReplayOptions): Promise<number> {
	if (!options.interactive) return printReplay(options);
	const { createReplayStore, loadRecording } = await import("../record/replay-store.js");
	const { runTui } = await loadTui();
	const store = createReplayStore({ scrollback: options.scrollback, memoryBytes: options.memoryBytes });
	const loader = new AbortController();
	const loading = loadRecording(store, options.files, loader.signal, createTokensMask(options.tokens ?? []));
	let exit: TuiExit = { reason: "quit" };
	try {
		// The recent searches are the live sessions' (a replay has no token to keep out of them).
		exit = await runTui({
			store,
			mouse: options.mouse !== false,
			history: { recentSearches: openSearchHistory(stateDir(), "") },
		});
	} finally {
		loader.abort();
		store.dispose();
	}
	await loading;
	return tuiExitCode(exit);
}

/**
 * Replay in line mode: the lines on stdout, read no faster than stdout takes them (a slow reader pauses
 * the file, nothing is dropped). A closed pipe ends quietly; any other stdout failure is said on stderr
 * and exits 1.
 */
async function printReplay(options: ReplayOptions): Promise<number> {
	const format = createLineFormatter({ format: options.format, color: options.color });
	const notices = createNoticeWriter(options.stderr);
	const output: { failure: Error | null } = { failure: null };
	const controller = new AbortController();
	const writer = createLineWriter(options.stdout, {
		onClosed: (error) => {
			output.failure = error;
			controller.abort();
		},
	});
	const result = await replayFiles(
		[...options.files],
		(event) => {
			const text = format(event);
			if (text !== "") writer.write(text);
		},
		{
			signal: controller.signal,
			holdOff: () => (writer.needsDrain ? writer.drained() : null),
			mask: createTokensMask(options.tokens ?? []),
		},
	);
	await writer.flush();
	if (output.failure !== null) notices.write(describeOutputError(output.failure));
	if (result.bad > 0) notices.write(`bctail: replay skipped ${result.bad} unreadable line(s)`);
	return output.failure === null ? 0 : 1;
}
