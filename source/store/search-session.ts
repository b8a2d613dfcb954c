/**
 * The search session: the one active query of the log model, each pane's share of its matches, the
 * background scan in slices and the live matching of new arrivals.
 *
 * The scan runs in slices of at most `sliceMs` on its own scheduler (setImmediate by default: slices
 * yield to I/O, not to time), newest entries first, focused pane first; a new query cancels the running
 * one. Entries that arrive during a search are matched when a pane is read and join the results
 * without a rescan.
 *
 * Quick filters (`quick-filters.ts`) add their field tokens to the typed query: the active search's
 * `query` stays what was typed, its `parsed` is the combination. A quick filter turned on shows only
 * what matches (filter mode); with no typed text and none on, there is no search.
 *
 * Scope: "all" by default (every pane is searched, filter mode filters every pane); "pane" limits the
 * search to the pane focused when the search was set. `matchIndex`/`matchCount` of the snapshot always
 * refer to the focused pane.
 */
import { IndexList } from "./index-list.js";
import type { PaneSearch, PaneState } from "./pane-state.js";
import { isEmptyQuery, type ParsedQuery, parseQuery } from "./query.js";
import {
	anyQuickFilter,
	noQuickFilters,
	type QuickFilterKind,
	type QuickFilters,
	quickFilterChips,
	quickFilterTokens,
	toggleQuickFilter,
} from "./quick-filters.js";
import { type CompiledQuery, compileQuery } from "./search.js";
import type { Entry, SearchMode, SearchScope, SearchSnapshot } from "./types.js";

/** The query being searched for and how its results are shown. */
export interface ActiveSearch {
	readonly query: string;
	mode: SearchMode;
	readonly scope: SearchScope;
	/** With scope "pane": the pane it applies to. */
	readonly paneId: string | null;
	readonly parsed: ParsedQuery;
	/** null for an empty query (nothing to match: every row shows, none is flagged). */
	readonly compiled: CompiledQuery | null;
}

/** What the session needs from the model around it. */
export interface SearchHost {
	panes(): readonly PaneState[];
	focused(): PaneState | undefined;
	/** Marks a pane changed (its snapshot is rebuilt on the next publish). */
	touch(pane: PaneState): void;
	/** Marks the model changed (publish on the next frame). */
	markDirty(): void;
	/** Publish on the next microtask (an answer the user waits for). */
	soon(): void;
	/** Pins a pane's cursor to its entry before the row sequence changes (filter mode toggles). */
	settle(pane: PaneState): void;
	/** Rows show UTC clock times (literal text matches the time as shown). */
	utcTimes(): boolean;
	/** The search or its mode changed: paused panes refreeze what they show (see `pane-moves.ts`). */
	changed(): void;
}

/** Rows of a prepended batch matched at once when the scan was done (~a slice's worth). */
const PREPEND_MATCH_ROWS = 4096;

export class SearchSession {
	readonly #host: SearchHost;
	readonly #schedule: (callback: () => void) => void;
	readonly #sliceMs: number;
	#active: ActiveSearch | null = null;
	/** Bumped on every search change: scans of an older generation stop; cached rows are rebuilt. */
	#generation = 0;
	#scanScheduled = false;
	/** The current search has published matches (its first ones are published at once). */
	#shown = false;
	#snapshot: SearchSnapshot | null = null;
	#disposed = false;
	#quick: QuickFilters = noQuickFilters;

	constructor(host: SearchHost, schedule: (callback: () => void) => void, sliceMs: number) {
		this.#host = host;
		this.#schedule = schedule;
		this.#sliceMs = sliceMs;
	}

	get active(): ActiveSearch | null {
		return this.#active;
	}

	/** Changes with every new query or clear: rows built for another generation are rebuilt. */
	get generation(): number {
		return this.#generation;
	}

	get compiled(): CompiledQuery | null {
		return this.#active?.compiled ?? null;
	}

	/** The pane shows only the matches. */
	filtering(pane: PaneState): boolean {
		return pane.search !== null && this.#active?.mode === "filter";
	}

