/**
 * The search session: the one active query of the log model, each pane's share of its matches, the
 * background scan in slices and the live matching of new arrivals.
 *
 * The scan runs in slices of at most `sliceMs` on its own scheduler (`search-scan.ts`), newest
 * entries first, focused pane first; a new query cancels the running one. Entries that arrive during a
 * search are matched when a pane is read and join the results without a rescan (`pane-search.ts`: one
 * pane's share).
 *
 * Quick filters (`quick-filters.ts`) add their field tokens to the typed query: the active search's
 * `query` stays what was typed, its `parsed` is the combination. A quick filter turned on shows only
 * what matches (filter mode); with no typed text and none on, there is no search.
 *
 * Scope: "all" by default (every pane is searched, filter mode filters every pane); "pane" limits the
 * search to the pane focused when the search was set. `matchIndex`/`matchCount` of the snapshot always
 * refer to the focused pane.
 *
 * Beside it, each pane may have its own filter (`F`, `pane-filters.ts`): both apply (AND). `shown`
 * says which share's matches a pane shows, `flagged` which rows are marked as matches.
 */
import { dependsOnClock, dependsOnNames, ownFilter, ownShare } from "./pane-filters.js";
import {
	knownMisses,
	matchArrivals,
	matchPrepended,
	newPaneSearch,
	scanPending,
	sharesOf,
} from "./pane-search.js";
import type { PaneSearch, PaneState } from "./pane-state.js";
import { isEmptyQuery, type ParsedQuery, parseQuery } from "./query.js";
import {
	anyQuickFilter,
	noQuickFilters,
	type QuickFilterKind,
	type QuickFilters,
	quickFilterTokens,
	toggleQuickFilter,
} from "./quick-filters.js";
import { type CompiledQuery, compileQuery } from "./search.js";
import { type ScanHost, SearchScan } from "./search-scan.js";
import { sameSearch, searchSnapshot } from "./search-snapshot.js";
import type { SearchMode, SearchScope, SearchSnapshot } from "./types.js";

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

/** What the session needs from the model around it (the scan's needs and more). */
export interface SearchHost extends ScanHost {
	/** Pins a pane's cursor to its entry before the row sequence changes (filter mode toggles). */
	settle(pane: PaneState): void;
	/** Rows show UTC clock times (literal text matches the time as shown). */
	utcTimes(): boolean;
	/** The search or its mode changed: paused panes refreeze what they show (see `pane-moves.ts`). */
	changed(): void;
}

export class SearchSession {
	readonly #host: SearchHost;
	readonly #scan: SearchScan;
	#active: ActiveSearch | null = null;
	/** Bumped on every search change: cached rows are rebuilt. */
	#generation = 0;
	#snapshot: SearchSnapshot | null = null;
	#quick: QuickFilters = noQuickFilters;

	constructor(host: SearchHost, schedule: (callback: () => void) => void, sliceMs: number) {
		this.#host = host;
		this.#scan = new SearchScan(host, schedule, sliceMs);
	}

	get active(): ActiveSearch | null {
		return this.#active;
	}

	/** Changes with every new query or clear: rows built for another generation are rebuilt. */
	get generation(): number {
		return this.#generation;
	}

	/** The pane shows only the matches (of the global search in filter mode, or of its own filter). */
	filtering(pane: PaneState): boolean {
		return this.shown(pane) !== null;
	}

