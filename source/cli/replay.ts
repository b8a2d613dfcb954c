import { createLineFormatter, type LineFormat } from "../output/line-format.js";
import { createLineWriter } from "../output/line-writer.js";
import { replayFiles } from "../store/replay.js";
import type { TuiExit } from "../ui/run-tui.js";
import { loadTui, tuiExitCode } from "./load-tui.js";

export interface ReplayOptions {
	readonly files: readonly string[];
	readonly interactive: boolean;
	readonly format: LineFormat;
	readonly color: boolean;
	readonly scrollback: number;
	readonly stdout: NodeJS.WritableStream;
	readonly stderr: NodeJS.WritableStream;
}

/**
 * `bctail replay`: a recording into the same store and TUI as a live tail, or printed as lines with
 * `--format` (or off a terminal). Bad lines are counted and reported, never fatal.
 */
export async function runReplay(options: ReplayOptions): Promise<number> {
	if (!options.interactive) {
		const format = createLineFormatter({ format: options.format, color: options.color });
		let closed = false;
		const writer = createLineWriter(options.stdout, {
			onClosed: () => {
				closed = true;
			},
		});
		const controller = new AbortController();
		const result = await replayFiles(
			[...options.files],
			(event) => {
				if (closed) {
					controller.abort();
					return;
				}
				const text = format(event);
				if (text !== "") writer.write(text);
			},
			{ signal: controller.signal },
		);
		await writer.flush();
		if (result.bad > 0) options.stderr.write(`bctail: replay skipped ${result.bad} unreadable line(s)\n`);
		return 0;
	}
	const { createTailStore } = await import("../store/store.js");
	const { runTui } = await loadTui();
	const store = createTailStore({ scrollback: options.scrollback });
	const loader = new AbortController();
	const loading = replayFiles([...options.files], (event) => store.ingest(event), {
		onProgress: (bytes, events) =>
			store.setNotice(
				`loading: ${events.toLocaleString("en-US")} events (${(bytes / 1048576).toFixed(1)} MiB)`,
			),
	}).then(
		(result) =>
			store.setNotice(
				`loaded ${result.events.toLocaleString("en-US")} events${result.bad > 0 ? `, ${result.bad} bad line(s) skipped` : ""}`,
				10_000,
			),
		(error: Error) => store.setNotice(`replay failed: ${error.message}`, 30_000),
	);
	let exit: TuiExit = { reason: "quit" };
	try {
		exit = await runTui({ store });
	} finally {
		loader.abort();
		store.dispose();
	}
	await loading;
	return tuiExitCode(exit);
}
