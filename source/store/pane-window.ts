/**
 * What a pane shows: its rows in display order (everything, or only the matches in filter mode), its
 * cursor and top resolved against them, the visible window, and the frozen rows of a paused pane.
 * Reading a window costs O(height) (plus O(log n) in filter mode), never O(buffer).
 */

import { clamp } from "../util/clamp.js";
import { oneRowPerEvent, syncEvents } from "./pane-events.js";
import type { PaneSearch } from "./pane-state.js";
import type { Frozen, PaneViewState } from "./pane-view-state.js";
import type { SearchSession } from "./search-session.js";
import type { Entry, MatchRange, RowView } from "./types.js";

const noRanges: readonly MatchRange[] = Object.freeze([]);
const noRows: readonly RowView[] = Object.freeze([]);
const noAbs: readonly number[] = Object.freeze([]);

/** A pane's rows in display order: everything, or (filter mode) only the matches. */
export interface Sequence {
	readonly length: number;
	absAt(rank: number): number;
	/** Rank of the last row whose index is <= abs (-1 when none). */
	rankAtOrBefore(abs: number): number;
	/** Rank of the first row whose index is >= abs (= length when none). */
	rankFrom(abs: number): number;
}

const emptySequence: Sequence = {
	length: 0,
	absAt: () => -1,
	rankAtOrBefore: () => -1,
	rankFrom: () => 0,
};

/** A pane's current position resolved against its sequence. */
export interface Resolved {
	readonly seq: Sequence;
	readonly n: number;
	readonly cursorRank: number;
	readonly topRank: number;
}

/** The rows a pane shows, in display order: every held row, or only the matches in filter mode. */
export function sequence(pane: PaneViewState, search: SearchSession): Sequence {
	pane.log.prune();
	if (pane.compact) return eventSequence(pane, search);
	const ring = pane.log.ring;
	const ps = search.shown(pane.log);
	if (ps !== null) {
		if (!ps.eligible) return emptySequence;
		search.matchLive(pane.log);
		const m = ps.matches;
		return {
			length: m.length,
			absAt: (rank) => m.at(rank) as number,
			rankAtOrBefore: (abs) => m.lowerBound(abs + 1) - 1,
			rankFrom: (abs) => m.lowerBound(abs),
		};
	}
	const start = ring.start;
	const n = ring.size;
	return {
		length: n,
		absAt: (rank) => start + rank,
		rankAtOrBefore: (abs) => Math.min(n - 1, abs - start),
		rankFrom: (abs) => clamp(abs - start, 0, n),
	};
}

/** One row per request: the events of the pane's entries (or of its matches in filter mode). */
function eventSequence(pane: PaneViewState, search: SearchSession): Sequence {
	const shown = search.shown(pane.log);
	if (shown !== null && !shown.eligible) return emptySequence;
	if (shown !== null) search.matchLive(pane.log);
	const rows = syncEvents(pane, shown);
	return {
		length: rows.length,
		absAt: (rank) => rows.at(rank) as number,
		rankAtOrBefore: (abs) => rows.lowerBound(abs + 1) - 1,
		rankFrom: (abs) => rows.lowerBound(abs),
	};
}

/** The pane's cursor and top as ranks of its current sequence, normalized to keep a full window. */
export function resolve(pane: PaneViewState, search: SearchSession): Resolved {
	const seq = sequence(pane, search);
	const n = seq.length;
	const h = pane.height;
	if (n === 0) return { seq, n, cursorRank: -1, topRank: 0 };
	if (pane.follow) return { seq, n, cursorRank: n - 1, topRank: Math.max(0, n - h) };
	const cursorRank = clamp(seq.rankAtOrBefore(pane.cursor), 0, n - 1);
	let topRank = clamp(seq.rankAtOrBefore(pane.top), 0, n - 1);
	if (cursorRank < topRank) topRank = cursorRank;
	else if (h > 0 && cursorRank >= topRank + h) topRank = cursorRank - h + 1;
	// Keep the window full when rows above exist (after eviction, or a filter that matches fewer).
	topRank = Math.min(topRank, Math.max(0, n - h));
	pane.cursor = seq.absAt(cursorRank);
	pane.top = seq.absAt(topRank);
	return { seq, n, cursorRank, topRank };
}

