import fc from "fast-check";
import Fuse from "fuse.js";
import { describe, expect, it } from "vitest";
import { emitEventEntries } from "../../source/store/entries.js";
import { FUSE_THRESHOLD, maxFuzzyErrors, pigeonholePieces } from "../../source/store/fuzzy-match.js";
import { parseQuery } from "../../source/store/query.js";
import { compileQuery, searchableText } from "../../source/store/search.js";
import type { Entry } from "../../source/store/types.js";
import { makeEvent } from "./events.js";
import { corpusSpecs } from "./search-corpus.js";

/** The corpus as rows labelled `event:kind index` (`4:log2` = event 4's third log). */
const rows: { label: string; entry: Entry }[] = [];
corpusSpecs.forEach((spec, n) => {
	emitEventEntries(makeEvent(spec), 0, (entry) => {
		const kind = entry.kind === "request" ? "req" : entry.kind === "exception" ? "exc" : "log";
		rows.push({ label: `${n + 1}:${kind}${entry.index >= 0 ? entry.index : ""}`, entry });
	});
});

function matching(query: string): string[] {
	const compiled = compileQuery(parseQuery(query));
	return rows.filter((row) => compiled.test(row.entry)).map((row) => row.label);
}

const allOf = (...events: number[]): string[] =>
	rows.filter((row) => events.includes(Number(row.label.split(":")[0]))).map((row) => row.label);

describe("query → matches (corpus in search-corpus.ts)", () => {
	const table: [query: string, expected: string[]][] = [
		// level
		["level:error", ["1:log0", "1:exc0", "4:log2", "4:exc0"]],
		["level:>=warn", ["1:log0", "1:exc0", "4:log1", "4:log2", "4:exc0", "7:log0"]],
		["level:<info", ["6:log0"]],
		["level:log", ["4:log0", "5:log0"]],
		["level:warn,error", ["1:log0", "1:exc0", "4:log1", "4:log2", "4:exc0", "7:log0"]],
		// status
		["status:500", allOf(1, 4)],
		["status:5xx", allOf(1, 4)],
		["status:>=400", allOf(1, 4, 7, 8)],
		["status:<300", allOf(2, 3)],
		["status:3xx", ["6:log0"]],
		// Negation is "not a 5xx": a row without a request is not one.
		["!status:5xx", allOf(2, 3, 5, 6, 7, 8)],
		// method, path, has
		["method:post", ["3:req"]],
		["method:PUT,DELETE", ["7:log0", "8:log0"]],
		["path:/CART", allOf(3, 4, 8)],
		["path:checkout", allOf(1, 6)],
		["has:exception", allOf(1, 4)],
		["!has:exception", allOf(2, 3, 5, 6, 7, 8)],
		["has:request", allOf(1, 2, 3, 4, 6, 7, 8)],
		["-has:request", allOf(5)],
		["has:logs status:2xx", ["2:log0"]],
		// fuzzy text (a leading ~), typos, and a word far past fuse.js's default 60-character window
		["~checkout", ["7:log0"]],
		["~chekout", ["7:log0"]],
		["~bigcomerce", ["4:log2", "4:exc0"]],
		["~revalidatd tags", ["5:log0"]],
		["~Internal server", ["1:log0"]],
		// extended syntax
		["~'checkout", ["7:log0"]],
		["~'chekout", []],
		["~^redirect", ["6:log0"]],
		["~page$", ["6:log0"]],
		["~=forbidden", ["8:log0"]],
		["~cart !lookup", ["3:req"]],
		["~upstream | forbidden", ["4:log1", "8:log0"]],
		// fuzzy: a bare request row is searched as METHOD path status
		["~^post", ["3:req"]],
		["~204$", ["3:req"]],
		// combinations: tokens narrow, text filters what is left
		["level:error status:5xx ~bigcomerce", ["4:log2", "4:exc0"]],
		["path:/cart level:>=warn", ["4:log1", "4:log2", "4:exc0"]],
		["has:exception ~!typeerror level:error", ["1:log0", "4:log2", "4:exc0"]],
		["status:abc forbidden", ["8:log0"]],
		["xyzzy", []],
	];

	it.each(table)("%s", (query, expected) => {
		expect(matching(query)).toEqual(expected);
	});
});

describe("highlight ranges", () => {
	function ranges(query: string, label: string): readonly (readonly [number, number])[] {
		const row = rows.find((r) => r.label === label);
		if (row === undefined) throw new Error(label);
		return compileQuery(parseQuery(query)).ranges(row.entry);
	}

	it("are [start, end) ranges of Entry.text", () => {
		const text = rows.find((r) => r.label === "7:log0")?.entry.text ?? "";
		const [range] = ranges("~checkout", "7:log0");
		expect(range).toBeDefined();
		expect(text.slice(range?.[0], range?.[1])).toBe("checkout");
		expect(ranges("~revalidatd tags", "5:log0")).toEqual([
			[16, 27],
			[30, 34],
		]);
	});

	it("leave out `!not` terms (fuse.js would mark the whole text) and field tokens", () => {
		expect(ranges("level:error ~internal !zebra", "1:log0")).toEqual([[0, 8]]);
		expect(ranges("level:error", "1:log0")).toEqual([]);
	});

	it("are empty for a bare request row (it has no text to mark)", () => {
		expect(ranges("~post", "3:req")).toEqual([]);
		expect(searchableText(rows.find((r) => r.label === "3:req")?.entry as Entry)).toBe("POST /api/cart 204");
	});
});

describe("prefilter", () => {
	it("allows as many edits as fuse.js's bitap does", () => {
		expect([1, 2, 3, 5, 7, 10].map((m) => maxFuzzyErrors(m))).toEqual([0, 0, 1, 2, 2, 4]);
		expect(pigeonholePieces("chekout")).toEqual(["ch", "eko", "ut"]);
		expect(pigeonholePieces("ab")).toEqual(["ab"]);
	});

	it("never rejects what fuse.js accepts (random texts and queries)", () => {
		const options = { ignoreLocation: true, useExtendedSearch: true, threshold: FUSE_THRESHOLD };
		const char = fc.constantFrom(..."abcde A".split(""));
		const word = fc.array(char, { minLength: 1, maxLength: 9 }).map((cs) => cs.join("").trim() || "a");
		const op = fc.constantFrom("", "", "", "'", "^", "!", "=");
		const term = fc.tuple(op, word, fc.constantFrom("", "", "$")).map(([o, w, s]) => `${o}${w}${s}`);
		const query = fc
			.array(term, { minLength: 1, maxLength: 3 })
			.chain((terms) => fc.constantFrom(terms.join(" "), terms.join(" | ")));
		const text = fc.array(char, { maxLength: 40 }).map((cs) => cs.join(""));
		fc.assert(
			fc.property(query, text, (q, t) => {
				const entry = { ...(rows[1]?.entry as Entry), text: t };
				const fuse = Fuse.match(q, t, options).isMatch;
				expect(compileQuery(parseQuery(`~${q}`)).test(entry)).toBe(fuse);
			}),
			{ numRuns: 3000 },
		);
	});
});
