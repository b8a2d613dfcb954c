/**
 * The fast tokenizer gives `tokenize`'s very tokens: random lines of printable ASCII, wide and
 * combining characters, emoji (with modifiers, ZWJ, flags), controls, SGR codes (simple, 256-colour,
 * truecolour, compound), other escapes, OSC links, C1 controls and cut-off escapes.
 */
import { tokenize } from "@alcalzone/ansi-tokenize";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fastTokenize } from "../../../source/ui/ink-output/fast-tokenize.js";

const piece = fc.constantFrom(
	"GET /en/cart?x=1 ",
	"a",
	" ",
	"~",
	"日本",
	"é",
	"e\u0301",
	"\u0301",
	"\u200D",
	"👍🏽",
	"🇫🇷",
	"❤️",
	"🔥",
	"\uFF9E",
	"\t",
	"\u0007",
	"\u001B[31m",
	"\u001B[39m",
	"\u001B[1m",
	"\u001B[22m",
	"\u001B[2m",
	"\u001B[7m",
	"\u001B[38;5;42m",
	"\u001B[48;2;28;28;28m",
	"\u001B[1;31m",
	"\u001B[m",
	"\u001B[2J",
	"\u001B[",
	"\u001B",
	"\u001B]8;;https://x.test\u0007",
	"\u009B1m",
	"1",
	"\uFE0F\u20E3",
	"\u0600",
	"\r\n",
	"x",
);

describe("fastTokenize", () => {
	it("gives tokenize's tokens for any line", () => {
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
				const line = pieces.join("");
				expect(fastTokenize(line)).toEqual(tokenize(line));
			}),
			{ numRuns: 5000 },
		);
	});

	it("a row as bctail styles it", () => {
		const row =
			"\u001B[2m12:00:01.170\u001B[22m \u001B[33m401\u001B[39m POST \u001B[34m/api/日本\u001B[39m \u001B[1m\u001B[33mWARN \u001B[39m\u001B[22m slow 🔥";
		expect(fastTokenize(row)).toEqual(tokenize(row));
	});
});
