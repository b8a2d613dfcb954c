/**
 * Moving in a pane: the cursor, pages, top and bottom, pause and resume, and jumps to the next match
 * or exception. A live pane moves over its sequence (leaving follow mode on any upward move); a paused
 * pane moves over its frozen rows.
 */

import { clamp } from "../util/clamp.js";
import type { Frozen, PaneViewState } from "./pane-view-state.js";
import { cursorAbs, cursorEndAbs, frozenView, type Resolved, resolve } from "./pane-window.js";
import type { SearchSession } from "./search-session.js";
import type { Entry } from "./types.js";

/** What the moves need from the model around them. */
export interface MoveHost {
	readonly search: SearchSession;
	/** Marks a pane changed. */
	touch(pane: PaneViewState): void;
	/** Publish on the next microtask. */
	soon(): void;
	/** A transient message for the status bar ("no match"). */
	notice(text: string): void;
	/** Publishes now (a pause freezes what was last published). */
	publishNow(): void;
}

/** Leaves follow mode keeping the view where it is. */
function anchor(pane: PaneViewState, r: Resolved): void {
	if (!pane.follow) return;
	pane.follow = false;
	pane.anchorEnd = pane.log.ring.end;
	pane.top = r.seq.absAt(r.topRank);
	pane.cursor = r.seq.absAt(r.cursorRank);
}

function changed(host: MoveHost, pane: PaneViewState): void {
	host.touch(pane);
	host.soon();
}

/** Moves the cursor (and the top) by a number of rows. */
export function moveBy(host: MoveHost, pane: PaneViewState, cursorDelta: number, topDelta: number): void {
	if (pane.frozen !== null) {
		moveFrozen(host, pane, pane.frozen.cursor + cursorDelta);
		return;
	}
	const r = resolve(pane, host.search);
	if (r.n === 0 || (pane.follow && cursorDelta >= 0)) return;
	const cursorRank = clamp(r.cursorRank + cursorDelta, 0, r.n - 1);
	if (cursorDelta > 0 && cursorRank === r.n - 1) {
		// Reaching the newest row resumes following, as in less +F / lnav.
		pane.follow = true;
	} else {
		anchor(pane, r);
		pane.cursor = r.seq.absAt(cursorRank);
		pane.top = r.seq.absAt(clamp(r.topRank + topDelta, 0, Math.max(0, r.n - pane.height)));
	}
	changed(host, pane);
}

function moveFrozen(host: MoveHost, pane: PaneViewState, index: number): void {
	const frozen = pane.frozen as Frozen;
	const n = frozenView(pane, host.search).entries.length;
	const cursor = clamp(index, 0, Math.max(0, n - 1));
	if (cursor === frozen.cursor) return;
	frozen.cursor = cursor;
	changed(host, pane);
}

/** Puts the cursor on the oldest row. */
export function toTop(host: MoveHost, pane: PaneViewState): void {
	if (pane.frozen !== null) {
		moveFrozen(host, pane, 0);
		return;
	}
	const r = resolve(pane, host.search);
	if (r.n === 0) return;
	anchor(pane, r);
	pane.cursor = pane.top = r.seq.absAt(0);
	changed(host, pane);
}

/** Puts the cursor on the newest row; a live pane follows again. */
export function toBottom(host: MoveHost, pane: PaneViewState): void {
	if (pane.frozen !== null) {
		moveFrozen(host, pane, pane.frozen.entries.length - 1);
		return;
	}
	pane.follow = true;
	changed(host, pane);
}

/** Puts the cursor on an absolute index (a jump), leaving follow mode. */
function jumpTo(host: MoveHost, pane: PaneViewState, abs: number): void {
	anchor(pane, resolve(pane, host.search));
	pane.cursor = abs;
	changed(host, pane);
}

/** Freezes exactly what the pane shows: the rows last published (publishing first if it has none). */
export function pause(host: MoveHost, pane: PaneViewState): void {
	if (pane.paused) return;
	if (pane.snapshot === null) host.publishNow();
	const rows = pane.rows;
	const cursor = rows.findIndex((row) => row.cursor);
	pane.frozen = {
		entries: rows.map((row) => row.entry),
		abs: pane.rowsAbs,
		cursor: Math.max(0, cursor),
		filteredBy: host.search.shown(pane.log)?.compiled ?? null,
	};
	pane.paused = true;
	pane.pausedAtEnd = pane.log.ring.end;
	pane.pausedAtEvents = pane.log.events;
	host.touch(pane);
}

/** How long a refreeze may look for matching rows around the cursor (a key's work, like a slice). */
const REFREEZE_MS = 4;

/**
 * What a paused pane shows changed (a filter set, changed or cleared: Esc, `f`, a new query, its own
 * filter): refreezes it with what it shows now, so the rows never claim less than the header says.
 * The new window is the buffer as it was at the pause (entries since are not shown), only the rows
 * that match now, around the entry under the cursor, which keeps its screen row where it can.
 * Entries evicted since the pause are gone from it.
 */
