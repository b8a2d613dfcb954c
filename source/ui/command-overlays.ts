/**
 * The commands of the overlays and events: the detail and exception overlays (open, step, scroll),
 * and copying an event.
 */
import type { ProblemOccurrence } from "../store/problem-groups.js";
import type { Entry, TailStore } from "../store/types.js";
import type { ExceptionPlace } from "../store/view-state.js";
import type { CommandContext } from "./command-context.js";
import { focusedPane } from "./command-moves.js";
import { copyEvent } from "./copy-event.js";
import { maxScroll } from "./overlay-frame.js";

/**
 * The exceptions of a pane that `x`, `[` and `]` go through, with the ordinal of the first (for the
 * overlay's position): every held one, or in filter mode only those the filter shows (`filtered`).
 */
function exceptionsWithOrdinal(
	log: TailStore,
	paneId: string,
): { list: readonly Entry[]; first: number; filtered: boolean } {
	// Publish first so that the snapshot's eviction count matches the list.
	log.flush();
	const shown = log.exceptionsShown(paneId);
	if (shown !== null) return { list: shown, first: 0, filtered: true };
	const pane = log.getSnapshot().panes.find((p) => p.id === paneId);
	return { list: log.exceptionsOf(paneId), first: pane?.exceptionsEvicted ?? 0, filtered: false };
}

/** The overlay's place among the filtered exceptions (absent when not filtered). */
function placeIn(filtered: boolean, index: number, count: number): { shown?: ExceptionPlace } {
	return filtered ? { shown: { position: index + 1, count } } : {};
}

/** `[` / `]` in an exception opened from the problems view: the group's occurrences, across panes. */
function stepInGroup(ctx: CommandContext, group: readonly ProblemOccurrence[], entry: Entry, delta: -1 | 1) {
	const at = group.findIndex((occurrence) => occurrence.entry === entry);
	const index = at + delta;
	const target = at >= 0 ? group[index] : undefined;
	if (target)
		ctx.view.dispatch({
			type: "overlay-entry",
			paneId: target.paneId,
			entry: target.entry,
			ordinal: -1,
			shown: { position: index + 1, count: group.length },
		});
	else ctx.log.setNotice(delta > 0 ? "no newer exception in the group" : "no older exception in the group");
}

export function stepException(ctx: CommandContext, delta: -1 | 1): void {
	const { log, view } = ctx;
	const overlay = view.getSnapshot().overlay;
	if (!overlay || overlay.kind === "help") return;
	if (overlay.group) {
		stepInGroup(ctx, overlay.group, overlay.entry, delta);
		return;
	}
	const { list, first, filtered } = exceptionsWithOrdinal(log, overlay.paneId);
	const seq = overlay.entry.seq;
	const at = list.findIndex((entry) => entry.seq === seq);
	let index: number;
	if (at >= 0) index = at + delta;
	else if (delta > 0) index = list.findIndex((entry) => entry.seq > seq);
	else index = list.findLastIndex((entry) => entry.seq < seq);
	const target = index >= 0 ? list[index] : undefined;
	if (target)
		view.dispatch({
			type: "overlay-entry",
			entry: target,
			ordinal: first + index,
			...placeIn(filtered, index, list.length),
		});
	else log.setNotice(delta > 0 ? "no newer exception" : "no older exception");
}

/** End wraps at most this many rows past the screen at once; further, the overlay is pinned instead. */
const bottomReachRows = 2000;

/**
 * Scrolls the open overlay. The bottom (End, G) of a long one is not wrapped here: the overlay is pinned to it
 * (`scroll` Infinity) and shows it once its background wrap has cut every row, so a multi-MB event
 * answers the next key at once. A move from the pinned bottom starts from the rows cut so far.
 */
export function scrollOverlay(ctx: CommandContext, how: number | "top" | "bottom"): void {
	let overlay = ctx.view.getSnapshot().overlay;
	if (!overlay) return;
	const rows = ctx.geometry.overlayRows;
	if (how === "bottom") {
		// Wrapped here only when the end is near (a short overlay lands on a real row number).
		const reach = overlay.scroll === Number.POSITIVE_INFINITY ? 0 : overlay.scroll + rows + bottomReachRows;
		const count = ctx.geometry.overlayLineCount(overlay, reach);
		const max = count < reach ? maxScroll(count, rows) : Number.POSITIVE_INFINITY;
		ctx.view.dispatch({ type: "overlay-scroll-to", to: "bottom", max });
		return;
	}
	if (overlay.scroll === Number.POSITIVE_INFINITY) {
		const bottom = maxScroll(ctx.geometry.overlayLineCount(overlay, 0), rows);
		ctx.view.dispatch({ type: "overlay-scroll-to", to: "bottom", max: bottom });
		overlay = ctx.view.getSnapshot().overlay ?? overlay;
	}
	const wanted = how === "top" ? 0 : overlay.scroll + how + rows;
	const max = maxScroll(ctx.geometry.overlayLineCount(overlay, wanted), rows);
	if (typeof how === "number") ctx.view.dispatch({ type: "overlay-scroll", delta: how, max });
	else ctx.view.dispatch({ type: "overlay-scroll-to", to: how, max });
}

export function openDetail(ctx: CommandContext): void {
	const { log, view } = ctx;
	const entry = log.selectedEntry();
	const focused = focusedPane(log);
	if (!entry || !focused) log.setNotice("no entry under the cursor");
	else
		view.dispatch({
			type: "overlay-open",
			overlay: { kind: "detail", paneId: focused.id, entry, ordinal: -1, scroll: 0 },
		});
}

export function openNewestException(ctx: CommandContext): void {
	const { log, view } = ctx;
	const focused = focusedPane(log);
	if (!focused) return;
	const { list, first, filtered } = exceptionsWithOrdinal(log, focused.id);
	// One row per request: the row under the cursor stands for its event, so x opens its exception.
	const selected = focused.compact ? log.selectedEntry()?.event : undefined;
	const own = selected ? list.findIndex((entry) => entry.event === selected) : -1;
	const at = own >= 0 ? own : list.length - 1;
	const newest = list[at];
	if (!newest) log.setNotice(`no exceptions ${filtered ? "the filter shows " : ""}in ${focused.title}`);
	else {
		const overlay = {
			kind: "exception",
			paneId: focused.id,
			entry: newest,
			ordinal: first + at,
			...placeIn(filtered, at, list.length),
			scroll: 0,
		} as const;
		view.dispatch({ type: "overlay-open", overlay });
	}
}

export function copy(ctx: CommandContext): void {
	const overlay = ctx.view.getSnapshot().overlay;
	const entry = overlay && overlay.kind !== "help" ? overlay.entry : ctx.log.selectedEntry();
	copyEvent(entry, ctx.app.write, (text) => ctx.log.setNotice(text));
}
