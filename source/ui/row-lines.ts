/**
 * Pane rows as finished lines: each row's spans (row-format.ts) styled into one string of text and
 * escape codes (styled-text.ts), the cursor row inverse, exactly as a `<Text inverse>` of nested spans
 * draws it. A pane's body is then one text node of these lines: Ink lays out, squashes and writes one
 * node per pane instead of one (with its spans) per row, which is what a frame's cost grew with.
 *
 * A line is remembered on its entry (weakly: an entry dropped from the scrollback takes its line with
 * it) with everything it was built from (width, time format, cursor, match, and the pane's density:
 * one row per request, wrap, sideways offset), so a row that did not change is not styled again.
 * A wrapped row is several lines; the body then shows the lines that fit, keeping the cursor's row
 * (and, when following, the newest one) whole on screen.
 */
import chalk from "chalk";
import type { Entry, MatchRange, RowView } from "../store/types.js";
import { type RowStyleOptions, rowLinesSpans } from "./row-format.js";
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
	readonly shown: RowView["shown"];
	readonly compact: boolean;
	readonly wrap: boolean;
	readonly offset: number;
	/** The row's line, or its wrapped lines joined by newlines. */
	readonly line: string;
	/** Its lines one by one (one unless wrapped). */
	readonly lines: readonly string[];
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
		last.compact === (options.compact === true) &&
		last.wrap === (options.wrap === true) &&
		last.offset === (options.offset ?? 0) &&
		last.match === row.match &&
		last.shown === row.shown &&
		sameRanges(last.ranges, row.ranges) &&
		sameRanges(last.pathRanges, row.pathRanges)
	);
}

/** One row as the line(s) a pane draws, with how many screen lines it takes. */
export function builtRow(row: RowView, options: RowStyleOptions): { line: string; lines: readonly string[] } {
	// The cursor is drawn only in the focused pane (rowSpans decides; this is the cheap pre-check).
	const inverse = row.cursor && options.focused;
	const last = built.get(row.entry);
	if (last !== undefined && stillValid(last, row, options, inverse)) return last;
	const { lines, cursor } = rowLinesSpans(row, options);
	const styled = lines.map((spans) => (cursor ? chalk.inverse(styleSpans(spans)) : styleSpans(spans)));
	const next: BuiltLine = {
		width: options.width,
		timeFormat: options.timeFormat,
		now: options.now,
		inverse,
		match: row.match,
		ranges: row.ranges,
		pathRanges: row.pathRanges,
		shown: row.shown,
		compact: options.compact === true,
		wrap: options.wrap === true,
		offset: options.offset ?? 0,
		line: styled.join("\n"),
		lines: styled,
	};
	built.set(row.entry, next);
	return next;
}

/** One row as the line a pane draws. */
export function rowLine(row: RowView, options: RowStyleOptions): string {
	return builtRow(row, options).line;
}

/**
 * The body of a pane: its rows' lines, one per line. Wrapped rows may take more than `bodyRows`
 * lines together: the body then starts at the first row and moves down just enough for the cursor's
 * row to end on screen (a following pane's cursor is its newest row, so the bottom stays pinned).
 */
export function bodyText(rows: readonly RowView[], options: RowStyleOptions, bodyRows = rows.length): string {
	if (options.wrap !== true) {
		let text = "";
		for (let i = 0; i < rows.length; i++) {
			if (i > 0) text += "\n";
			text += rowLine(rows[i] as RowView, options);
		}
		return text;
	}
	const lines: string[] = [];
	let cursorEnd = 0;
	let cursorStart = 0;
	for (const row of rows) {
		const built = builtRow(row, options).lines;
		if (row.cursor) cursorStart = lines.length;
		for (const part of built) lines.push(part);
		if (row.cursor) cursorEnd = lines.length;
	}
	const start = Math.max(0, Math.min(cursorStart, cursorEnd - bodyRows));
	return lines.slice(start, start + bodyRows).join("\n");
}
