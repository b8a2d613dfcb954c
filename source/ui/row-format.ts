/**
 * One pane row as styled spans, already cut to the pane's width: time, status, method, path, level
 * badge, message (with search matches highlighted). Pure, so the row layout is tested without Ink,
 * and cheap: it only ever runs for the rows on screen.
 */
import { oneLine } from "../model/sanitize.js";
import type { TailEvent } from "../model/types.js";
import type { MatchRange, RowView, TimeFormat } from "../store/types.js";
import { formatTime, levelBadge, statusColor, statusText } from "./format.js";
import { dropColumns, wrapSpans } from "./row-slice.js";
import { fitSpans, type Span, textWidth } from "./truncate-to-width.js";

export interface RowStyleOptions {
	readonly width: number;
	readonly timeFormat: TimeFormat;
	readonly now: number;
	/** The pane has focus: only then is the cursor row drawn inverse. */
	readonly focused: boolean;
	/** One row per request: the row says how many logs and exceptions its event holds. */
	readonly compact?: boolean;
	/** Long rows wrap onto following lines (`rowLinesSpans`). */
	readonly wrap?: boolean;
	/** Columns scrolled sideways (not wrapping). */
	readonly offset?: number;
}

/**
 * Below this many columns a row is narrow: no milliseconds, no method padding (the same threshold as
 * the pane header's, `narrowPaneWidth`).
 */
export const narrowRowWidth = 60;

const highlight = { backgroundColor: "yellow", color: "black" } as const;

/** `text` split into plain and highlighted spans along `ranges` (clipped and ordered defensively). */
export function highlightSpans(
	text: string,
	ranges: readonly MatchRange[],
	base: Omit<Span, "text">,
): Span[] {
	if (ranges.length === 0) return [{ ...base, text }];
	const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
	const spans: Span[] = [];
	let at = 0;
	for (const [rawStart, rawEnd] of sorted) {
		const start = Math.max(at, Math.min(rawStart, text.length));
		const end = Math.max(start, Math.min(rawEnd, text.length));
		if (end === start) continue;
		if (start > at) spans.push({ ...base, text: text.slice(at, start) });
		spans.push({ ...base, ...highlight, text: text.slice(start, end) });
		at = end;
	}
	if (at < text.length) spans.push({ ...base, text: text.slice(at) });
	return spans;
}

/**
 * The spans of one row, not yet cut to a width. `clip`: a long path gets at most ~40% of the width
 * (the default, one-line view); scrolled sideways or wrapped, a row shows everything it holds.
 */
export function rowContent(row: RowView, options: RowStyleOptions, clip: boolean): Span[] {
	const { entry } = row;
	const narrow = options.width < narrowRowWidth;
	// History rows (uuid `h:…`, read from the API's history rather than the stream) carry a mark in
	// the gutter after the time, so the two can be told apart at a glance without moving any column.
	const fromHistory = entry.event?.uuid.startsWith("h:") === true;
	const spans: Span[] = [
		{ text: formatTime(entry.time, options.timeFormat, options.now, narrow), dim: true },
		fromHistory ? { text: "▏", color: "gray" } : { text: " " },
	];
	if (entry.kind === "gap") {
		spans.push({ text: `── ${entry.text} ──`, color: "yellow" });
		return spans;
	}
	const request = entry.event?.request ?? null;
	if (request) {
		spans.push({ text: statusText(request.status), color: statusColor(request.status) }, { text: " " });
		// The model keeps newlines in strings; a row is one line (oneLine returns the same string
		// when there is none).
		// Methods are padded to line up paths, except in a narrow pane, where the columns go to the path.
		const method = oneLine(request.method);
		if (method) spans.push({ text: narrow ? method : method.padEnd(4) }, { text: " " });
		// A long path must not push the message off the row: it gets at most ~40% of the width
		// unless the row has nothing else to show.
		const oneLinePath = oneLine(request.path);
		const path = entry.kind === "request" || !clip ? oneLinePath : clipPath(oneLinePath, options.width);
		spans.push(...highlightSpans(path, row.pathRanges ?? [], { color: "blue" }), { text: " " });
	}
	// One row per request: what the event holds, then the message of the entry that stands for it.
	if (options.compact === true && entry.event !== null) spans.push(...countSpans(entry.event));
	// Searching a compact row, the event's first matching entry is the message shown.
	const message = row.shown ?? entry;
	if (message.kind === "exception") {
		spans.push({ text: "✖ ", color: "red", bold: true });
		spans.push(...highlightSpans(message.text, row.ranges, { color: "red" }));
	} else {
		if (message.kind === "log" && message.level) {
			const badge = levelBadge(message.level);
			spans.push({ text: badge.text, color: badge.color, bold: badge.color !== undefined }, { text: " " });
		}
		spans.push(...highlightSpans(message.text, row.ranges, {}));
	}
	return spans;
}

/** `· 3 logs · 1 exc ` for a compact row (nothing for an event of neither). */
function countSpans(event: TailEvent): Span[] {
	const spans: Span[] = [];
	const logs = event.logs.length;
	const exceptions = event.exceptions.length;
	if (logs > 0) spans.push({ text: `· ${logs} ${logs === 1 ? "log" : "logs"} `, dim: true });
	if (exceptions > 0) spans.push({ text: `· ${exceptions} exc `, color: "red" });
	if (spans.length > 0) spans.push({ text: " " });
	return spans;
}

/** The spans of one row on one line of `options.width` columns: scrolled by `offset`, then cut. */
function lineSpans(content: readonly Span[], options: RowStyleOptions, cursor: boolean): Span[] {
	const shifted = (options.offset ?? 0) > 0 ? dropColumns(content, options.offset ?? 0) : content;
	const fitted = fitSpans(shifted, options.width);
	// The cursor row is padded to the full width so its inverse bar spans the pane.
	if (cursor && fitted.width < options.width)
		fitted.spans.push({ text: " ".repeat(options.width - fitted.width) });
	return fitted.spans;
}

/**
 * The spans of one row cut to `options.width` columns (after the sideways `offset`), and whether it
 * is drawn as the cursor row. The cursor row is padded to the full width so its inverse bar spans the pane.
 */
export function rowSpans(row: RowView, options: RowStyleOptions): { spans: Span[]; cursor: boolean } {
	const cursor = row.cursor && options.focused;
	const clip = (options.offset ?? 0) === 0;
	return { spans: lineSpans(rowContent(row, options, clip), options, cursor), cursor };
}

/**
 * The lines of one row: one (as `rowSpans`), or with `wrap` as many as its content needs at the
 * width, each a line of its own (the cursor's all padded, so its bar covers the whole row).
 */
export function rowLinesSpans(row: RowView, options: RowStyleOptions): { lines: Span[][]; cursor: boolean } {
	if (options.wrap !== true) {
		const { spans, cursor } = rowSpans(row, options);
		return { lines: [spans], cursor };
	}
	const cursor = row.cursor && options.focused;
	const lines = wrapSpans(rowContent(row, options, false), options.width).map((line) =>
		lineSpans(line, { ...options, offset: 0 }, cursor),
	);
	return { lines, cursor };
}

function clipPath(path: string, width: number): string {
	const max = Math.max(12, Math.floor(width * 0.4));
	if (textWidth(path) <= max) return path;
	const { spans } = fitSpans([{ text: path }], max);
	return spans[0]?.text ?? "";
}
