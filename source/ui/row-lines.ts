/**
 * Pane rows as finished lines: each row's spans (row-format.ts) styled into one string of text and
 * escape codes (styled-text.ts), the cursor row inverse, exactly as a `<Text inverse>` of nested spans
 * draws it. A pane's body is then one text node of these lines: Ink lays out, squashes and writes one
 * node per pane instead of one (with its spans) per row, which is what a frame's cost grew with.
 *
 * A line is remembered on its entry (weakly: an entry dropped from the scrollback takes its line with
 * it) with everything it was built from, so a row that did not change is not styled again.
 */
import chalk from "chalk";
import type { Entry, MatchRange, RowView } from "../store/types.js";
import { type RowStyleOptions, rowSpans } from "./row-format.js";
import { styleSpans } from "./styled-text.js";

interface BuiltLine {
	readonly width: number;
	readonly timeFormat: RowStyleOptions["timeFormat"];
	/** The clock it was built at; only relative times read it. */
	readonly now: number;
	readonly inverse: boolean;
	readonly match: boolean;
	readonly ranges: readonly MatchRange[];
	readonly pathRanges: readonly MatchRange[] | undefined;
	readonly line: string;
}

const built = new WeakMap<Entry, BuiltLine>();

function sameRanges(a: readonly MatchRange[] | undefined, b: readonly MatchRange[] | undefined): boolean {
	if (a === b) return true;
	if (a === undefined || b === undefined || a.length !== b.length) return false;
	return a.every((range, i) => range[0] === b[i]?.[0] && range[1] === b[i]?.[1]);
}

function stillValid(last: BuiltLine, row: RowView, options: RowStyleOptions, inverse: boolean): boolean {
	return (
		last.width === options.width &&
		last.timeFormat === options.timeFormat &&
		(options.timeFormat !== "relative" || last.now === options.now) &&
		last.inverse === inverse &&
		last.match === row.match &&
		sameRanges(last.ranges, row.ranges) &&
		sameRanges(last.pathRanges, row.pathRanges)
	);
}

/** One row as the line a pane draws. */
export function rowLine(row: RowView, options: RowStyleOptions): string {
	// The cursor is drawn only in the focused pane (rowSpans decides; this is the cheap pre-check).
	const inverse = row.cursor && options.focused;
	const last = built.get(row.entry);
	if (last !== undefined && stillValid(last, row, options, inverse)) return last.line;
	const { spans, cursor } = rowSpans(row, options);
	const styled = styleSpans(spans);
	const line = cursor ? chalk.inverse(styled) : styled;
	built.set(row.entry, {
		width: options.width,
		timeFormat: options.timeFormat,
		now: options.now,
		inverse,
		match: row.match,
		ranges: row.ranges,
		pathRanges: row.pathRanges,
		line,
	});
	return line;
}

/** The body of a pane: its rows' lines, one per line. */
export function bodyText(rows: readonly RowView[], options: RowStyleOptions): string {
	let text = "";
	for (let i = 0; i < rows.length; i++) {
		if (i > 0) text += "\n";
		text += rowLine(rows[i] as RowView, options);
	}
	return text;
}
