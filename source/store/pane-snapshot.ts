/**
 * Turns a pane's state into its immutable `PaneSnapshot` (only for panes that changed since the last
 * publish: an unchanged pane keeps its snapshot object, so memoized UI panes skip rendering).
 */
import type { PaneViewState } from "./pane-view-state.js";
import { frozenWindow, liveWindow } from "./pane-window.js";
import type { SearchSession } from "./search-session.js";
import type { PaneSnapshot, RowView } from "./types.js";

/** Seconds of the rate sparkline. */
export const RATE_SECONDS = 60;

/** Builds the snapshot of one pane at `now`. */
export function buildPaneSnapshot(pane: PaneViewState, search: SearchSession, now: number): PaneSnapshot {
	search.matchLive(pane.log);
	pane.log.prune();
	let rows: readonly RowView[];
	let newBelow = 0;
	if (pane.frozen !== null) {
		rows = frozenWindow(pane, search);
	} else {
		const window = liveWindow(pane, search);
		rows = window.rows;
		newBelow = window.newBelow;
	}
	const ring = pane.log.ring;
	return {
		id: pane.log.id,
		title: pane.log.title,
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
		hidden: search.hidden(pane.log),
		rate: pane.log.eventHistory.window(now, RATE_SECONDS),
		totals: pane.log.currentTotals(),
		exceptionsHeld: pane.log.exceptionIndex.length,
		exceptionsEvicted: pane.log.exceptionRows - pane.log.exceptionIndex.length,
		olderState: pane.log.olderState,
	};
}
