/**
 * Fuzzy text (`~` queries) through fuse.js: one reusable matcher per pattern, a cheap prefilter that
 * every entry passes before fuse.js, and the pattern that highlights a match.
 *
 * Cost: fuzzy text costs ~5 µs per entry in fuse.js, so before it every entry passes a prefilter on
 * its lower-cased text: exact parts (`'x`, `^x`, `x$`, `=x`, `!x`) are checked directly, and a fuzzy
 * word of length m that fuse.js may match with at most k edits must contain one of k + 1 disjoint
 * pieces of the word verbatim (pigeonhole), checked with `includes`.
 */

import Fuse, { type IFuseOptions } from "fuse.js";
import type { ParsedQuery, TextTerm } from "./query.js";

/** fuse.js options for log text (see ink.md: without ignoreLocation, words past ~60 chars are missed). */
export const FUSE_THRESHOLD = 0.4;
const fuseOptions: IFuseOptions<string> = {
	ignoreLocation: true,
	useExtendedSearch: true,
	threshold: FUSE_THRESHOLD,
	includeMatches: false,
};

/** A compiled fuse.js pattern. */
export interface Searcher {
	searchIn(text: string): { isMatch: boolean; indices?: ReadonlyArray<readonly [number, number]> };
}

/**
 * A reusable fuse.js matcher for one pattern. fuse.js builds its extended-search matcher once per query
 * inside `_getSearcher` (declared in its types); `Fuse.match` would rebuild it per entry (~1.5x slower).
 * If a fuse.js release drops the method, fall back to the public `Fuse.match`.
 */
export function createSearcher(pattern: string, includeMatches: boolean): Searcher {
	const options = { ...fuseOptions, includeMatches };
	const fuse = new Fuse<string>([], options);
	if (typeof fuse._getSearcher === "function") return fuse._getSearcher(pattern);
	return { searchIn: (text) => Fuse.match(pattern, text, options) };
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

/** A test of lower-cased text. */
export type TextTest = (lower: string) => boolean;

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
export function prefilter(groups: readonly (readonly TextTerm[])[]): TextTest {
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
export function highlightPattern(parsed: ParsedQuery): string | null {
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
