import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import {
	fitSpans,
	padToWidth,
	prefixToWidth,
	textWidth,
	truncateToWidth,
	wrapToWidth,
} from "../../source/ui/truncate-to-width.js";

describe("textWidth", () => {
	it.each([
		["hello", 5],
		["", 0],
		["日本語", 6],
		["a😀b", 4],
		["👩‍💻", 2],
		["é", 1],
	])("%j is %i columns", (text, width) => {
		expect(textWidth(text)).toBe(width);
	});
});

describe("truncateToWidth", () => {
	it("leaves text that fits alone", () => {
		expect(truncateToWidth("hello", 5)).toBe("hello");
	});

	it("cuts ASCII with an ellipsis in the last column", () => {
		expect(truncateToWidth("hello world", 8)).toBe("hello w…");
	});

	it("never splits a wide character: the result is never wider than asked", () => {
		// 5 columns: "日本" (4) + "…" (1); a third CJK character would need 2 more.
		expect(truncateToWidth("日本語テキスト", 5)).toBe("日本…");
		// 6 columns: "日本" is 4, the next character would make 6 + ellipsis = 7: stop at 4 + "…".
		expect(truncateToWidth("日本語テキスト", 6)).toBe("日本…");
		for (let w = 0; w < 16; w++) {
			expect(stringWidth(truncateToWidth("ab日本語😀テキストxyz", w))).toBeLessThanOrEqual(w);
		}
	});

	it("keeps emoji sequences whole", () => {
		expect(truncateToWidth("👩‍💻👩‍💻👩‍💻", 5)).toBe("👩‍💻👩‍💻…");
	});

	it("gives nothing for zero or negative widths", () => {
		expect(truncateToWidth("abc", 0)).toBe("");
		expect(truncateToWidth("abc", -3)).toBe("");
	});
});

describe("prefixToWidth", () => {
	it("reports the width it took", () => {
		expect(prefixToWidth("日本語", 5)).toEqual({ text: "日本", width: 4 });
		expect(prefixToWidth("abc", 10)).toEqual({ text: "abc", width: 3 });
	});
});

describe("padToWidth", () => {
	it("pads to exactly the width, wide characters counted as two", () => {
		expect(padToWidth("日本", 6)).toBe("日本  ");
		expect(stringWidth(padToWidth("日本語テキスト", 7))).toBe(7);
	});
});

describe("wrapToWidth", () => {
	it("hard-wraps into pieces of at most the width", () => {
		expect(wrapToWidth("abcdefgh", 3)).toEqual(["abc", "def", "gh"]);
		const pieces = wrapToWidth("日本語テキスト", 5);
		expect(pieces.join("")).toBe("日本語テキスト");
		for (const piece of pieces) expect(stringWidth(piece)).toBeLessThanOrEqual(5);
	});

	it("keeps an empty line as one line", () => {
		expect(wrapToWidth("", 10)).toEqual([""]);
	});

	it("does not loop on a character wider than the line", () => {
		expect(wrapToWidth("日日", 1)).toEqual(["日", "日"]);
	});
});

describe("fitSpans", () => {
	it("keeps spans that fit and merges neighbours of the same style", () => {
		const { spans, width } = fitSpans([{ text: "ab" }, { text: "cd" }, { text: "ef", color: "red" }], 10);
		expect(spans).toEqual([{ text: "abcd" }, { text: "ef", color: "red" }]);
		expect(width).toBe(6);
	});

	it("cuts the overflowing span with an ellipsis and drops the rest", () => {
		const { spans, width } = fitSpans(
			[{ text: "12:00 ", dim: true }, { text: "日本語のメッセージ", color: "red" }, { text: " tail" }],
			12,
		);
		expect(spans.map((span) => span.text).join("")).toBe("12:00 日本…");
		expect(width).toBeLessThanOrEqual(12);
		expect(spans[1]?.color).toBe("red");
	});
});

describe("fitSpans at a span boundary", () => {
	it("still marks the cut when the next span has no room", () => {
		const { spans, width } = fitSpans([{ text: "abcd", color: "green" }, { text: "日本" }], 4);
		expect(spans).toEqual([{ text: "abc…", color: "green" }]);
		expect(width).toBe(4);
	});
});
