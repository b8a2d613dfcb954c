import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isEmptyQuery, parseQuery } from "../../source/store/query.js";
import { compileQuery } from "../../source/store/search.js";

describe("parseQuery", () => {
	it("separates field tokens from fuzzy text, wherever they stand", () => {
		const parsed = parseQuery("timeout level:>=warn upstream status:5xx");
		expect(parsed.text).toBe("timeout upstream");
		expect(parsed.filters.map((f) => f.field)).toEqual(["level", "status"]);
		expect(parsed.error).toBeNull();
	});

	it("reads every token kind", () => {
		const parsed = parseQuery(
			"level:error level:>=warn status:500 status:5xx status:>=400 method:post path:/Cart has:exception project:shop",
		);
		expect(parsed.filters).toEqual([
			{ field: "level", negate: false, any: [{ op: "=", cmp: "=", level: "error" }] },
			{ field: "level", negate: false, any: [{ op: "rank", cmp: ">=", level: "warn" }] },
			{ field: "status", negate: false, any: [{ kind: "compare", cmp: "=", status: 500 }] },
			{ field: "status", negate: false, any: [{ kind: "class", hundreds: 5 }] },
			{ field: "status", negate: false, any: [{ kind: "compare", cmp: ">=", status: 400 }] },
			{ field: "method", negate: false, any: ["POST"] },
			{ field: "path", negate: false, value: "/cart" },
			{ field: "has", negate: false, value: "exception" },
			{ field: "project", negate: false, value: "shop" },
		]);
		expect(parsed.text).toBe("");
	});

	it("negates a field token with ! or -, and accepts comma lists and quoted values", () => {
		const parsed = parseQuery('!status:200 -method:GET,HEAD path:"/a b" level:warning');
		expect(parsed.filters).toEqual([
			{ field: "status", negate: true, any: [{ kind: "compare", cmp: "=", status: 200 }] },
			{ field: "method", negate: true, any: ["GET", "HEAD"] },
			{ field: "path", negate: false, value: "/a b" },
			{ field: "level", negate: false, any: [{ op: "=", cmp: "=", level: "warn" }] },
		]);
	});

	it("reports a bad field token and leaves it out instead of throwing", () => {
		for (const [query, message] of [
			["status:abc slow", /status:abc/],
			["level:", /level: needs a value/],
			["level:>=loud", /no severity/],
			["has:cats", /has:cats/],
			["method:G3T", /method:G3T/],
			["status:1000", /status:1000/],
		] as const) {
			const parsed = parseQuery(query);
			expect(parsed.error, query).toMatch(message);
			expect(parsed.filters, query).toEqual([]);
		}
		expect(parseQuery("status:abc slow").text).toBe("slow");
	});

	it("keeps unknown key:value words (error:, http://) as text", () => {
		const parsed = parseQuery("error: https://x.example/a");
		expect(parsed.filters).toEqual([]);
		expect(parsed.text).toBe("error: https://x.example/a");
	});

	it("tidies `|` left dangling by removed field tokens", () => {
		expect(parseQuery("level:error ~ | timeout").text).toBe("timeout");
		expect(parseQuery("~a | | b |").text).toBe("a | b");
	});

	it("reads fuse.js's extended syntax the way fuse.js does", () => {
		const parsed = parseQuery("~'Exact ^pre suf$ =whole !not !^np !ns$ fuzzy | other");
		expect(parsed.groups).toEqual([
			[
				{ type: "include", pattern: "exact" },
				{ type: "prefix", pattern: "pre" },
				{ type: "suffix", pattern: "suf" },
				{ type: "exact", pattern: "whole" },
				{ type: "inverse", pattern: "not" },
				{ type: "inverse-prefix", pattern: "np" },
				{ type: "inverse-suffix", pattern: "ns" },
				{ type: "fuzzy", pattern: "fuzzy" },
			],
			[{ type: "fuzzy", pattern: "other" }],
		]);
		// A lone operator character is fuzzy text in fuse.js.
		expect(parseQuery("~! '").groups).toEqual([
			[
				{ type: "fuzzy", pattern: "!" },
				{ type: "fuzzy", pattern: "'" },
			],
		]);
		// Quoting is left to fuse.js alone (no prefilter).
		expect(parseQuery('~\'"two words"').groups).toBeNull();
	});

	it("knows an empty query", () => {
		expect(isEmptyQuery(parseQuery("   "))).toBe(true);
		expect(isEmptyQuery(parseQuery("level:"))).toBe(true);
		expect(isEmptyQuery(parseQuery("has:exception"))).toBe(false);
	});

	it("never throws, whatever is typed, and the result compiles", () => {
		const alphabet = fc.constantFrom(..."ab:|!^$'=\" -,<>5x".split(""), "level:", "status:", "path:", "has:");
		fc.assert(
			fc.property(fc.array(alphabet, { maxLength: 30 }), fc.string({ maxLength: 40 }), (parts, noise) => {
				const query = parts.join("") + noise;
				const parsed = parseQuery(query);
				expect(typeof parsed.text).toBe("string");
				compileQuery(parsed);
			}),
			{ numRuns: 500 },
		);
	});
});