/** The live (not paused) window of a pane and how many rows arrived below an anchored view. */
export function liveWindow(
	pane: PaneViewState,
	search: SearchSession,
): { rows: readonly RowView[]; newBelow: number; newBelowRows: number } {
	const r = resolve(pane, search);
	const count = r.n === 0 ? 0 : Math.min(pane.height, r.n - r.topRank);
	const entries: Entry[] = [];
	const abs: number[] = [];
	for (let i = 0; i < count; i++) {
		const index = r.seq.absAt(r.topRank + i);
		const entry = pane.log.ring.at(index);
		if (entry === undefined) continue;
		entries.push(entry);
		abs.push(index);
	}
	const matchOf = liveMatches(pane, search, r, entries, abs);
	const rows = buildRows(pane, search, entries, abs, r.cursorRank - r.topRank, matchOf);
	const newBelow = pane.follow
		? 0
		: Math.max(0, r.n - Math.max(r.seq.rankFrom(pane.anchorEnd), r.topRank + count));
	return { rows, newBelow, newBelowRows: newBelowRows(pane, search, r, newBelow) };
}

/** What matched in each row of a live window (`buildRows`' `matchOf`). */
function liveMatches(
	pane: PaneViewState,
	search: SearchSession,
	r: Resolved,
	entries: readonly Entry[],
	abs: readonly number[],
): (i: number) => Entry | null {
	// The share whose matches are highlighted: the global search's, else the pane's own filter's.
	const ps = search.flagged(pane.log);
	if (ps === null || !ps.eligible) return () => null;
	const own = (i: number): Entry => entries[i] as Entry;
	// Every row shown matches what the pane shows: when that is the flagged share, each is a match.
	if (ps === search.shown(pane.log)) return own;
	if (!pane.compact) return (i) => (ps.matches.includes(abs[i] as number) ? own(i) : null);
	// A row is its event: it matches when any of the event's entries does, and shows the first.
	const next = r.topRank + abs.length;
	const end = next < r.n ? r.seq.absAt(next) : pane.log.ring.end;
	return (i) => firstMatchIn(pane, ps, abs[i] as number, i + 1 < abs.length ? (abs[i + 1] as number) : end);
}

/** The first entry of `ps`'s matches held at an absolute index in [from, to), or null. */
function firstMatchIn(pane: PaneViewState, ps: PaneSearch, from: number, to: number): Entry | null {
	const matches = ps.matches;
	const at = matches.at(matches.lowerBound(from));
	return at !== undefined && at < to ? (pane.log.ring.at(at) ?? null) : null;
}

/** The entries of the last `newBelow` rows: as many in a full view, more when a row is an event. */
function newBelowRows(pane: PaneViewState, search: SearchSession, r: Resolved, newBelow: number): number {
	if (!pane.compact || newBelow === 0) return newBelow;
	const first = r.seq.absAt(r.n - newBelow);
	const matches = search.shown(pane.log)?.matches;
	if (matches !== undefined) return matches.length - matches.lowerBound(first);
	return pane.log.ring.end - first;
}

/** What a paused pane shows: its frozen rows (only those matching what the pane shows, when it filters). */
export function frozenView(
	pane: PaneViewState,
	search: SearchSession,
): { entries: readonly Entry[]; abs: readonly number[] } {
	const view = filteredFrozen(pane, search);
	return pane.compact ? oneRowPerEvent(view) : view;
}

function filteredFrozen(
	pane: PaneViewState,
	search: SearchSession,
): { entries: readonly Entry[]; abs: readonly number[] } {
	const frozen = pane.frozen as Frozen;
	const shown = search.shown(pane.log);
	if (shown === null || frozen.filteredBy === shown.compiled) return frozen;
	if (!shown.eligible) return { entries: [], abs: [] };
	const compiled = shown.compiled;
	const entries: Entry[] = [];
	const abs: number[] = [];
	frozen.entries.forEach((entry, i) => {
		if (compiled.test(entry)) {
			entries.push(entry);
			abs.push(frozen.abs[i] as number);
		}
	});
	return { entries, abs };
}

