/**
 * `s`: the focused pane's view to an NDJSON file (`output/export-file.ts`): the events behind the rows
 * it shows under the current search and quick filters (filter mode), else its whole buffer, up to
 * the pause of a paused pane (`TailStore.eventsShown`). The list is taken when the key is pressed;
 * the file is written in the background and the notice says where it went, or why it did not. In the
 * problems view `s` exports the selected group instead.
 */
import path from "node:path";
import type { TailEvent } from "../model/types.js";
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
	const partial = shown.complete ? "" : " (the search was still running: the matches found so far)";
	writeInBackground(ctx, shown.project, shown.events, partial);
}

/**
 * `s` in the problems view: the selected group's events (each once, oldest first), named after the
 * pane (or "all-panes") and the exception's name.
 */
export function exportProblemGroup(ctx: CommandContext): void {
	const problems = ctx.view.getSnapshot().problems;
	const group = problems?.report.groups[problems.selected];
	if (!problems || !group) {
		ctx.log.setNotice("no problem group to export");
		return;
	}
	const events: TailEvent[] = [];
	const seen = new Set<TailEvent>();
	for (const { entry } of group.occurrences) {
		if (entry.event === null || seen.has(entry.event)) continue;
		seen.add(entry.event);
		events.push(entry.event);
	}
	const pane = ctx.log.getSnapshot().panes.find((p) => p.id === problems.paneId);
	const where = problems.scope === "all" ? "all-panes" : (pane?.title ?? problems.paneId);
	writeInBackground(ctx, `${where}-${group.name}`, events, "");
}

/** Writes `events` to a new export file in the background, saying so in notices. */
function writeInBackground(
	ctx: CommandContext,
	name: string,
	events: readonly TailEvent[],
	note: string,
): void {
	const { log } = ctx;
	log.setNotice(`exporting ${count(events.length)} events…`, noticeMs);
	const dir = ctx.app.exportDir ?? process.cwd();
	// Named by the store's clock (the system's; a test's own in tests).
	writeExport(dir, name, events, new Date(log.getSnapshot().now)).then(
		(result) => {
			const noun = result.count === 1 ? "event" : "events";
			log.setNotice(`exported ${count(result.count)} ${noun} to ${shownPath(result.file)}${note}`, noticeMs);
		},
		(error: unknown) => {
			const reason = error instanceof Error ? writeFailure(error) : String(error);
			log.setNotice(`could not export to ${shownPath(dir)}: ${reason}; nothing was written`, noticeMs);
		},
	);
}