	set(query: string, options?: { mode?: SearchMode; scope?: SearchScope }): void {
		const current = this.#active;
		const mode = options?.mode ?? current?.mode ?? "find";
		const scope = options?.scope ?? current?.scope ?? "all";
		const paneId = scope === "pane" ? (this.#host.focused()?.id ?? null) : null;
		if (current !== null && current.query === query && current.scope === scope && current.paneId === paneId) {
			if (current.mode !== mode) this.#setMode(mode);
			return;
		}
		this.#start(query, mode, scope, paneId);
		this.#host.soon();
	}

	/** Toggles a quick filter (turning one on switches to filter mode). */
	toggleQuick(kind: QuickFilterKind, route?: string): void {
		const before = this.#quick;
		const next = toggleQuickFilter(before, kind, route);
		if (next === before) return;
		this.#quick = next;
		const current = this.#active;
		const query = current?.query ?? "";
		if (query === "" && !anyQuickFilter(next)) {
			this.clear();
			return;
		}
		const turnedOn = quickFilterTokens(next).length > quickFilterTokens(before).length;
		const mode = turnedOn ? "filter" : (current?.mode ?? "filter");
		const scope = current?.scope ?? "all";
		this.#start(query, mode, scope, current?.paneId ?? null);
		this.#host.soon();
	}

	/** The quick filters that are on. */
	get quick(): QuickFilters {
		return this.#quick;
	}

	/** Clears the typed query and the quick filters. */
	clear(): void {
		this.#quick = noQuickFilters;
		if (this.#active === null) return;
		this.#active = null;
		this.#generation++;
		for (const pane of this.#host.panes()) {
			pane.search = null;
			this.#host.touch(pane);
		}
		this.#host.changed();
		this.#host.soon();
	}

	toggleMode(): void {
		const active = this.#active;
		if (active !== null) this.#setMode(active.mode === "find" ? "filter" : "find");
	}

	/** The clock format changed: a literal query is run again (it matches the time as shown). */
	timeFormatChanged(): void {
		const active = this.#active;
		if (active?.compiled && !active.parsed.fuzzy && active.parsed.text !== "") {
			this.#start(active.query, active.mode, active.scope, active.paneId);
		}
	}

	/** Names changed: a query with `project:` tokens is run again (its panes may differ now). */
	namesChanged(): void {
		const active = this.#active;
		if (active?.compiled && active.parsed.filters.some((f) => f.field === "project")) {
			this.#start(active.query, active.mode, active.scope, active.paneId);
		}
	}

	/** Gives a pane that appeared (or was reopened with its buffer) during a search its share of it. */
	attach(pane: PaneState): void {
		const active = this.#active;
		if (active === null) {
			pane.search = null;
			return;
		}
		pane.search = this.#paneSearch(pane, active);
		this.#scheduleScan();
	}

	/** Matches entries that arrived since the last call (live results, no rescan). */
	matchLive(pane: PaneState): void {
		const ps = pane.search;
		const compiled = this.compiled;
		if (ps === null || !ps.eligible || compiled === null) return;
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
	 * Older rows were put in front of a pane's rows (indices below `startBefore`). A scan still
	 * running simply goes on down over them; a finished one matches them now, newest first, up to
	 * `PREPEND_MATCH_ROWS` (the rest, if any, is left to the background scan).
	 */
	prepended(pane: PaneState, startBefore: number): void {
		const ps = pane.search;
		const compiled = this.compiled;
		if (ps === null || !ps.eligible || compiled === null) return;
		const ring = pane.ring;
		if (ps.scanNext < startBefore) {
			const stop = Math.max(ring.start, startBefore - PREPEND_MATCH_ROWS);
			let i = startBefore - 1;
			for (; i >= stop; i--) if (compiled.test(ring.at(i) as Entry)) ps.matches.pushOlder(i);
			ps.scanNext = i;
		}
		this.#host.touch(pane);
		this.#scheduleScan();
	}

	/** The background scan has older entries of this pane left to examine. */
	scanPending(pane: PaneState): boolean {
		const ps = pane.search;
		return ps?.eligible === true && ps.scanNext >= pane.ring.start;
	}

	/** In filter mode: the pane's entries known not to match; otherwise 0. */
	hidden(pane: PaneState): number {
		const ps = pane.search;
		if (ps === null || this.#active?.mode !== "filter") return 0;
		const ring = pane.ring;
		if (!ps.eligible) return ring.size;
		const unscanned = Math.max(0, ps.scanNext - ring.start + 1);
		return Math.max(0, ring.size - unscanned - ps.matches.length);
	}

	/**
	 * The search as the status bar shows it (the previous object when nothing changed).
	 * @param cursorAbs the absolute index under a pane's cursor, or null
	 */
	snapshot(cursorAbs: (pane: PaneState) => number | null): SearchSnapshot | null {
		const active = this.#active;
		if (active === null) {
			this.#snapshot = null;
			return null;
		}
		let matchIndex = 0;
		let matchCount = 0;
		const pane = this.#host.focused();
		const ps = pane?.search;
		if (pane !== undefined && ps?.eligible === true) {
			pane.prune();
			matchCount = ps.matches.length;
			const cursor = cursorAbs(pane);
			if (cursor !== null) {
				const rank = ps.matches.lowerBound(cursor);
				if (ps.matches.at(rank) === cursor) matchIndex = rank + 1;
			}
		}
		const pending = this.#host.panes().some((p) => this.scanPending(p));
		const next: SearchSnapshot = {
			query: active.query,
			chips: quickFilterChips(this.#quick),
			fuzzy: active.parsed.fuzzy,
			mode: active.mode,
			scope: active.scope,
			matchIndex,
			matchCount,
			pending,
			error: active.parsed.error,
		};
		const previous = this.#snapshot;
		if (previous !== null && sameSearch(previous, next)) return previous;
		this.#snapshot = next;
		return next;
	}

	dispose(): void {
		this.#disposed = true;
		this.#generation++;
	}

	#inScope(pane: PaneState, active: ActiveSearch): boolean {
		return active.scope === "all" || pane.id === active.paneId;
	}

	#paneSearch(pane: PaneState, active: ActiveSearch): PaneSearch | null {
		const compiled = active.compiled;
		if (compiled === null || !this.#inScope(pane, active)) return null;
		const eligible = compiled.paneMatches(pane.id, pane.name);
		const end = pane.ring.end;
		return {
			matches: new IndexList(),
			eligible,
			scanNext: eligible ? end - 1 : Number.NEGATIVE_INFINITY,
			liveFrom: end,
		};
	}

	#start(query: string, mode: SearchMode, scope: SearchScope, paneId: string | null): void {
		const parsed = parseQuery([query, ...quickFilterTokens(this.#quick)].join(" "));
		const compiled = isEmptyQuery(parsed) ? null : compileQuery(parsed, { utc: this.#host.utcTimes() });
		const active: ActiveSearch = { query, mode, scope, paneId, parsed, compiled };
		this.#active = active;
		this.#generation++;
		this.#shown = false;
		for (const pane of this.#host.panes()) {
			pane.search = this.#paneSearch(pane, active);
			this.#host.touch(pane);
		}
		this.#host.changed();
		this.#host.markDirty();
		this.#scheduleScan();
	}

	#setMode(mode: SearchMode): void {
		const active = this.#active;
		if (active === null || active.mode === mode) return;
		// Keep the cursor on the same entry where it can be: resolve it before the sequence changes.
		for (const pane of this.#host.panes()) {
			if (pane.search === null) continue;
			this.#host.settle(pane);
			this.#host.touch(pane);
		}
		active.mode = mode;
		this.#host.changed();
		this.#host.markDirty();
		this.#host.soon();
	}

	#scheduleScan(): void {
		if (this.#scanScheduled || this.#disposed) return;
		if (!this.#host.panes().some((pane) => this.scanPending(pane))) return;
		this.#scanScheduled = true;
		const generation = this.#generation;
		this.#schedule(() => {
			this.#scanScheduled = false;
			if (generation !== this.#generation) {
				// A newer query replaced this one while it waited: run the new one instead.
				this.#scheduleScan();
				return;
			}
			this.#scanSlice();
		});
	}

	/**
	 * One slice of the background scan: newest entries first, focused pane first, until the time budget
	 * is spent. Every 32 entries it checks the clock (performance.now costs ~50 ns).
	 */
	#scanSlice(): void {
		const compiled = this.compiled;
		if (compiled === null || this.#disposed) return;
		const deadline = performance.now() + this.#sliceMs;
		const panes = this.#host.panes();
		const focused = this.#host.focused();
		const order = focused === undefined ? panes : [focused, ...panes.filter((p) => p !== focused)];
		let outOfTime = false;
		let found = false;
		for (const pane of order) {
			const ps = pane.search;
			if (ps === null || !ps.eligible) continue;
			const ring = pane.ring;
			const start = ring.start;
			let i = ps.scanNext;
			if (i < start) continue;
			const matches = ps.matches;
			const before = matches.length;
			while (i >= start) {
				if (compiled.test(ring.at(i) as Entry)) matches.pushOlder(i);
				i--;
				if ((i & 31) === 0 && performance.now() >= deadline) {
					outOfTime = true;
					break;
				}
			}
			ps.scanNext = i;
			if (matches.length > before) found = true;
			this.#host.touch(pane);
			if (outOfTime) break;
		}
		this.#host.markDirty();
		// The first matches of a search are shown at once, not at the next frame: a search answers as
		// it is typed. Later progress (and its end) follows the frame interval.
		if (found && !this.#shown) {
			this.#shown = true;
			this.#host.soon();
		}
		if (outOfTime) this.#scheduleScan();
	}
}

function sameSearch(a: SearchSnapshot, b: SearchSnapshot): boolean {
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
