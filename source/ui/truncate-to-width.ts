/**
 * Terminal-column arithmetic for rows and overlays. Everything here measures in columns (CJK and most
 * emoji take two), never in UTF-16 code units, so truncated rows keep the panes' borders aligned.
 * Plain ASCII, the common case for log lines, takes a fast path; so does other text whose code points
 * stand alone (see column-width.ts); only text with joining marks or emoji sequences is segmented.
 */
import stringWidth from "string-width";
import { columns, columnsUpTo, isSimpleText, simplePrefix } from "./column-width.js";

const printableAscii = /^[\x20-\x7e]*$/;
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** The number of terminal columns `text` takes (text must not contain control characters). */
export function textWidth(text: string): number {
	return columns(text);
}

/**
 * The longest prefix of `text` that fits in `width` columns, and how wide it is. A wide character that
 * would straddle the limit is left out whole (never cut in half).
 */
export function prefixToWidth(text: string, width: number): { text: string; width: number } {
	if (width <= 0) return { text: "", width: 0 };
	// Only the first 2 * width + 2 code units can fit (every column-taking code point is at most two):
	// a long message is not scanned to its end.
	const head = text.length > 2 * width + 2 ? text.slice(0, 2 * width + 2) : text;
	if (printableAscii.test(head)) {
		const cut = head.length <= width ? head : head.slice(0, width);
		return { text: cut, width: cut.length };
	}
	if (isSimpleText(head)) return simplePrefix(head, width);
	let used = 0;
	let end = 0;
	for (const { segment } of graphemes.segment(text)) {
		const w = stringWidth(segment);
		if (used + w > width) break;
		used += w;
		end += segment.length;
	}
	return { text: text.slice(0, end), width: used };
}

/**
 * `text` cut to at most `width` columns; when something was cut, the last column is `ellipsis`.
 */
export function truncateToWidth(text: string, width: number, ellipsis = "…"): string {
	if (width <= 0) return "";
	if (columnsUpTo(text, width) <= width) return text;
	const room = width - textWidth(ellipsis);
	if (room < 0) return prefixToWidth(text, width).text;
	return prefixToWidth(text, room).text + ellipsis;
}

/** `text` truncated to `width` columns, then padded with spaces to exactly `width` columns. */
export function padToWidth(text: string, width: number): string {
	const cut = truncateToWidth(text, width);
	const missing = width - textWidth(cut);
	return missing > 0 ? cut + " ".repeat(missing) : cut;
}

/** Told about every stretch `[from, to)` of a text that a row break looks at (tests count the work). */
export type ScanProbe = (from: number, to: number) => void;

/**
 * How many code units at the start of `piece` are whole graphemes that fit in `width` columns, and
 * how long the first grapheme is; null when `piece` was cut from a longer text (`whole` false) and
 * its last grapheme, which the cut may have split, would decide.
 */
function clusterFit(piece: string, width: number, whole: boolean): { fit: number; first: number } | null {
	let used = 0;
	let fit = 0;
	let first = 0;
	for (const { segment, index } of graphemes.segment(piece)) {
		if (!whole && index + segment.length === piece.length) return null;
		if (first === 0) first = segment.length;
		const w = stringWidth(segment);
		if (used + w > width) return { fit, first };
		used += w;
		fit += segment.length;
	}
	return { fit, first };
}

function firstCodePointLength(text: string): number {
	return (text.codePointAt(0) ?? 0) > 0xffff ? 2 : 1;
}

/**
 * Where the screen row of `width` columns that starts at `start` of `text` ends (before `limit`, the
 * end of the line): the longest run of whole graphemes that fits, or one grapheme when even that is
 * wider than the row. Only a window of about `2 * width` code units after `start` is looked at (every
 * code point that is not part of a larger cluster takes a column), widened only when joined clusters
 * fill it, so cutting a long text into rows costs time in proportion to its length, never to the
 * square of it.
 */
export function rowEnd(
	text: string,
	start: number,
	width: number,
	limit = text.length,
	probe?: ScanProbe,
): number {
	if (start >= limit) return limit;
	for (let span = 2 * Math.max(1, width) + 2; ; span *= 2) {
		const end = Math.min(limit, start + span);
		probe?.(start, end);
		const piece = text.slice(start, end);
		const whole = end === limit;
		if (isSimpleText(piece)) {
			// Simple text (ASCII included): every code point is a cluster of at least one column.
			const fit = prefixToWidth(piece, width).text.length;
			if (fit < piece.length || whole) return start + (fit > 0 ? fit : firstCodePointLength(piece));
			continue;
		}
		const cut = clusterFit(piece, width, whole);
		if (cut === null) continue;
		if (cut.fit < piece.length || whole) return start + (cut.fit > 0 ? cut.fit : cut.first);
	}
}

/**
 * Hard-wraps one line (no newlines) into pieces of at most `width` columns, breaking between
 * graphemes (stack traces and JSON have few spaces worth breaking at). An empty line stays one line.
 * Linear in the length of the line (see `rowEnd`).
 */
export function wrapToWidth(text: string, width: number, probe?: ScanProbe): string[] {
	if (width <= 0 || text === "") return [text];
	const lines: string[] = [];
	for (let start = 0; start < text.length; ) {
		const end = rowEnd(text, start, width, text.length, probe);
		lines.push(text.slice(start, end));
		start = end;
	}
	return lines;
}

/** A run of text with one style: what one nested `<Text>` of a row draws. */
export interface Span {
	readonly text: string;
	readonly color?: string;
	readonly backgroundColor?: string;
	readonly bold?: boolean;
	readonly dim?: boolean;
	readonly inverse?: boolean;
}

function sameStyle(a: Span, b: Span): boolean {
	return (
		a.color === b.color &&
		a.backgroundColor === b.backgroundColor &&
		a.bold === b.bold &&
		a.dim === b.dim &&
		a.inverse === b.inverse
	);
}

/**
 * The spans that fit in `width` columns, the last one cut with an ellipsis when the row is longer,
 * with neighbouring spans of the same style merged (fewer nested `<Text>` nodes per row). Returns the
 * spans and the columns they take.
 */
export function fitSpans(spans: readonly Span[], width: number): { spans: Span[]; width: number } {
	const out: Span[] = [];
	let used = 0;
	const push = (span: Span): void => {
		if (span.text === "") return;
		const last = out[out.length - 1];
		if (last && sameStyle(last, span)) out[out.length - 1] = { ...last, text: last.text + span.text };
		else out.push(span);
	};
	for (let i = 0; i < spans.length; i++) {
		const span = spans[i]!;
		// Bounded: a span wider than what is left is cut anyway, however long it is.
		const w = columnsUpTo(span.text, width - used);
		if (used + w <= width) {
			push(span);
			used += w;
			continue;
		}
		// This span overflows: cut it and end the row with an ellipsis in its style. When it has no
		// room at all, the ellipsis takes the last column of what is already there.
		const cut = truncateToWidth(span.text, width - used);
		if (cut !== "") {
			push({ ...span, text: cut });
			used += textWidth(cut);
		} else {
			// Spans of no width (zero-width characters) have no column to give: drop them.
			while (out.length > 0 && textWidth(out[out.length - 1]?.text ?? "") === 0) out.pop();
			const last = out[out.length - 1];
			if (last) {
				const kept = prefixToWidth(last.text, textWidth(last.text) - 1);
				out[out.length - 1] = { ...last, text: `${kept.text}…` };
				used = used - textWidth(last.text) + kept.width + 1;
			}
		}
		break;
	}
	return { spans: out, width: used };
}