	/**
	 * The share whose matches the pane shows: the global one (its own filter ANDed in) in filter mode,
	 * else its own filter's; null when it shows every row.
	 */
	shown(pane: PaneState): PaneSearch | null {
		if (pane.search !== null && this.#active?.mode === "filter") return pane.search;
		return ownShare(pane);
	}

	/** The share whose matches are flagged (and highlighted) in the pane: the global one, else its own filter's. */
	flagged(pane: PaneState): PaneSearch | null {
		return pane.search ?? ownShare(pane);
	}

	/**
	 * Sets (or with "" clears) a pane's own filter. It always filters; the global search goes on
	 * within it.
	 */
	setPaneFilter(pane: PaneState, query: string): void {
		if ((pane.own?.query ?? "") === query) return;
		this.#host.settle(pane);
		pane.own = ownFilter(pane, query, this.#host.utcTimes());
		this.#reshare(pane);
		this.#host.soon();
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
		this.#scan.restart();
		for (const pane of this.#host.panes()) {
			pane.search = null;
			this.#host.touch(pane);
		}
		this.#host.changed();
		// Panes' own filters may still have rows to scan.
		this.#scan.schedule();
		this.#host.soon();
	}

	toggleMode(): void {
		const active = this.#active;
		if (active !== null) this.#setMode(active.mode === "find" ? "filter" : "find");
	}

	/** The clock format changed: a literal query is run again (it matches the time as shown). */
	timeFormatChanged(): void {
		this.#recompileOwn(dependsOnClock);
		const active = this.#active;
		if (active?.compiled && !active.parsed.fuzzy && active.parsed.text !== "") {
			this.#start(active.query, active.mode, active.scope, active.paneId);
		}
	}

	/** Names changed: a query with `project:` tokens is run again (its panes may differ now). */
	namesChanged(): void {
		this.#recompileOwn(dependsOnNames);
		const active = this.#active;
		if (active?.compiled && active.parsed.filters.some((f) => f.field === "project")) {
			this.#start(active.query, active.mode, active.scope, active.paneId);
		}
	}

	/** Gives a pane that appeared (or was reopened with its buffer) during a search its share of it. */
	attach(pane: PaneState): void {
		// A reopened pane keeps its own filter: its share is rebuilt like the global one.
		if (pane.own !== null) pane.own = ownFilter(pane, pane.own.query, this.#host.utcTimes());
		const active = this.#active;
		pane.search = active === null ? null : newPaneSearch(pane, active);
		this.#scan.schedule();
	}

	/** Matches entries that arrived since the last call (live results, no rescan). */
	matchLive(pane: PaneState): void {
		matchArrivals(pane);
	}

	/**
	 * Older rows were put in front of a pane's rows (indices below `startBefore`): they join its
	 * matches (see `matchPrepended`), the rest through the background scan.
	 */
	prepended(pane: PaneState, startBefore: number): void {
		if (!sharesOf(pane).some((ps) => ps.eligible)) return;
		matchPrepended(pane, startBefore);
		this.#host.touch(pane);
		this.#scan.schedule();
	}

	/** The background scan has older entries of this pane left to examine. */
	scanPending(pane: PaneState): boolean {
		return scanPending(pane);
	}

	/** The pane's entries known not to match what it shows (0 when it shows every row). */
	hidden(pane: PaneState): number {
		const shown = this.shown(pane);
		return shown === null ? 0 : knownMisses(pane, shown);
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
		const panes = this.#host.panes();
		const next = searchSnapshot(active, this.#quick, this.#host.focused(), panes, cursorAbs);
		const previous = this.#snapshot;
		if (previous !== null && sameSearch(previous, next)) return previous;
		this.#snapshot = next;
		return next;
	}

	dispose(): void {
		this.#scan.dispose();
		this.#generation++;
	}

	#start(query: string, mode: SearchMode, scope: SearchScope, paneId: string | null): void {
		const parsed = parseQuery([query, ...quickFilterTokens(this.#quick)].join(" "));
		const compiled = isEmptyQuery(parsed) ? null : compileQuery(parsed, { utc: this.#host.utcTimes() });
		const active: ActiveSearch = { query, mode, scope, paneId, parsed, compiled };
		this.#active = active;
		this.#generation++;
		this.#scan.restart();
		for (const pane of this.#host.panes()) {
			pane.search = newPaneSearch(pane, active);
			this.#host.touch(pane);
		}
		this.#host.changed();
		this.#host.markDirty();
		this.#scan.schedule();
	}

	/** A pane's own filter changed: its share of the global search is rebuilt with it, rows rebuilt. */
	#reshare(pane: PaneState): void {
		const active = this.#active;
		pane.search = active === null ? null : newPaneSearch(pane, active);
		this.#generation++;
		this.#scan.restart();
		this.#host.touch(pane);
		this.#host.changed();
		this.#host.markDirty();
		this.#scan.schedule();
	}

	/** Compiles the panes' own filters again where `stale` says the change affects them. */
	#recompileOwn(stale: (own: NonNullable<PaneState["own"]>) => boolean): void {
		for (const pane of this.#host.panes()) {
			const own = pane.own;
			if (own === null || !stale(own)) continue;
			pane.own = ownFilter(pane, own.query, this.#host.utcTimes());
			this.#reshare(pane);
		}
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
}
