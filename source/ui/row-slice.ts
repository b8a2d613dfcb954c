/**
 * A row's spans scrolled sideways (the first `offset` columns dropped) or wrapped onto lines of a
 * width, always cut between graphemes and measured in terminal columns: a wide character (CJK, emoji)
 * that straddles the left edge is drawn as the spaces of its visible half, and one that would straddle
 * the end of a line goes whole to the next, so the panes' borders stay aligned at any offset.
 */
import { prefixToWidth, type Span, textWidth } from "./truncate-to-width.js";

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** The first grapheme of `text` (non-empty). */
function firstGrapheme(text: string): string {
	// A cluster is rarely longer than a few code units; 32 covers long emoji sequences.
	for (const { segment } of graphemes.segment(text.slice(0, 32))) return segment;
	return text;
}

/**
 * `spans` without their first `offset` columns. A grapheme cut by the edge leaves as many spaces as
 * it had columns right of it (in its span's style), so what follows stays in its column.
 */
export function dropColumns(spans: readonly Span[], offset: number): Span[] {
	if (offset <= 0) return [...spans];
	const out: Span[] = [];
	let left = offset;
	for (const span of spans) {
		if (left <= 0) {
			out.push(span);
			continue;
		}
		const head = prefixToWidth(span.text, left);
		let rest = span.text.slice(head.text.length);
		left -= head.width;
		if (left > 0 && rest !== "") {
			// The next grapheme straddles the edge (a wide character with `left` columns before it).
			const straddling = firstGrapheme(rest);
			const visible = textWidth(straddling) - left;
			rest = " ".repeat(Math.max(0, visible)) + rest.slice(straddling.length);
			left = 0;
		}
		if (rest !== "") out.push({ ...span, text: rest });
	}
	return out;
}

/**
 * `spans` cut into lines of at most `width` columns, breaking between graphemes (a row of JSON or a
 * stack has few spaces worth breaking at). Always at least one line; a grapheme wider than the whole
 * line is put on a line of its own rather than dropped.
 */
export function wrapSpans(spans: readonly Span[], width: number): Span[][] {
	const lines: Span[][] = [[]];
	if (width <= 0) return [[...spans]];
	let used = 0;
	for (const span of spans) {
		let text = span.text;
		while (text !== "") {
			const line = lines[lines.length - 1] as Span[];
			const fit = prefixToWidth(text, width - used);
			if (fit.text === "" && used === 0) {
				// Wider than a whole line: alone on this one.
				const alone = firstGrapheme(text);
				line.push({ ...span, text: alone });
				text = text.slice(alone.length);
				lines.push([]);
				continue;
			}
			if (fit.text !== "") line.push({ ...span, text: fit.text });
			used += fit.width;
			text = text.slice(fit.text.length);
			if (text !== "") {
				lines.push([]);
				used = 0;
			}
		}
	}
	// A row that ended exactly at the width (or a grapheme alone) leaves an empty last line: drop it.
	if (lines.length > 1 && (lines[lines.length - 1] as Span[]).length === 0) lines.pop();
	return lines;
}

/** Columns of a line of spans. */
export function spansWidth(spans: readonly Span[]): number {
	let width = 0;
	for (const span of spans) width += textWidth(span.text);
	return width;
}
