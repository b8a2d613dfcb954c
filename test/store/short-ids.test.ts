import { describe, expect, it } from "vitest";
import { projectLabels, shortestPrefixes } from "../../source/store/short-ids.js";

const a = "0193a4c2-7b1e-7000-8000-000000000001";
const b = "0193a4c2-8c2f-7000-8000-000000000002";
const c = "6b202364-0000-4000-8000-000000000003";

describe("shortestPrefixes", () => {
	it("cuts at 8 characters when those differ", () => {
		expect(shortestPrefixes([a, c])).toEqual(
			new Map([
				[a, "0193a4c2"],
				[c, "6b202364"],
			]),
		);
	});

	it("goes on until projects sharing 8 characters differ, never ending on a dash", () => {
		const labels = shortestPrefixes([a, b, c]);
		expect(labels.get(a)).toBe("0193a4c2-7");
		expect(labels.get(b)).toBe("0193a4c2-8");
		expect(labels.get(c)).toBe("6b202364");
	});

	it("handles one id, duplicates, ids that are prefixes of others and short ids", () => {
		expect(shortestPrefixes([a]).get(a)).toBe("0193a4c2");
		expect(shortestPrefixes([a, a, b]).get(a)).toBe("0193a4c2-7");
		expect(shortestPrefixes(["abc", "abcdefghij"]).get("abc")).toBe("abc");
		expect(shortestPrefixes(["abcdefghij", "abcdefghik"]).get("abcdefghij")).toBe("abcdefghij");
		expect(shortestPrefixes([])).toEqual(new Map());
	});

	it("labels are unique among distinct ids", () => {
		const ids = Array.from({ length: 50 }, (_, i) => `0193a4c2-${String(i).padStart(4, "0")}-7000`);
		const labels = [...shortestPrefixes(ids).values()];
		expect(new Set(labels).size).toBe(50);
		for (const label of labels) expect(label.length).toBeGreaterThanOrEqual(8);
	});
});

describe("projectLabels", () => {
	it("names first, else the prefix that differs among every open project", () => {
		const labels = projectLabels([a, b, c], (uuid) => (uuid === c ? "storefront" : undefined));
		expect([...labels.values()]).toEqual(["0193a4c2-7", "0193a4c2-8", "storefront"]);
	});
});
