/**
 * The search engine: compiles a parsed query into a per-entry test. Literal text (the default) is a
 * case-insensitive substring of the whole row as shown (`row-text.ts`: time, status, method, path,
 * level, message); its highlights are every occurrence in the message and in the path. Fuzzy text
 * (`~` queries) is prefiltered cheaply before fuse.js (`fuzzy-match.ts`), and fuse.js's match indices
 * become highlight ranges of `Entry.text`. Field tokens are plain comparisons (`search-fields.ts`).
 *
 * Literal cost: the message is checked first (most hits end there); only a miss builds the rest of
 * the row, and the clock text only when the needle holds a character a clock can show.
 *
 * What fuzzy text is searched: the message. For log, exception and gap rows that is `Entry.text`, so
 * `^word` and `word$` anchor at the ends of the message and highlight ranges index it directly. A bare
 * request row (an event that logged nothing, text "") is searched as `METHOD path status`
 * (`POST /api/cart 204`): it matches, but has nothing to highlight. The URL of a log row's request is
 * not part of its text: `path:` narrows by URL (and `method:`, `status:` by the rest of the request).
 *
 * Results stay in time order (a log is a timeline): fuse.js's score decides membership (threshold
 * 0.4), not the order.
 */

import { createSearcher, highlightPattern, prefilter, type Searcher } from "./fuzzy-match.js";
import type { ParsedQuery } from "./query.js";
import { needsClock, rowTextAfterTime, visibleRowText } from "./row-text.js";
import { type EntryTest, fieldTest, type ProjectFilter, projectTest } from "./search-fields.js";
import type { Entry, MatchRange } from "./types.js";

/**
 * The text a query's fuzzy part is matched against: what the row shows. For log, exception and gap
 * rows that is `Entry.text`; a bare request row (text "") shows its request, so it is searched as
 * `METHOD path status`.
 */
export function searchableText(entry: Entry): string {
	if (entry.kind !== "request") return entry.text;
	const request = entry.event?.request;
	if (request == null) return entry.text;
	return [request.method, request.path, request.status === 0 ? "" : String(request.status)]
		.filter((part) => part !== "")
		.join(" ");
}

export interface CompiledQuery {
	readonly parsed: ParsedQuery;
	/** Whether a pane can hold matches at all (`project:` tokens). */
	paneMatches(projectUuid: string, name: string | undefined): boolean;
	/** Whether an entry matches: field tokens, then the prefilter, then fuse.js. */
	test(entry: Entry): boolean;
	/** Ranges of `entry.text` to highlight, for an entry that matches (empty when none apply). */
	ranges(entry: Entry): readonly MatchRange[];
	/** Ranges of the entry's request path to highlight (literal text only; empty otherwise). */
	pathRanges(entry: Entry): readonly MatchRange[];
}

/** How a query is compiled beyond its text. */
export interface CompileOptions {
	/** Rows show UTC clock times (`HH:MM:SS.mmmZ`): literal text matches those (default local). */
	readonly utc?: boolean;
}

/** Every [start, end) occurrence of a lower-case needle in `text` (compared lower-cased). */
export function occurrences(text: string, needle: string): readonly MatchRange[] {
	if (needle === "" || text === "") return noRanges;
	const lower = text.toLowerCase();
	let at = lower.indexOf(needle);
	if (at < 0) return noRanges;
	const out: MatchRange[] = [];
	while (at >= 0) {
		out.push([at, Math.min(text.length, at + needle.length)]);
		at = lower.indexOf(needle, at + needle.length);
	}
	return out;
}

/** The literal test: a case-insensitive substring of the row as shown. */
function literalTest(needle: string, utc: boolean): (entry: Entry) => boolean {
	const clock = needsClock(needle);
	return (entry) => {
		if (entry.text.toLowerCase().includes(needle)) return true;
		const text = clock ? visibleRowText(entry, utc) : rowTextAfterTime(entry);
		return text.toLowerCase().includes(needle);
	};
}

const noRanges: readonly MatchRange[] = Object.freeze([]);

/**
 * Compiles a parsed query.
 * @param parsed from `parseQuery`
 */
export function compileQuery(parsed: ParsedQuery, options: CompileOptions = {}): CompiledQuery {
	const tests: EntryTest[] = [];
	const projectFilters: ProjectFilter[] = [];
	for (const filter of parsed.filters) {
		if (filter.field === "project") projectFilters.push({ value: filter.value, negate: filter.negate });
		const test = fieldTest(filter);
		if (test !== null) tests.push(test);
	}
	const text = parsed.text;
	if (!parsed.fuzzy) return compileLiteral(parsed, tests, projectFilters, options.utc === true);
	const searcher = text === "" ? null : createSearcher(text, false);
	const pre = parsed.groups === null ? null : prefilter(parsed.groups);
	const highlight = text === "" ? null : highlightPattern(parsed);
	let highlighter: Searcher | null | undefined;

	const paneMatches = projectTest(projectFilters);

	const test = (entry: Entry): boolean => {
		for (let i = 0; i < tests.length; i++) if (!(tests[i] as EntryTest)(entry)) return false;
		if (searcher === null) return true;
		// Lower-case once: the prefilter needs it, and fuse.js's own toLowerCase is then a no-op scan.
		const lower = searchableText(entry).toLowerCase();
		if (pre !== null && !pre(lower)) return false;
		return searcher.searchIn(lower).isMatch;
	};

	const ranges = (entry: Entry): readonly MatchRange[] => {
		if (highlight === null || entry.text === "") return noRanges;
		highlighter ??= createSearcher(highlight, true);
		const indices = highlighter.searchIn(searchableText(entry)).indices;
		if (indices === undefined || indices.length === 0) return noRanges;
		const length = entry.text.length;
		const out: MatchRange[] = [];
		for (const [first, last] of indices) {
			// fuse.js ranges are inclusive.
			const end = Math.min(length, last + 1);
			if (end > first) out.push([first, end]);
		}
		return out.length === 0 ? noRanges : out;
	};

	return { parsed, paneMatches, test, ranges, pathRanges: () => noRanges };
}

/** A query whose text is literal: field tokens, then the substring over the row as shown. */
function compileLiteral(
	parsed: ParsedQuery,
	tests: readonly EntryTest[],
	projectFilters: readonly ProjectFilter[],
	utc: boolean,
): CompiledQuery {
	const needle = parsed.text.toLowerCase();
	const textTest = needle === "" ? null : literalTest(needle, utc);
	const test = (entry: Entry): boolean => {
		for (let i = 0; i < tests.length; i++) if (!(tests[i] as EntryTest)(entry)) return false;
		return textTest === null || textTest(entry);
	};
	return {
		parsed,
		paneMatches: projectTest(projectFilters),
		test,
		ranges: (entry) => occurrences(entry.text, needle),
		pathRanges: (entry) => occurrences(entry.event?.request?.path ?? "", needle),
	};
}

/**
 * Two queries that must both match (the global search within a pane's own filter): `first` gives
 * the highlights (it is what was searched for; the filter only narrows where).
 */
export function bothQueries(first: CompiledQuery, second: CompiledQuery): CompiledQuery {
	return {
		parsed: first.parsed,
		paneMatches: (uuid, name) => first.paneMatches(uuid, name) && second.paneMatches(uuid, name),
		test: (entry) => first.test(entry) && second.test(entry),
		ranges: first.ranges,
		pathRanges: first.pathRanges,
	};
}
