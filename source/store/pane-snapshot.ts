/**
 * Turns a pane's state into its immutable `PaneSnapshot` (only for panes that changed since the last
 * publish: an unchanged pane keeps its snapshot object, so memoized UI panes skip rendering).
 */

import { syncEvents } from "./pane-events.js";
import type { PaneViewState } from "./pane-view-state.js";
import { frozenWindow, liveWindow } from "./pane-window.js";
import type { SearchSession } from "./search-session.js";
import type { PaneFilterSnapshot, PaneSnapshot, RowView } from "./types.js";

/** Seconds of the rate sparkline. */
export const RATE_SECONDS = 60;

/** Builds the snapshot of one pane at `now`. */
/**
 * @param replay a recording: the rate window ends at the pane's newest event second (event time),
 *   not at `now`, so the sparkline shows the recording's traffic rather than how fast it loaded
 */
export function buildPaneSnapshot(
	pane: PaneViewState,
	search: SearchSession,
	now: number,
	replay = false,
): PaneSnapshot {
	search.matchLive(pane.log);
	pane.log.prune();
	let rows: readonly RowView[];
	let newBelow = 0;
	let newBelowRows = 0;
	if (pane.frozen !== null) {
		rows = frozenWindow(pane, search);
	} else {
		const window = liveWindow(pane, search);
		rows = window.rows;
		newBelow = window.newBelow;
		newBelowRows = window.newBelowRows;
	}
	const hidden = search.hidden(pane.log);
	const ring = pane.log.ring;
	// Following again (G, or down to the newest row) is leaving the time gone to.
	if (pane.follow) pane.at = null;
	return {
		id: pane.log.id,
		title: pane.log.title,
		replay,
		version: ++pane.version,
		status: pane.log.status,
		rows,
		follow: pane.follow && !pane.paused,
		newBelow,
		paused: pane.paused,
		pausedNew: pane.paused ? ring.end - pane.pausedAtEnd : 0,
		evicted: ring.evicted,
		evictedForMemory: pane.log.evictedForMemory,
		size: ring.size,
		hidden,
		hiddenEvents: pane.compact && hidden > 0 ? hiddenEvents(pane, search) : hidden,
		filter: filterSnapshot(pane),
		rate: pane.log.eventHistory.window(
			replay ? rateEnd(pane.log.eventHistory.newest, now) : now,
			RATE_SECONDS,
		),
		totals: pane.log.currentTotals(),
		exceptionsHeld: pane.log.exceptionIndex.length,
		exceptionsEvicted: pane.log.exceptionRows - pane.log.exceptionIndex.length,
		olderState: pane.log.olderState,
		at: pane.at,
		pausedNewEvents: pane.paused ? pane.log.events - pane.pausedAtEvents : 0,
		newBelowRows,
		compact: pane.compact,
		wrap: pane.wrap,
		offset: pane.wrap ? 0 : pane.offset,
	};
}

/** Events the filter hides: those held less those with a match (compact mode's hidden count). */
function hiddenEvents(pane: PaneViewState, search: SearchSession): number {
	const shown = search.shown(pane.log);
	return shown === null ? 0 : Math.max(0, syncEvents(pane, null).length - syncEvents(pane, shown).length);
}

/** The end of a replay's rate window: the newest event's second, or `now` before any event. */
function rateEnd(newestSecond: number, now: number): number {
	return Number.isFinite(newestSecond) ? newestSecond * 1000 : now;
}

/** The pane's own filter as its header shows it; the same object while the filter is the same. */
function filterSnapshot(pane: PaneViewState): PaneFilterSnapshot | null {
	const own = pane.log.own;
	if (own === null) return null;
	const last = pane.snapshot?.filter;
	if (last != null && last.query === own.query) return last;
	return { query: own.query, error: own.parsed.error };
}
