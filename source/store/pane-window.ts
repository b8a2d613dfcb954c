/**
 * What a pane shows: its rows in display order (everything, or only the matches in filter mode), its
 * cursor and top resolved against them, the visible window, and the frozen rows of a paused pane.
 * Reading a window costs O(height) (plus O(log n) in filter mode), never O(buffer).
 */
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

/** Clamps `value` into [lo, hi]. */
export function clamp(value: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, value));
}

function sequence(pane: PaneViewState, search: SearchSession): Sequence {
	pane.log.prune();
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
): { rows: readonly RowView[]; newBelow: number } {
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
	const ps = search.flagged(pane.log);
	const isMatch =
		ps === null || !ps.eligible
			? () => false
			: ps === search.shown(pane.log)
				? () => true
				: (i: number) => ps.matches.includes(abs[i] as number);
	const rows = buildRows(pane, search, entries, abs, r.cursorRank - r.topRank, isMatch);
	const newBelow = pane.follow
		? 0
		: Math.max(0, r.n - Math.max(r.seq.rankFrom(pane.anchorEnd), r.topRank + count));
	return { rows, newBelow };
}

/** What a paused pane shows: its frozen rows (only those matching what the pane shows, when it filters). */
export function frozenView(
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
	const isMatch =
		ps === null || !ps.eligible ? () => false : (i: number) => ps.compiled.test(entries[i] as Entry);
	return buildRows(pane, search, entries, abs, frozen.cursor - start, isMatch);
}

/** The absolute index under the pane's cursor, or null when the pane shows nothing. */
export function cursorAbs(pane: PaneViewState, search: SearchSession): number | null {
	if (pane.frozen !== null) return frozenView(pane, search).abs[pane.frozen.cursor] ?? null;
	const r = resolve(pane, search);
	return r.n === 0 ? null : r.seq.absAt(r.cursorRank);
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
	isMatch: (i: number) => boolean,
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
		const match = isMatch(i);
		const old = byEntry.get(entry);
		let row: RowView;
		if (old !== undefined && old.cursor === cursor && old.match === match) {
			row = old;
		} else {
			const ranges = match && compiled !== null ? compiled.ranges(entry) : noRanges;
			const pathRanges = match && compiled !== null ? compiled.pathRanges(entry) : noRanges;
			row = { entry, cursor, match, ranges, pathRanges };
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
