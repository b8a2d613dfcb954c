/**
 * Reading a line run by run gives what reading it character by character gives: the encoding, whether
 * a style stays open, and the segment shape — on random lines of SGR codes (simple, 256-colour,
 * truecolour, compound, resets), ASCII, wide characters, marks, emoji, invisible characters and
 * controls; and it declines (null) what it cannot read that way.
 */
import { styledCharsFromTokens, styledCharsToString, tokenize } from "@alcalzone/ansi-tokenize";
import fc from "fast-check";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { ignorable } from "../../../source/ui/ink-output/grapheme-edges.js";
import { readLineRuns } from "../../../source/ui/ink-output/line-runs.js";
import { segmentShape } from "../../../source/ui/ink-output/row-join.js";

const piece = fc.constantFrom(
	"GET /cart ",
	"a",
	" ",
	"日本",
	"e\u0301",
	"\u0301",
	"🔥",
	"👍🏽",
	"\u200B",
	"\u00AD",
	"\t",
	"1",
	"\uFE0F\u20E3",
	"\u001B[31m",
	"\u001B[39m",
	"\u001B[1m",
	"\u001B[2m",
	"\u001B[22m",
	"\u001B[7m",
	"\u001B[27m",
	"\u001B[0m",
	"\u001B[m",
	"\u001B[38;5;42m",
	"\u001B[48;2;28;28;28m",
	"\u001B[1;33m",
	"\u001B[49m",
	"\u001B[2J",
	"\u009B1m",
);

function byChars(line: string) {
	const chars = styledCharsFromTokens(tokenize(`${line}x`));
	const after = chars.pop();
	const visible = chars.filter((character) => !ignorable.test(character.value));
	return {
		encoded: styledCharsToString(visible),
		open: after === undefined || after.value !== "x" || after.styles.length > 0,
		shape: visible.length === 0 ? null : segmentShape(visible, stringWidth),
		dropped: visible.length !== chars.length,
	};
}

describe("readLineRuns", () => {
	it("reads a line as the character path does, or declines", () => {
		let read = 0;
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
				const line = pieces.join("");
				const runs = readLineRuns(line, stringWidth);
				if (runs === null) return;
				read++;
				const chars = byChars(line);
				expect(runs.encoded).toBe(chars.encoded);
				expect(runs.open).toBe(chars.open);
				expect(runs.dropped).toBe(chars.dropped);
				expect(runs.shape).toEqual(chars.shape);
			}),
			{ numRuns: 5000 },
		);
		// Most lines have only SGR codes: the run path must actually be taken.
		expect(read).toBeGreaterThan(2500);
	});

	it("declines other escapes and cuts that could join graphemes", () => {
		expect(readLineRuns("a\u001B[2Jb", stringWidth)).toBeNull();
		expect(readLineRuns("\u001B[31m\u0301", stringWidth)).toBeNull();
		expect(readLineRuns("1\uFE0F\u20E3", stringWidth)).toBeNull();
	});
});
