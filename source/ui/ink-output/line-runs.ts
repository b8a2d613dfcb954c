/**
 * One line read run by run instead of character by character: what Ink's output step needs of a line
 * (its encoding as `styledCharsToString` writes it, whether it leaves a style open, its segment shape)
 * computed from the text between its SGR codes, with no object per character. A frame in which every
 * row is new (a flood) read ~200 characters a row as ~600 small objects; most of that was garbage.
 *
 * It gives what the character path gives (test/ui/ink-output/line-runs.test.ts compares them): the
 * characters of a run all carry the styles in force at the run, so the encoding is the opening codes,
 * each run with the transition from the styles before it, and the closing codes. Lines with other
 * escapes, or runs that could join a grapheme across a cut, are left to the character path (null).
 */
import {
	type AnsiCode,
	ansiCodesToString,
	reduceAnsiCodesIncremental,
	tokenize,
} from "@alcalzone/ansi-tokenize";
import { tokensOfCode } from "./fast-tokenize.js";
import {
	asciiPieces,
	ignorable,
	joinsPrevious,
	notPlainSgr,
	printableAscii,
	sgrCodes,
} from "./grapheme-edges.js";
import { charColumns, type SegmentShape, sameStyle, transition } from "./row-join.js";

export interface LineRead {
	/** `styledCharsToString` of the line's characters. */
	readonly encoded: string;
	/** A style is still in force after the line's last code. */
	readonly open: boolean;
	/** The segment shape of those characters; null when the line has none. */
	readonly shape: SegmentShape | null;
	/** Characters were dropped as invisible (so the encoding cannot be the line itself). */
	readonly dropped: boolean;
}

/** The visible text of a run of text (no escapes), its columns, and whether invisible ones were dropped. */
function runText(
	run: string,
	charWidth: (value: string) => number,
): { text: string; width: number; dropped: boolean } | null {
	if (printableAscii.test(run)) return { text: run, width: run.length, dropped: false };
	const pieces = asciiPieces(run);
	if (pieces === null) return null;
	let text = "";
	let width = 0;
	let dropped = false;
	for (let i = 0; i < pieces.length; i++) {
		const piece = pieces[i] as string;
		// split() with a capturing group puts the ASCII runs at odd indices.
		if (i % 2 === 1) {
			text += piece;
			width += piece.length;
		} else if (piece !== "") {
			for (const token of tokenize(piece)) {
				if (token.type !== "char") continue;
				if (ignorable.test(token.value)) dropped = true;
				else {
					text += token.value;
					width += charColumns(token.value, charWidth);
				}
			}
		}
	}
	return { text, width, dropped };
}

const noStyles: AnsiCode[] = [];

/** The line read run by run, or null when it must be read character by character. */
export function readLineRuns(line: string, charWidth: (value: string) => number): LineRead | null {
	if (notPlainSgr.test(line)) return null;
	const parts = line.split(sgrCodes);
	let codes: AnsiCode[] = [];
	let first: AnsiCode[] | null = null;
	let last: AnsiCode[] = codes;
	const body: string[] = [];
	let width = 0;
	let dropped = false;
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i] as string;
		if (part === "") continue;
		// split() with a capturing group puts the codes at odd indices.
		if (i % 2 === 1) {
			for (const token of tokensOfCode(part))
				if (token.type === "ansi") codes = reduceAnsiCodesIncremental(codes, [token]);
			continue;
		}
		if (i > 0 && joinsPrevious.test(part)) return null;
		const run = runText(part, charWidth);
		if (run === null) return null;
		dropped ||= run.dropped;
		if (run.text === "") continue;
		width += run.width;
		// The reduce returns a new list each time: a list kept here is never changed afterwards.
		if (first === null) first = codes;
		else if (!sameStyle(last, codes)) body.push(transition(last, codes));
		body.push(run.text);
		last = codes;
	}
	const open = codes.length > 0;
	if (first === null) return { encoded: "", open, shape: null, dropped };
	const text = body.join("");
	const encoded = ansiCodesToString(first) + text + transition(last, noStyles);
	return { encoded, open, shape: { width, first, last, body: text }, dropped };
}
