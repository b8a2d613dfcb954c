import { describe, expect, it } from "vitest";
import type { SearchSnapshot } from "../../source/store/types.js";
import { searchSpans } from "../../source/ui/status-bar.js";

const search = (mode: SearchSnapshot["mode"]): SearchSnapshot => ({
	query: "status:500",
	fuzzy: false,
	chips: [],
	mode,
	scope: "all",
	matchIndex: 1,
	matchCount: 3,
	pending: false,
	error: null,
});
const text = (spans: { text: string }[]) => spans.map((span) => span.text).join("");

describe("the status bar's search part", () => {
	it("says o searches older history in filter mode, when the session has history", () => {
		expect(text(searchSpans(search("filter"), false, true))).toBe(
			"/status:500 match 1/3 FILTER  o older history",
		);
		expect(text(searchSpans(search("filter"), false, false))).toBe("/status:500 match 1/3 FILTER");
		expect(text(searchSpans(search("find"), false, true))).toBe("/status:500 match 1/3");
	});
});
