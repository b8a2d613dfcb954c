import { describe, expect, it } from "vitest";
import type { SearchSnapshot } from "../../source/store/types.js";
import { isSearchNews } from "../../source/ui/search-news.js";

const search = (over: Partial<SearchSnapshot> = {}): SearchSnapshot => ({
	query: "cart",
	mode: "find",
	scope: "all",
	matchIndex: 0,
	matchCount: 0,
	pending: true,
	error: null,
	...over,
});

describe("isSearchNews", () => {
	it("is news: a new query, another mode, the first matches, the end", () => {
		expect(isSearchNews(null, search())).toBe(true);
		expect(isSearchNews(search(), search({ query: "carts" }))).toBe(true);
		expect(isSearchNews(search(), search({ mode: "filter" }))).toBe(true);
		expect(isSearchNews(search(), search({ matchCount: 3 }))).toBe(true);
		expect(isSearchNews(search({ matchCount: 3 }), search({ matchCount: 9, pending: false }))).toBe(true);
	});

	it("is not news: progress while it runs, no change, no search", () => {
		expect(isSearchNews(search({ matchCount: 3 }), search({ matchCount: 9 }))).toBe(false);
		const same = search();
		expect(isSearchNews(same, same)).toBe(false);
		expect(isSearchNews(search(), null)).toBe(false);
		expect(isSearchNews(null, null)).toBe(false);
	});
});
