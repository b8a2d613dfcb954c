/**
 * The global search as the status bar shows it: the query, the quick-filter chips, the mode, and the
 * focused pane's `match i/n` (within its own filter, when it has one: its share is ANDed with it).
 */
import { matchPosition } from "./pane-search.js";
import type { PaneState } from "./pane-state.js";
import { type QuickFilters, quickFilterChips } from "./quick-filters.js";
import type { ActiveSearch } from "./search-session.js";
import type { SearchSnapshot } from "./types.js";

/**
 * A new snapshot of the search.
 * @param cursorAbs the absolute index under a pane's cursor, or null
 */
export function searchSnapshot(
	active: ActiveSearch,
	quick: QuickFilters,
	focused: PaneState | undefined,
	panes: readonly PaneState[],
	cursorAbs: (pane: PaneState) => number | null,
): SearchSnapshot {
	const position = focused === undefined ? null : matchPosition(focused, cursorAbs);
	return {
		query: active.query,
		chips: quickFilterChips(quick),
		fuzzy: active.parsed.fuzzy,
		mode: active.mode,
		scope: active.scope,
		matchIndex: position?.index ?? 0,
		matchCount: position?.count ?? 0,
		// The global search's own scan: a pane filter still scanning is not this search's.
		pending: panes.some(globalScanPending),
		error: active.parsed.error,
	};
}

function globalScanPending(pane: PaneState): boolean {
	const ps = pane.search;
	return ps?.eligible === true && ps.scanNext >= pane.ring.start;
}

/** Whether two snapshots say the same (so the previous object is kept). */
export function sameSearch(a: SearchSnapshot, b: SearchSnapshot): boolean {
	return (
		a.query === b.query &&
		a.fuzzy === b.fuzzy &&
		a.chips.join("\n") === b.chips.join("\n") &&
		a.mode === b.mode &&
		a.scope === b.scope &&
		a.matchIndex === b.matchIndex &&
		a.matchCount === b.matchCount &&
		a.pending === b.pending &&
		a.error === b.error
	);
}