/** The window of a paused pane: its frozen rows around the frozen cursor. */
export function frozenWindow(pane: PaneViewState, search: SearchSession): readonly RowView[] {
	const frozen = pane.frozen as Frozen;
	const view = frozenView(pane, search);
	const n = view.entries.length;
	frozen.cursor = clamp(frozen.cursor, 0, Math.max(0, n - 1));
	// A viewport that shrank while paused shows the part of the frozen rows around the cursor.
	const h = pane.height;
	const start = n <= h ? 0 : Math.max(0, Math.min(frozen.cursor, n - h));
	const end = Math.min(n, start + h);
	const entries = view.entries.slice(start, end);
	const abs = view.abs.slice(start, end);
	const ps = search.flagged(pane.log);
	// Frozen rows may be evicted already: test them directly rather than against the match list.
	const matchOf =
		ps === null || !ps.eligible
			? () => null
			: (i: number) => (ps.compiled.test(entries[i] as Entry) ? (entries[i] as Entry) : null);
	return buildRows(pane, search, entries, abs, frozen.cursor - start, matchOf);
}

/** The absolute index under the pane's cursor, or null when the pane shows nothing. */
export function cursorAbs(pane: PaneViewState, search: SearchSession): number | null {
	if (pane.frozen !== null) return frozenView(pane, search).abs[pane.frozen.cursor] ?? null;
	const r = resolve(pane, search);
	return r.n === 0 ? null : r.seq.absAt(r.cursorRank);
}

/**
 * The last absolute index of the row under the cursor: the cursor's own, or in compact mode the last
 * entry of its event, so that a forward jump (`n`, `e`) goes past the event rather than into it.
 */
export function cursorEndAbs(pane: PaneViewState, search: SearchSession): number | null {
	const abs = cursorAbs(pane, search);
	if (abs === null || !pane.compact || pane.frozen !== null) return abs;
	const r = resolve(pane, search);
	const next = r.seq.absAt(r.cursorRank + 1);
	return r.cursorRank + 1 < r.n ? next - 1 : pane.log.ring.end - 1;
}

/** The entry under the pane's cursor, or null. */
export function entryAtCursor(pane: PaneViewState, search: SearchSession): Entry | null {
	if (pane.frozen !== null) return frozenView(pane, search).entries[pane.frozen.cursor] ?? null;
	const abs = cursorAbs(pane, search);
	return abs === null ? null : (pane.log.ring.at(abs) ?? null);
}

/**
 * Builds the RowViews of a window, reusing the previous RowView of an entry when nothing about it
 * changed, and the previous array when no row changed (identity = "nothing to redraw").
 */
function buildRows(
	pane: PaneViewState,
	search: SearchSession,
	entries: readonly Entry[],
	abs: readonly number[],
	cursorIndex: number,
	/** The entry of row i that matched the search (its own, or in compact mode one of its event's), or null. */
	matchOf: (i: number) => Entry | null,
): readonly RowView[] {
	const previous = pane.rows;
	const reusable = pane.rowsKey === search.generation;
	const byEntry = new Map<Entry, RowView>();
	if (reusable) for (const row of previous) byEntry.set(row.entry, row);
	const compiled = search.flagged(pane.log)?.compiled ?? null;
	const rows: RowView[] = [];
	let same = reusable && entries.length === previous.length;
	for (let i = 0; i < entries.length; i++) {
		const entry = entries[i] as Entry;
		const cursor = i === cursorIndex;
		const matched = matchOf(i);
		const match = matched !== null;
		const shown = matched !== null && matched !== entry ? matched : undefined;
		const old = byEntry.get(entry);
		let row: RowView;
		if (old !== undefined && old.cursor === cursor && old.match === match && old.shown === shown) {
			row = old;
		} else {
			const ranges = match && compiled !== null ? compiled.ranges(shown ?? entry) : noRanges;
			const pathRanges = match && compiled !== null ? compiled.pathRanges(entry) : noRanges;
			row =
				shown === undefined
					? { entry, cursor, match, ranges, pathRanges }
					: { entry, cursor, match, ranges, pathRanges, shown };
		}
		if (row !== previous[i]) same = false;
		rows.push(row);
	}
	if (same) {
		pane.rowsAbs = abs;
		return previous;
	}
	pane.rows = rows.length === 0 ? noRows : rows;
	pane.rowsAbs = abs.length === 0 ? noAbs : abs;
	pane.rowsKey = search.generation;
	return pane.rows;
}
