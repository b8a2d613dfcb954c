/**
 * The search engine: compiles a parsed query into a per-entry test. Literal text (the default) is a
 * case-insensitive substring of the whole row as shown (`row-text.ts`: time, status, method, path,
 * level, message); its highlights are every occurrence in the message and in the path. Fuzzy text
 * (`~` queries) is prefiltered cheaply before fuse.js, and fuse.js's match indices become highlight
 * ranges of `Entry.text`.
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
 *
 * Cost: field tokens are plain comparisons; fuzzy text costs ~5 µs per entry in fuse.js, so before it
 * every entry passes a prefilter on its lower-cased text: exact parts (`'x`, `^x`, `x$`, `=x`, `!x`)
 * are checked directly, and a fuzzy word of length m that fuse.js may match with at most k edits must
 * contain one of k + 1 disjoint pieces of the word verbatim (pigeonhole), checked with `includes`.
 */

import Fuse, { type IFuseOptions } from "fuse.js";
import { eventHasExceptions, eventHasLogs } from "../model/lazy-event.js";
import { type Comparison, type FieldFilter, levelRank, type ParsedQuery, type TextTerm } from "./query.js";
import { needsClock, rowTextAfterTime, visibleRowText } from "./row-text.js";
import type { Entry, MatchRange } from "./types.js";

/** fuse.js options for log text (see ink.md: without ignoreLocation, words past ~60 chars are missed). */
export const FUSE_THRESHOLD = 0.4;
const fuseOptions: IFuseOptions<string> = {
	ignoreLocation: true,
	useExtendedSearch: true,
	threshold: FUSE_THRESHOLD,
	includeMatches: false,
};

interface Searcher {
	searchIn(text: string): { isMatch: boolean; indices?: ReadonlyArray<readonly [number, number]> };
}

/**
 * A reusable fuse.js matcher for one pattern. fuse.js builds its extended-search matcher once per query
 * inside `_getSearcher` (declared in its types); `Fuse.match` would rebuild it per entry (~1.5x slower).
 * If a fuse.js release drops the method, fall back to the public `Fuse.match`.
 */
function createSearcher(pattern: string, includeMatches: boolean): Searcher {
	const options = { ...fuseOptions, includeMatches };
	const fuse = new Fuse<string>([], options);
	if (typeof fuse._getSearcher === "function") return fuse._getSearcher(pattern);
	return { searchIn: (text) => Fuse.match(pattern, text, options) };
}

function compare(a: number, cmp: Comparison, b: number): boolean {
	switch (cmp) {
		case "=":
			return a === b;
		case "<":
			return a < b;
		case "<=":
			return a <= b;
		case ">":
			return a > b;
		default:
			return a >= b;
	}
}

type EntryTest = (entry: Entry) => boolean;

/** One field token as a predicate on an entry (project tokens are per pane: see `paneMatches`). */
function fieldTest(filter: FieldFilter): EntryTest | null {
	let test: EntryTest;
	switch (filter.field) {
		case "level": {
			const tests = filter.any;
			test = (entry) => {
				const level = entry.level;
				if (level === "") return false;
				for (const t of tests) {
					if (t.op === "=") {
						if (level === t.level) return true;
					} else {
						const rank = levelRank[level];
						if (rank !== undefined && compare(rank, t.cmp, levelRank[t.level] as number)) return true;
					}
				}
				return false;
			};
			break;
		}
		case "status": {
			const tests = filter.any;
			test = (entry) => {
				const request = entry.event?.request;
				if (request == null) return false;
				const status = request.status;
				for (const t of tests) {
					if (
						t.kind === "class" ? Math.floor(status / 100) === t.hundreds : compare(status, t.cmp, t.status)
					) {
						return true;
					}
				}
				return false;
			};
			break;
		}
		case "method": {
			const methods = filter.any;
			test = (entry) => {
				const request = entry.event?.request;
				return request != null && methods.includes(request.method.toUpperCase());
			};
			break;
		}
		case "path": {
			const value = filter.value;
			test = (entry) => {
				const request = entry.event?.request;
				return request?.path.toLowerCase().includes(value) === true;
			};
			break;
		}
		case "route": {
			const value = filter.value;
			test = (entry) => {
				const request = entry.event?.request;
				return request != null && request.path.toLowerCase() === value;
			};
			break;
		}
		case "has": {
			const value = filter.value;
			test = (entry) => {
				const event = entry.event;
				if (event === null) return false;
				// Compacted events answer these without parsing their JSON again.
				if (value === "exception") return eventHasExceptions(event);
				if (value === "request") return event.request !== null;
				return eventHasLogs(event);
			};
			break;
		}
		default:
			return null;
	}
	if (!filter.negate) return test;
	const positive = test;
	return (entry) => !positive(entry);
}

