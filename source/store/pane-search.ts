/**
 * A pane's shares of searching (`PaneSearch`): of the global search (its own filter ANDed in) and of
 * its own filter (`pane-filters.ts`), each with the query it matches with: how one starts, how
 * arrivals and rows put in front join its matches, and the pane's part of a background scan slice.
 * The session (`search-session.ts`) decides which panes, when and in what order; these steps only
 * touch the one pane they are given.
 */
import { IndexList } from "./index-list.js";
import type { PaneSearch, PaneState } from "./pane-state.js";
import { bothQueries, type CompiledQuery } from "./search.js";
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

/** The pane's shares: of the global search and of its own filter (either may be absent). */
export function sharesOf(pane: PaneState): PaneSearch[] {
	const out: PaneSearch[] = [];
	if (pane.search !== null) out.push(pane.search);
	const own = pane.own?.share;
	if (own != null) out.push(own);
	return out;
}

/** A share of `compiled` for the pane, its scan starting at the newest row (none when `project:` excludes it). */
export function newShare(pane: PaneState, compiled: CompiledQuery): PaneSearch {
	const eligible = compiled.paneMatches(pane.id, pane.name);
	const end = pane.ring.end;
	return {
		compiled,
		matches: new IndexList(),
		eligible,
		scanNext: eligible ? end - 1 : Number.NEGATIVE_INFINITY,
		liveFrom: end,
	};
}

/**
 * A fresh share of the global search for a pane: null when the search does not reach it; else a
 * share of the search ANDed with the pane's own filter (so its matches are within what the pane shows).
 */
export function newPaneSearch(pane: PaneState, search: SearchReach): PaneSearch | null {
	const compiled = search.compiled;
	if (compiled === null || (search.scope !== "all" && pane.id !== search.paneId)) return null;
	const own = pane.own?.share?.compiled;
	return newShare(pane, own === undefined ? compiled : bothQueries(compiled, own));
}

/** Matches the entries that arrived since the last call, in each of the pane's shares (no rescan). */
export function matchArrivals(pane: PaneState): void {
	for (const share of sharesOf(pane)) matchShareArrivals(pane, share);
}

function matchShareArrivals(pane: PaneState, ps: PaneSearch): void {
	if (!ps.eligible) return;
	const ring = pane.ring;
	const end = ring.end;
	if (ps.liveFrom >= end) return;
	const compiled = ps.compiled;
	for (let i = Math.max(ps.liveFrom, ring.start); i < end; i++) {
		if (compiled.test(ring.at(i) as Entry)) ps.matches.push(i);
	}
	ps.liveFrom = end;
	ps.matches.dropBelow(ring.start);
}

/**
 * Rows were put in front of the pane's rows (indices below `startBefore`). A scan still running goes
 * on down over them by itself; a finished one matches them now, newest first, up to
 * `PREPEND_MATCH_ROWS`, and leaves the rest to the background scan. Each share of the pane alike.
 */
export function matchPrepended(pane: PaneState, startBefore: number): void {
	for (const ps of sharesOf(pane)) {
		if (!ps.eligible || ps.scanNext >= startBefore) continue;
		const ring = pane.ring;
		const stop = Math.max(ring.start, startBefore - PREPEND_MATCH_ROWS);
		let i = startBefore - 1;
		for (; i >= stop; i--) if (ps.compiled.test(ring.at(i) as Entry)) ps.matches.pushOlder(i);
		ps.scanNext = i;
	}
}

/** The background scan has older entries of this pane left to examine (in any of its shares). */
export function scanPending(pane: PaneState): boolean {
	const start = pane.ring.start;
	return sharesOf(pane).some((ps) => ps.eligible && ps.scanNext >= start);
}

/** The share's entries known not to match (what it hides when it filters). */
export function knownMisses(pane: PaneState, ps: PaneSearch): number {
	const ring = pane.ring;
	if (!ps.eligible) return ring.size;
	const unscanned = Math.max(0, ps.scanNext - ring.start + 1);
	return Math.max(0, ring.size - unscanned - ps.matches.length);
}

/**
 * The pane's part of a scan slice: each share down from its `scanNext`, until its oldest row or the
 * deadline. Every 32 entries it checks the clock (performance.now costs ~50 ns).
 * @returns true when the slice's time ran out here
 */
export function scanPane(pane: PaneState, deadline: number): boolean {
	for (const ps of sharesOf(pane)) if (scanShare(pane, ps, deadline)) return true;
	return false;
}

function scanShare(pane: PaneState, ps: PaneSearch, deadline: number): boolean {
	if (!ps.eligible) return false;
	const ring = pane.ring;
	const start = ring.start;
	let i = ps.scanNext;
	if (i < start) return false;
	const matches = ps.matches;
	const compiled = ps.compiled;
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
