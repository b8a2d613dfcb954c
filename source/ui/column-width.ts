/**
 * Terminal columns of a string, as string-width (what Ink measures with) counts them, without paying
 * for grapheme segmentation on every call. string-width segments any non-ASCII string with
 * `Intl.Segmenter` (~50 µs for a 150-character log line with one `⏎` in it, 40x its ASCII path), and
 * rows are measured on every frame they change.
 *
 * Most non-ASCII text (accented letters, CJK, symbols such as `⏎ ✖ ▁`, most emoji) is made of code
 * points that always form a grapheme cluster on their own; string-width then counts each cluster
 * separately, so such a string's width is the sum of its code points' widths. Each code point's width
 * is asked of string-width once and remembered. Text with anything that can join a cluster (marks,
 * joiners, variation selectors, emoji modifiers, regional indicators, Hangul jamo, prepended
 * concatenation marks, format and control characters) goes to string-width whole.
 */
import stringWidth from "string-width";

const printableAscii = /^[\x20-\x7e]*$/;

/**
 * Code points that can share a grapheme cluster with a neighbour, or that string-width treats as
 * zero-width: the cases where a sum of single code point widths could differ from string-width.
 * (Grapheme_Cluster_Break Extend, SpacingMark, Prepend, ZWJ, Regional_Indicator, L/V/T jamo, Control.)
 * The letters listed one by one are those of these classes that are not marks or format characters,
 * as of Unicode 17 (Node 22's ICU); test/ui/column-width.test.ts checks every code point against
 * string-width, so a newer Unicode that adds some shows there.
 */
const joining =
	/[\p{Mark}\p{Grapheme_Extend}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Cs}\p{Regional_Indicator}\p{Emoji_Modifier}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u0e33\u0eb3\u0d4e\u{111c2}\u{111c3}\u{1193f}\u{11941}\u{11a3a}\u{11a84}-\u{11a89}\u{11d46}\u{11f02}\u{113d1}\u{16d63}\u{16d67}-\u{16d6a}]/u;

/** Widths of single code points in planes 0-3, plus one (0 = not asked yet). */
const lowWidths = new Uint8Array(0x40000);
const highWidths = new Map<number, number>();

/** The width of one code point that forms a cluster alone (see `joining`). */
function codePointWidth(codePoint: number): number {
	if (codePoint < 0x40000) {
		const known = lowWidths[codePoint] as number;
		if (known !== 0) return known - 1;
		const width = stringWidth(String.fromCodePoint(codePoint));
		lowWidths[codePoint] = width + 1;
		return width;
	}
	let width = highWidths.get(codePoint);
	if (width === undefined) {
		width = stringWidth(String.fromCodePoint(codePoint));
		highWidths.set(codePoint, width);
	}
	return width;
}

/** Whether every code point of `text` forms its own cluster, so per-code-point widths add up. */
export function isSimpleText(text: string): boolean {
	return !joining.test(text);
}

/**
 * Columns of `text`, or, when that is more than `limit`, some number above `limit` (the scan stops
 * there: a long message cut to a pane's width is not measured to its end).
 */
export function columnsUpTo(text: string, limit: number): number {
	const n = text.length;
	// Every code point outside `joining` takes at least one column and at most two code units, so a
	// prefix of 2 * (limit + 1) code units decides whether a simple text fits.
	const room = 2 * (Math.max(0, limit) + 1);
	if (n > room) {
		const head = text.slice(0, room);
		if (printableAscii.test(head)) return head.length;
		if (!joining.test(head)) return simpleColumns(head, limit);
		return stringWidth(text);
	}
	if (printableAscii.test(text)) return n;
	if (joining.test(text)) return stringWidth(text);
	return simpleColumns(text, limit);
}

/** Columns of `text` (no control characters), exactly as string-width counts them. */
export function columns(text: string): number {
	if (printableAscii.test(text)) return text.length;
	if (joining.test(text)) return stringWidth(text);
	return simpleColumns(text, Number.POSITIVE_INFINITY);
}

/** The sum of code point widths of a simple text, stopping once it is past `limit`. */
function simpleColumns(text: string, limit: number): number {
	let width = 0;
	for (let i = 0; i < text.length && width <= limit; i++) {
		const unit = text.charCodeAt(i);
		if (unit >= 0x20 && unit < 0x7f) {
			width++;
			continue;
		}
		let codePoint = unit;
		if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
			codePoint = text.codePointAt(i) as number;
			i++;
		}
		width += codePointWidth(codePoint);
	}
	return width;
}

/**
 * The longest prefix of a simple text (see `isSimpleText`) that fits in `width` columns, and its
 * width; a wide character that would straddle the limit is left out whole.
 */
export function simplePrefix(text: string, width: number): { text: string; width: number } {
	let used = 0;
	let end = 0;
	while (end < text.length) {
		const unit = text.charCodeAt(end);
		let size = 1;
		let w: number;
		if (unit >= 0x20 && unit < 0x7f) w = 1;
		else if (unit >= 0xd800 && unit <= 0xdbff && end + 1 < text.length) {
			w = codePointWidth(text.codePointAt(end) as number);
			size = 2;
		} else w = codePointWidth(unit);
		if (used + w > width) break;
		used += w;
		end += size;
	}
	return { text: text.slice(0, end), width: used };
}
