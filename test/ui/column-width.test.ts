import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { columns, columnsUpTo, isSimpleText, simplePrefix } from "../../source/ui/column-width.js";

/** Every code point from `from` up to (not including) `to` that is not a surrogate, as a string. */
function* codePoints(from: number, to: number): Generator<string> {
	for (let cp = from; cp < to; cp++) if (cp < 0xd800 || cp > 0xdfff) yield String.fromCodePoint(cp);
}

/** Fails with the first run of `order` (in pieces of 97) whose width differs from string-width's. */
function expectSameWidths(order: readonly string[]): void {
	for (let i = 0; i < order.length; i += 97) {
		const text = order.slice(i, i + 97).join("");
		const got = columns(text);
		if (got !== stringWidth(text)) expect({ text, got }).toEqual({ text, got: stringWidth(text) });
	}
}

/** A deterministic shuffle (mulberry32), so a failure reproduces. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
	const out = [...items];
	let state = seed >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[out[i], out[j]] = [out[j] as T, out[i] as T];
	}
	return out;
}

describe("columns", () => {
	it.each([
		["hello", 5],
		["", 0],
		["日本語", 6],
		["a😀b", 4],
		["👩‍💻", 2],
		["é", 1],
		["e\u0301", 1],
		["GraphQL query took 668ms:⏎  query", 33],
		["🇩🇪", 2],
		["❤️", 2],
		["❤", 1],
		["\u00ad", 0],
	])("%j is %i columns, as string-width says", (text, width) => {
		expect(columns(text)).toBe(width);
		expect(columns(text)).toBe(stringWidth(text));
	});

	// The fast path adds up single code point widths: that must equal string-width's answer for any
	// run of code points it accepts, in any order. A code point that joins its neighbour into one
	// cluster changes the width of the run, so this also finds letters missing from the joining list.
	it("equals string-width on runs of stand-alone code points: planes 0-3 in and out of order", () => {
		const simple = [...codePoints(0x20, 0x40000)].filter(isSimpleText);
		expect(simple.length).toBeGreaterThan(200_000);
		for (const order of [simple, shuffled(simple, 1)]) expectSameWidths(order);
	});

	// Above plane 3 only plane 14 (tags, variation selectors) has assigned code points that are not
	// private use: all of it, and a sample of the rest.
	it("equals string-width on runs of stand-alone code points: plane 14, and samples of planes 4-16", () => {
		const sample = [...codePoints(0x40000, 0x110000)].filter((_, i) => i % 61 === 0);
		expectSameWidths([...codePoints(0xe0000, 0xf0000), ...sample].filter(isSimpleText));
	});

	it("sends text with joining characters to string-width", () => {
		for (const text of ["a\u200db", "👍🏽", "\u1100\u1161", "x\ufe0f", "क्ष"]) {
			expect(isSimpleText(text)).toBe(false);
			expect(columns(text)).toBe(stringWidth(text));
		}
	});
});

describe("columnsUpTo", () => {
	it("is exact up to the limit and above it past the limit", () => {
		const samples = ["plain ascii text here", "⏎ markers ⏎ and 日本語 and 🌵", "e\u0301\u0301 combining", ""];
		for (const text of samples) {
			const full = stringWidth(text);
			for (let limit = 0; limit <= full + 2; limit++) {
				const got = columnsUpTo(text, limit);
				if (full <= limit) expect(got).toBe(full);
				else expect(got).toBeGreaterThan(limit);
			}
		}
	});

	it("does not need the end of a long message to decide", () => {
		const long = `${"⏎ 日本 ".repeat(20_000)}`;
		expect(columnsUpTo(long, 80)).toBeGreaterThan(80);
		expect(columnsUpTo("x".repeat(100_000), 80)).toBeGreaterThan(80);
	});
});

describe("simplePrefix", () => {
	it("fits whole characters only", () => {
		expect(simplePrefix("日本語", 5)).toEqual({ text: "日本", width: 4 });
		expect(simplePrefix("a🌵b", 2)).toEqual({ text: "a", width: 1 });
		expect(simplePrefix("a🌵b", 3)).toEqual({ text: "a🌵", width: 3 });
		expect(simplePrefix("abc", 10)).toEqual({ text: "abc", width: 3 });
	});
});
