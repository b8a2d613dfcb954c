/**
 * A pane's own filter (`F`): a query in the same language as the global search, scoped to one pane,
 * that always filters (only its matches are shown there). It sits beside the global search and both
 * apply (AND): the pane's share of the global search is compiled with the filter ANDed in
 * (`pane-search.ts`), so the global matches of a filtered pane are always among what it shows.
 *
 * Which share decides what a pane shows and which rows are flagged (`SearchSession.shown` /
 * `flagged`):
 *   global in filter mode  → shows the global share (global AND own); every row shown is a match
 *   global in find mode    → shows the own share; flags the global share (global AND own)
 *   no global search       → shows the own share; every row shown is flagged with its highlights
 */
import { newShare } from "./pane-search.js";
import type { OwnFilter, PaneSearch, PaneState } from "./pane-state.js";
import { isEmptyQuery, type ParsedQuery, parseQuery } from "./query.js";
import { compileQuery } from "./search.js";

/**
 * The pane's own filter for `query` (as typed), with a fresh share; null for an empty query (no
 * filter). A query with nothing to match (only a malformed token) keeps its text and error, no share.
 * @param utc rows show UTC clock times (literal text matches the time as shown)
 */
export function ownFilter(pane: PaneState, query: string, utc: boolean): OwnFilter | null {
	if (query.trim() === "") return null;
	const parsed = parseQuery(query);
	const share = isEmptyQuery(parsed) ? null : newShare(pane, compileQuery(parsed, { utc }));
	return { query, parsed, share };
}

/** Whether the filter must be compiled again when the clock format changes (literal text matches it). */
export function dependsOnClock(own: OwnFilter): boolean {
	return own.share !== null && !own.parsed.fuzzy && own.parsed.text !== "";
}

/** Whether the filter must be compiled again when project names change (`project:` tokens). */
export function dependsOnNames(own: OwnFilter): boolean {
	return own.parsed.filters.some((f) => f.field === "project");
}

/** The pane's own filter share, when it has one that matches anything. */
export function ownShare(pane: PaneState): PaneSearch | null {
	return pane.own?.share ?? null;
}

/**
 * The field tokens of what a pane shows, for the history endpoint's server-side filters: the global
 * search's (when it filters) and the pane's own filter's together (both must hold of every row shown).
 * @param global the global search's parsed query when it filters this pane, else null
 */
export function shownFilters(pane: PaneState, global: ParsedQuery | null): ParsedQuery | null {
	const own = pane.own?.share != null ? (pane.own as OwnFilter).parsed : null;
	if (global === null) return own;
	if (own === null) return global;
	return { ...global, filters: [...global.filters, ...own.filters] };
}
