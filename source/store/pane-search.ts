/**
 * One pane's share of the active search (`PaneSearch`): how it starts, how arrivals and rows put in
 * front join its matches, and the pane's part of a background scan slice. The session
 * (`search-session.ts`) decides which panes, when and in what order; these steps only touch the one
 * pane they are given.
 */
import { IndexList } from "./index-list.js";
import type { PaneSearch, PaneState } from "./pane-state.js";
import type { CompiledQuery } from "./search.js";
import type { Entry, SearchScope } from "./types.js";

/** Rows of a prepended batch matched at once when the scan was done (~a slice's worth). */
export const PREPEND_MATCH_ROWS = 4096;

/** What of the active search decides a pane's share. */
export interface SearchReach {
	readonly scope: SearchScope;
	/** With scope "pane": the pane it applies to. */
	readonly paneId: string | null;
	/** null for an empty query (nothing to match). */
	readonly compiled: CompiledQuery | null;
}

/**
 * A fresh share for a pane: null when the search does not reach it; not eligible (nothing to scan)
 * when its `project:` tokens exclude it; else the scan starts at the newest row.
 */
export function newPaneSearch(pane: PaneState, search: SearchReach): PaneSearch | null {
	const compiled = search.compiled;
	if (compiled === null || (search.scope !== "all" && pane.id !== search.paneId)) return null;
	const eligible = compiled.paneMatches(pane.id, pane.name);
	const end = pane.ring.end;
	return {
		matches: new IndexList(),
		eligible,
		scanNext: eligible ? end - 1 : Number.NEGATIVE_INFINITY,
		liveFrom: end,
	};
}

/** Matches the entries that arrived since the last call (live results, no rescan). */
export function matchArrivals(pane: PaneState, compiled: CompiledQuery): void {
	const ps = pane.search;
	if (ps === null || !ps.eligible) return;
	const ring = pane.ring;
	const end = ring.end;
	if (ps.liveFrom >= end) return;
	for (let i = Math.max(ps.liveFrom, ring.start); i < end; i++) {
		if (compiled.test(ring.at(i) as Entry)) ps.matches.push(i);
	}
	ps.liveFrom = end;
	ps.matches.dropBelow(ring.start);
}

/**
 * Rows were put in front of the pane's rows (indices below `startBefore`). A scan still running goes
 * on down over them by itself; a finished one matches them now, newest first, up to
 * `PREPEND_MATCH_ROWS`, and leaves the rest to the background scan.
 */
export function matchPrepended(pane: PaneState, compiled: CompiledQuery, startBefore: number): void {
	const ps = pane.search;
	if (ps === null || !ps.eligible || ps.scanNext >= startBefore) return;
	const ring = pane.ring;
	const stop = Math.max(ring.start, startBefore - PREPEND_MATCH_ROWS);
	let i = startBefore - 1;
	for (; i >= stop; i--) if (compiled.test(ring.at(i) as Entry)) ps.matches.pushOlder(i);
	ps.scanNext = i;
}

/** The background scan has older entries of this pane left to examine. */
export function scanPending(pane: PaneState): boolean {
	const ps = pane.search;
	return ps?.eligible === true && ps.scanNext >= pane.ring.start;
}

/** The pane's entries known not to match (what filter mode hides); 0 when the search does not reach it. */
export function knownMisses(pane: PaneState): number {
	const ps = pane.search;
	if (ps === null) return 0;
	const ring = pane.ring;
	if (!ps.eligible) return ring.size;
	const unscanned = Math.max(0, ps.scanNext - ring.start + 1);
	return Math.max(0, ring.size - unscanned - ps.matches.length);
}

/**
 * The pane's part of a scan slice: down from `scanNext`, until its oldest row or the deadline. Every
 * 32 entries it checks the clock (performance.now costs ~50 ns).
 * @returns true when the slice's time ran out here
 */
export function scanPane(pane: PaneState, compiled: CompiledQuery, deadline: number): boolean {
	const ps = pane.search;
	if (ps === null || !ps.eligible) return false;
	const ring = pane.ring;
	const start = ring.start;
	let i = ps.scanNext;
	if (i < start) return false;
	const matches = ps.matches;
	let outOfTime = false;
	while (i >= start) {
		if (compiled.test(ring.at(i) as Entry)) matches.pushOlder(i);
		i--;
		if ((i & 31) === 0 && performance.now() >= deadline) {
			outOfTime = true;
			break;
		}
	}
	ps.scanNext = i;
	return outOfTime;
}

/**
 * Where the entry under the cursor stands among the pane's matches: its 1-based rank, or 0 when the
 * cursor is not on a match; and how many matches there are (both 0 when the pane is not searched).
 * @param cursorAbs the absolute index under the pane's cursor, or null (read after dropped rows are pruned)
 */
export function matchPosition(
	pane: PaneState,
	cursorAbs: (pane: PaneState) => number | null,
): { readonly index: number; readonly count: number } {
	const ps = pane.search;
	if (ps?.eligible !== true) return noPosition;
	pane.prune();
	let index = 0;
	const cursor = cursorAbs(pane);
	if (cursor !== null) {
		const rank = ps.matches.lowerBound(cursor);
		if (ps.matches.at(rank) === cursor) index = rank + 1;
	}
	return { index, count: ps.matches.length };
}

const noPosition = Object.freeze({ index: 0, count: 0 });