export function refreezeFrozen(host: MoveHost, pane: PaneViewState): void {
	const frozen = pane.frozen;
	if (frozen === null) return;
	const shown = host.search.shown(pane.log);
	const by = shown === null ? null : shown.compiled;
	if (by === frozen.filteredBy) return;
	const ring = pane.log.ring;
	const lo = ring.start;
	const hi = Math.min(ring.end, pane.pausedAtEnd);
	const h = Math.max(1, pane.height);
	if (hi <= lo) {
		pane.frozen = { entries: [], abs: [], cursor: 0, filteredBy: by };
		host.touch(pane);
		return;
	}
	const eligible = shown === null || shown.eligible;
	const passes = (i: number): boolean => eligible && (by === null || by.test(ring.at(i) as Entry));
	const deadline = performance.now() + REFREEZE_MS;
	const late = (i: number): boolean => (i & 31) === 0 && performance.now() >= deadline;
	const pivot = clamp(frozen.abs[frozen.cursor] ?? hi - 1, lo, hi - 1);
	const after: number[] = [];
	for (let i = pivot; i < hi && after.length < h && !late(i); i++) if (passes(i)) after.push(i);
	// With no row at or after the pivot the cursor goes to the nearest one before: h rows above it then.
	const wanted = after.length > 0 ? h - 1 : h;
	const before: number[] = [];
	for (let i = pivot - 1; i >= lo && before.length < wanted && !late(i); i--) if (passes(i)) before.push(i);
	const all = [...before.reverse(), ...after];
	const at = after.length > 0 ? before.length : before.length - 1;
	const first = clamp(at - Math.min(frozen.cursor, h - 1), 0, Math.max(0, all.length - h));
	const abs = all.slice(first, first + h);
	pane.frozen = {
		entries: abs.map((i) => ring.at(i) as Entry),
		abs,
		cursor: Math.max(0, at - first),
		filteredBy: by,
	};
	host.touch(pane);
}

/** Drops the frozen rows and follows the newest entry again. */
export function resume(host: MoveHost, pane: PaneViewState): void {
	if (!pane.paused) return;
	pane.paused = false;
	pane.frozen = null;
	pane.follow = true;
	host.touch(pane);
}

/** Moves the cursor to the next (1) or previous (-1) match, wrapping around with a notice. */
export function jumpToMatch(host: MoveHost, pane: PaneViewState, direction: 1 | -1): void {
	const search = host.search;
	const ps = pane.log.search;
	if (ps === null) return;
	if (pane.frozen !== null) {
		// The pane's share: the global search within the pane's own filter.
		const compiled = ps.compiled;
		jumpInFrozen(host, pane, direction, (entry) => compiled.test(entry), "no match in the paused rows");
		return;
	}
	search.matchLive(pane.log);
	pane.log.prune();
	const matches = ps.matches;
	if (!ps.eligible || matches.length === 0) {
		host.notice(search.scanPending(pane.log) ? "no match yet (still searching)" : "no match");
		return;
	}
	const cursor = cursorAbs(pane, search) ?? pane.log.ring.end;
	// Forward from the end of the cursor's row (one row may be a whole event: compact mode).
	const after = (direction > 0 ? cursorEndAbs(pane, search) : null) ?? cursor;
	let rank = direction > 0 ? matches.lowerBound(after + 1) : matches.lowerBound(cursor) - 1;
	if (rank >= matches.length) {
		rank = 0;
		host.notice("search wrapped to the top");
	} else if (rank < 0) {
		rank = matches.length - 1;
		host.notice("search wrapped to the bottom");
	}
	jumpTo(host, pane, matches.at(rank) as number);
}

/** Moves the cursor to the next (1) or previous (-1) exception row that is shown. */
export function jumpToException(host: MoveHost, pane: PaneViewState, direction: 1 | -1): void {
	if (pane.frozen !== null) {
		const none = "no exception in the paused rows";
		// A compact row stands for its event: it has an exception when the event has one.
		const test = (entry: Entry): boolean =>
			entry.kind === "exception" || (pane.compact && (entry.event?.exceptions.length ?? 0) > 0);
		jumpInFrozen(host, pane, direction, test, none);
		return;
	}
	pane.log.prune();
	const index = pane.log.exceptionIndex;
	const cursor = cursorAbs(pane, host.search);
	if (cursor === null || index.length === 0) {
		host.notice("no exception");
		return;
	}
	const shown = host.search.shown(pane.log);
	const after = (direction > 0 ? cursorEndAbs(pane, host.search) : null) ?? cursor;
	let rank = direction > 0 ? index.lowerBound(after + 1) : index.lowerBound(cursor) - 1;
	// When the pane filters (global filter mode, or its own filter) only exceptions that are shown count.
	while (rank >= 0 && rank < index.length) {
		const abs = index.at(rank) as number;
		if (shown === null || (shown.eligible && shown.matches.includes(abs))) {
			jumpTo(host, pane, abs);
			return;
		}
		rank += direction;
	}
	host.notice(direction > 0 ? "no later exception" : "no earlier exception");
}

function jumpInFrozen(
	host: MoveHost,
	pane: PaneViewState,
	direction: 1 | -1,
	test: (entry: Entry) => boolean,
	none: string,
): void {
	const frozen = pane.frozen as Frozen;
	const entries = frozenView(pane, host.search).entries;
	for (let i = frozen.cursor + direction; i >= 0 && i < entries.length; i += direction) {
		if (test(entries[i] as Entry)) {
			moveFrozen(host, pane, i);
			return;
		}
	}
	host.notice(none);
}
