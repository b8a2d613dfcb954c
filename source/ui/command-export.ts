/**
 * `s`: the focused pane's view to an NDJSON file (`output/export-file.ts`): the events behind the rows
 * it shows under the current search and quick filters (filter mode), else its whole buffer, up to
 * the pause of a paused pane (`TailStore.eventsShown`). The list is taken when the key is pressed;
 * the file is written in the background and the notice says where it went, or why it did not.
 */
import path from "node:path";
import { writeExport } from "../output/export-file.js";
import { writeFailure } from "../output/output-error.js";
import type { CommandContext } from "./command-context.js";

/** How long the export's notices stay. */
const noticeMs = 10_000;

/** A path as the user would type it from the folder bctail runs in: `./name` when it is in there. */
export function shownPath(file: string, cwd: string = process.cwd()): string {
	const relative = path.relative(cwd, file);
	if (relative === "") return ".";
	if (relative.startsWith("..") || path.isAbsolute(relative)) return file;
	return `.${path.sep}${relative}`;
}

const count = (n: number): string => n.toLocaleString("en-US");

/** Runs `s` (see the module comment). */
export function exportView(ctx: CommandContext): void {
	const { log } = ctx;
	log.flush();
	const snapshot = log.getSnapshot();
	const pane = snapshot.panes[snapshot.focus];
	const shown = pane === undefined ? null : log.eventsShown(pane.id);
	if (shown === null) {
		log.setNotice("no pane to export");
		return;
	}
	if (shown.events.length === 0) {
		log.setNotice(shown.filtered ? "nothing to export: the filter shows no events" : "nothing to export yet");
		return;
	}
	const n = shown.events.length;
	const partial = shown.complete ? "" : " (the search was still running: the matches found so far)";
	log.setNotice(`exporting ${count(n)} events…`, noticeMs);
	const dir = ctx.app.exportDir ?? process.cwd();
	// Named by the store's clock (the system's; a test's own in tests).
	writeExport(dir, shown.project, shown.events, new Date(snapshot.now)).then(
		(result) => {
			const noun = result.count === 1 ? "event" : "events";
			log.setNotice(
				`exported ${count(result.count)} ${noun} to ${shownPath(result.file)}${partial}`,
				noticeMs,
			);
		},
		(error: unknown) => {
			const reason = error instanceof Error ? writeFailure(error) : String(error);
			log.setNotice(`could not export to ${shownPath(dir)}: ${reason}; nothing was written`, noticeMs);
		},
	);
}
