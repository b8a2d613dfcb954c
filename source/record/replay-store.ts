/**
 * A recording loaded into a store for the TUI (`bctail replay` in a terminal): a store in replay mode
 * (panes say "replay", sparklines follow event time), events ingested as they are read, project-name
 * lines of `--save` recordings turned into pane names, and the progress as notices.
 */
import { createTailStore } from "../store/store.js";
import type { TailStore } from "../store/types.js";
import { replayFiles } from "./replay.js";
import { createReplayPlacement } from "./replay-placement.js";

export interface ReplayStoreOptions {
	readonly scrollback: number;
	readonly memoryBytes?: number | undefined;
}

/** A store for showing a recording. */
export function createReplayStore(options: ReplayStoreOptions): TailStore {
	return createTailStore({
		scrollback: options.scrollback,
		...(options.memoryBytes === undefined ? {} : { memoryBytes: options.memoryBytes }),
		replay: true,
	});
}

/**
 * Reads `files` into `store`, saying how far it got in the status bar; resolves when done or aborted,
 * never rejects (a file that cannot be read is a notice).
 */
export function loadRecording(
	store: TailStore,
	files: readonly string[],
	signal: AbortSignal,
	mask?: (line: string) => string,
): Promise<void> {
	const placement = createReplayPlacement(store);
	return replayFiles([...files], (event) => placement.place(event), {
		// Quitting during a long load stops reading instead of waiting for the rest of the file.
		signal,
		...(mask === undefined ? {} : { mask }),
		onProject: (uuid, name) => store.setProjectNames([{ uuid, name, hostnames: [] }]),
		onProgress: (bytes, events) =>
			store.setNotice(
				`loading: ${events.toLocaleString("en-US")} events (${(bytes / 1048576).toFixed(1)} MiB)`,
			),
	}).then(
		(result) => {
			placement.flush();
			store.setNotice(
				`loaded ${result.events.toLocaleString("en-US")} events${result.bad > 0 ? `, ${result.bad} bad line(s) skipped` : ""}`,
				10_000,
			);
		},
		(error: Error) => {
			placement.flush();
			store.setNotice(`replay failed: ${error.message}`, 30_000);
		},
	);
}
