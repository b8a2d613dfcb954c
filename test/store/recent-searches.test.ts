import { describe, expect, it } from "vitest";
import { addRecent, parseRecent, serializeRecent, stepRecent } from "../../source/store/recent-searches.js";

describe("recent searches", () => {
	it("puts the newest first, keeps each query once, and cuts to the limit", () => {
		let list: readonly string[] = [];
		for (const query of ["a", "b", "a", "c"]) list = addRecent(list, query, "", 2);
		expect(list).toEqual(["c", "a"]);
	});

	it("never keeps an empty query or one that holds the token", () => {
		expect(addRecent(["a"], "  ", "tok123")).toEqual(["a"]);
		expect(addRecent(["a"], "path:/x?t=tok123", "tok123")).toEqual(["a"]);
		expect(addRecent(["a"], "tok", "")).toEqual(["tok", "a"]);
	});

	it("reads back what it writes, skipping damaged lines, duplicates and the token", () => {
		const text = `${serializeRecent(["x", "y"])}{broken\n42\n"x"\n"has tok123"\n"z"\n`;
		expect(parseRecent(text, "tok123")).toEqual(["x", "y", "z"]);
	});

	it("walks from the draft (-1) to the oldest and back, staying put at the ends", () => {
		expect(stepRecent(-1, 1, 2)).toBe(0);
		expect(stepRecent(1, 1, 2)).toBe(1);
		expect(stepRecent(0, -1, 2)).toBe(-1);
		expect(stepRecent(-1, -1, 2)).toBe(-1);
	});
});
