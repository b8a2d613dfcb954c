/**
 * Builds a terminal row by joining pre-styled segments, producing exactly the string Ink's `Output`
 * produces for the same row from its cell grid (`styledCharsToString` over every cell, then
 * `trimEnd`). The grid visits every cell of the screen on every frame; a join visits each segment
 * once, and a segment's own escape codes are worked out once per distinct text (`SegmentShape`).
 *
 * Why the join is exact: `styledCharsToString` emits, for each cell, the codes that take the previous
 * cell's styles to this cell's, and at the end the codes that reset the last cell's. Inside a segment
 * that is the segment's own sequence (cached). Between segments the transition is the same diff, from
 * the last styles of one to the first of the next; a run of blank cells has no styles, so it costs one
 * transition to "none" and one out of it. Trailing blanks are trimmed by `trimEnd` either way.
 */
import { type AnsiCode, ansiCodesToString, diffAnsiCodes, type StyledChar } from "@alcalzone/ansi-tokenize";

/** One segment's text as the join needs it: computed once per distinct styled line. */
export interface SegmentShape {
	/** Columns the segment covers (each character at least one, as Ink counts them). */
	readonly width: number;
	readonly first: readonly AnsiCode[];
	readonly last: readonly AnsiCode[];
	/** The characters with the transitions between them, without the opening and closing codes. */
	readonly body: string;
}

/** A segment placed in a row. */
export interface RowSegment {
	readonly x: number;
	readonly shape: SegmentShape;
}

const none: readonly AnsiCode[] = [];

/** The same test as ansi-tokenize's own (an empty diff), without building the diff. */
export function sameStyle(a: readonly AnsiCode[], b: readonly AnsiCode[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) {
		const left = a[i] as AnsiCode;
		const right = b[i] as AnsiCode;
		if (left.code !== right.code || left.endCode !== right.endCode) return false;
	}
	return true;
}

/**
 * Transitions between style lists already worked out, by the lists themselves: a shape keeps its lists
 * for as long as it is cached, so the same two segments meeting again (every frame, for a row that
 * only moved) cost a lookup, not a diff.
 */
const transitions = new WeakMap<readonly AnsiCode[], WeakMap<readonly AnsiCode[], string>>();

export function transition(from: readonly AnsiCode[], to: readonly AnsiCode[]): string {
	if (sameStyle(from, to)) return "";
	let byTarget = transitions.get(from);
	if (byTarget === undefined) {
		byTarget = new WeakMap();
		transitions.set(from, byTarget);
	}
	let codes = byTarget.get(to);
	if (codes === undefined) {
		codes = ansiCodesToString(diffAnsiCodes(from as AnsiCode[], to as AnsiCode[]));
		byTarget.set(to, codes);
	}
	return codes;
}

/** Columns of one character as Ink counts them: at least one; printable ASCII is one. */
export function charColumns(value: string, charWidth: (value: string) => number): number {
	if (value.length === 1) {
		const code = value.charCodeAt(0);
		if (code >= 0x20 && code < 0x7f) return 1;
	}
	return Math.max(1, charWidth(value));
}

/**
 * The shape of a segment's characters (never empty). `charWidth` is Ink's measure of one character
 * (string-width, cached by the caller). `encoded`, when the caller has it, is `styledCharsToString`
 * of the same characters: that string is the opening codes, the body and the closing codes, so the
 * body is cut from it instead of being built again character by character.
 */
export function segmentShape(
	chars: readonly StyledChar[],
	charWidth: (value: string) => number,
	encoded?: string,
): SegmentShape {
	let width = 0;
	for (let i = 0; i < chars.length; i++) width += charColumns((chars[i] as StyledChar).value, charWidth);
	const first = chars[0]?.styles ?? none;
	const last = chars[chars.length - 1]?.styles ?? none;
	if (encoded !== undefined) {
		const open = ansiCodesToString(first as AnsiCode[]).length;
		const close = transition(last, none).length;
		return { width, first, last, body: encoded.slice(open, encoded.length - close) };
	}
	// Parts joined once: a string built by `+=` a character at a time is a rope of one node per
	// piece, which a cache holding thousands of shapes would keep (and flatten on every use).
	const parts: string[] = [];
	let previous: readonly AnsiCode[] = none;
	for (let i = 0; i < chars.length; i++) {
		const char = chars[i] as StyledChar;
		if (i > 0) {
			const codes = transition(previous, char.styles);
			if (codes !== "") parts.push(codes);
		}
		parts.push(char.value);
		previous = char.styles;
	}
	return { width, first, last, body: parts.join("") };
}

/**
 * The row's string, or null when segments overlap (a later write covers part of an earlier one: the
 * grid's overwrite rules apply, and the caller draws that frame the grid's way), or when a gap starts
 * past the row's `width` (the grid has no cells there: it drops the gap). `segments` must be sorted by
 * `x`, every `x` ≥ 0.
 */
export function joinRow(segments: readonly RowSegment[], width: number): string | null {
	// Parts joined once (a flat string: rows are kept and reused across frames).
	const parts: string[] = [];
	let column = 0;
	let styles: readonly AnsiCode[] = none;
	for (const { x, shape } of segments) {
		if (x < column) return null;
		if (x > column) {
			if (x > width) return null;
			parts.push(transition(styles, none), " ".repeat(x - column));
			styles = none;
		}
		parts.push(transition(styles, shape.first), shape.body);
		styles = shape.last;
		column = x + shape.width;
	}
	parts.push(transition(styles, none));
	return parts.join("").trimEnd();
}