/**
 * The most edits fuse.js's bitap accepts for a pattern of length m: the largest i < m with
 * i / m <= threshold (the same float comparison it makes).
 */
export function maxFuzzyErrors(length: number, threshold = FUSE_THRESHOLD): number {
	let errors = 0;
	while (errors + 1 < length && (errors + 1) / length <= threshold) errors++;
	return errors;
}

/** k + 1 disjoint pieces of a fuzzy word: any match with at most k edits contains one verbatim. */
export function pigeonholePieces(pattern: string, threshold = FUSE_THRESHOLD): string[] {
	const pieces = maxFuzzyErrors(pattern.length, threshold) + 1;
	const out: string[] = [];
	let start = 0;
	for (let i = 0; i < pieces; i++) {
		const end = Math.round(((i + 1) * pattern.length) / pieces);
		out.push(pattern.slice(start, end));
		start = end;
	}
	return out;
}

type TextTest = (lower: string) => boolean;

function termTest(term: TextTerm): TextTest {
	const p = term.pattern;
	switch (term.type) {
		case "exact":
			return (t) => t === p;
		case "include":
			return (t) => t.includes(p);
		case "prefix":
			return (t) => t.startsWith(p);
		case "suffix":
			return (t) => t.endsWith(p);
		case "inverse":
			return (t) => !t.includes(p);
		case "inverse-prefix":
			return (t) => !t.startsWith(p);
		case "inverse-suffix":
			return (t) => !t.endsWith(p);
		default: {
			// fuse.js splits words longer than 32 into chunks and accepts a match of any chunk: not worth
			// mirroring for such rare queries.
			if (p.length > 32) return () => true;
			const pieces = pigeonholePieces(p);
			return (t) => {
				for (const piece of pieces) if (t.includes(piece)) return true;
				return false;
			};
		}
	}
}

/**
 * A necessary condition for fuse.js to match the lower-cased text: some OR-group whose every term
 * passes its cheap test. An empty group never matches in fuse.js, and never passes here.
 */
function prefilter(groups: readonly (readonly TextTerm[])[]): TextTest {
	const compiled = groups.map((group) => group.map(termTest));
	return (lower) => {
		for (const group of compiled) {
			if (group.length === 0) continue;
			let all = true;
			for (const test of group) {
				if (!test(lower)) {
					all = false;
					break;
				}
			}
			if (all) return true;
		}
		return false;
	};
}

/**
 * The query for highlighting: without the `!x` terms, whose fuse.js "match" is the whole text. null when
 * nothing is left to highlight.
 */
function highlightPattern(parsed: ParsedQuery): string | null {
	if (parsed.groups === null) return parsed.text;
	const groups = parsed.groups
		.map((group) =>
			group
				.filter((term) => !term.type.startsWith("inverse"))
				.map((term) => termSource(term))
				.join(" "),
		)
		.filter((group) => group !== "");
	return groups.length === 0 ? null : groups.join(" | ");
}

function termSource(term: TextTerm): string {
	switch (term.type) {
		case "exact":
			return `=${term.pattern}`;
		case "include":
			return `'${term.pattern}`;
		case "prefix":
			return `^${term.pattern}`;
		case "suffix":
			return `${term.pattern}$`;
		default:
			return term.pattern;
	}
}

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

type ProjectFilter = { value: string; negate: boolean };

/** Whether a pane can hold matches of the `project:` tokens. */
function projectTest(
	projectFilters: readonly ProjectFilter[],
): (projectUuid: string, name: string | undefined) => boolean {
	return (projectUuid, name) => {
		const uuid = projectUuid.toLowerCase();
		const lowerName = name?.toLowerCase() ?? "";
		for (const { value, negate } of projectFilters) {
			const hit = uuid.startsWith(value) || lowerName.includes(value);
			if (hit === negate) return false;
		}
		return true;
	};
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
