/**
 * One project's pane: a bordered box with a header (title, connection, activity, totals, pause and
 * filter state) and the visible window of rows from the store snapshot. Memoized on the pane's
 * version, so a pane whose project is quiet costs nothing when another pane scrolls.
 */
import { Box, Text } from "ink";
import { memo } from "react";
import { sanitizeOneLine } from "../model/sanitize.js";
import type { PaneSnapshot, TimeFormat } from "../store/types.js";
import { atLabel, connectionLabel, formatTotals, sparkline } from "./format.js";
import { narrowRowWidth } from "./row-format.js";
import { bodyText } from "./row-lines.js";
import { SpanLine } from "./span-line.js";
import { fitSpans, type Span, truncateToWidth } from "./truncate-to-width.js";

/** Rows a pane's border takes (top and bottom). */
const borderRows = 2;

/** Header lines for a pane of this outer height: two when there is room, else one. */
export function headerRows(height: number): number {
	return height >= 8 ? 2 : 1;
}

/** Body rows of a pane of this outer height: the layout arithmetic the viewport is set from. */
export function paneBodyRows(height: number): number {
	return Math.max(0, height - borderRows - headerRows(height));
}

/** Columns inside a pane's border. */
export function paneInnerWidth(width: number): number {
	return Math.max(0, width - 2);
}

export interface PaneProps {
	readonly pane: PaneSnapshot;
	/** 0-based position, shown as the key that focuses it (1–9). */
	readonly index: number;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
	readonly timeFormat: TimeFormat;
	/** The snapshot's clock (relative times, reconnect countdown). */
	readonly now: number;
}

/** Below this many inner columns a pane is narrow: rows drop milliseconds, the header pads less. */
export const narrowPaneWidth = narrowRowWidth;

/**
 * The title line: the pane's key, its connection state, then its name. The state comes first and the
 * name is what a narrow header cuts, so the state the readme promises is always visible stays so.
 */
function titleSpans(props: PaneProps, width: number): Span[] {
	const { pane, index, focused, now } = props;
	// A recording has no connection: "stopped" would read as a failure.
	const connection = pane.replay ? { text: "▶ replay", color: "cyan" } : connectionLabel(pane.status, now);
	const spans: Span[] = [];
	if (index < 9) spans.push({ text: `${index + 1} `, dim: true });
	spans.push({ text: connection.text, color: connection.color });
	spans.push({ text: width < narrowPaneWidth ? " " : "  " });
	spans.push({ text: pane.title, bold: true, color: focused ? "cyan" : undefined });
	return spans;
}

function stateSpans(props: PaneProps, width: number): Span[] {
	const { pane } = props;
	const spans: Span[] = [];
	const space = width < narrowPaneWidth ? " " : "  ";
	const gap = (): void => {
		if (spans.length > 0) spans.push({ text: space });
	};
	// The states a user must not miss come first: a narrow header cuts from the right.
	if (pane.paused) {
		const count = countLabel(pane, pane.pausedNewEvents, pane.pausedNew);
		spans.push({ text: ` PAUSED +${count} `, color: "black", backgroundColor: "yellow" });
	}
	if (pane.at !== null && !pane.follow) {
		gap();
		spans.push({ text: atLabel(pane.at, props.timeFormat, props.now), color: "cyan" });
	}
	if (!pane.follow && pane.newBelow > 0) {
		gap();
		const count = countLabel(pane, pane.newBelow, pane.newBelowRows);
		spans.push({ text: `${count} new ↓`, color: "cyan", bold: true });
	}
	// The pane's own filter (`F`): the global search is the status bar's, this one is only the pane's.
	if (pane.filter !== null) {
		gap();
		// A long query leaves room for the hidden count and the activity after it.
		const query = truncateToWidth(sanitizeOneLine(pane.filter.query), Math.max(8, Math.floor(width / 2)));
		spans.push({ text: `F: ${query}`, color: "magenta", bold: true });
		if (pane.filter.error !== null) spans.push({ text: " ✖", color: "red" });
	}
	if (pane.hidden > 0) {
		gap();
		const count = countLabel(pane, pane.hiddenEvents, pane.hidden);
		spans.push({ text: `${pane.filter === null ? "filter: " : ""}hidden ${count}`, color: "magenta" });
	}
	const density = densityLabel(pane);
	if (density !== "") {
		gap();
		spans.push({ text: density, color: "cyan" });
	}
	gap();
	spans.push({
		text: sparkline(pane.rate, Math.max(6, Math.min(30, Math.floor(width / 4)))),
		color: "green",
	});
	spans.push({ text: " " }, { text: formatTotals(pane.totals), dim: true });
	if (pane.evicted > 0) {
		// Dropped early for memory: say so, in a colour, since scrollback is shorter than asked for.
		const early = pane.evictedForMemory > 0;
		const text = `${pane.evicted} older dropped${early ? " (memory)" : ""}`;
		spans.push({ text: space }, early ? { text, color: "yellow" } : { text, dim: true });
	}
	// Where scrolling back stands: loading, the start of history, or none to be had.
	const older = olderLabel(pane.olderState);
	if (older !== null) spans.push({ text: space }, older);
	// Frames skipped as torn, bad JSON, unknown shape or oversized: never silent.
	const skipped = skippedFrames(pane);
	if (skipped > 0) spans.push({ text: space }, { text: `${skipped} skipped`, color: "yellow" });
	return spans;
}

/**
 * A count of what is not shown: rows, or with one row per request, events and the rows they hold
 * (`12 events (48 rows)`).
 */
function countLabel(pane: PaneSnapshot, events: number, rows: number): string {
	if (!pane.compact) return String(rows);
	const noun = events === 1 ? "event" : "events";
	return rows === events ? `${events} ${noun}` : `${events} ${noun} (${rows} rows)`;
}

/** How the rows are drawn, when not the default: `per request`, `wrap`, `→40`. */
function densityLabel(pane: PaneSnapshot): string {
	const parts: string[] = [];
	if (pane.compact) parts.push("per request");
	if (pane.wrap) parts.push("wrap");
	else if (pane.offset > 0) parts.push(`→${pane.offset}`);
	return parts.join(" ");
}

function olderLabel(state: PaneSnapshot["olderState"]): Span | null {
	switch (state) {
		case "loading":
			return { text: "loading older…", color: "cyan" };
		case "exhausted":
			return { text: "start of history", dim: true };
		case "off":
			return { text: "history off", color: "yellow" };
		default:
			return null;
	}
}

/** What an empty pane says: only a pane that can still receive events is waiting for them. */
function emptyText(pane: PaneSnapshot): string {
	if (pane.hidden > 0 || pane.filter !== null) return "no matching entries";
	if (pane.replay) return "no events in the recording";
	if (pane.status.phase === "stopped") return "no events received";
	return "waiting for events…";
}

function skippedFrames(pane: PaneSnapshot): number {
	const { skipped } = pane.status.counters;
	return skipped.torn + skipped.json + skipped.shape + skipped.oversize;
}

function PaneBox(props: PaneProps) {
	const { pane, width, height, focused, timeFormat, now } = props;
	const inner = paneInnerWidth(width);
	const bodyRows = paneBodyRows(height);
	const header =
		headerRows(height) === 2
			? [fitSpans(titleSpans(props, inner), inner).spans, fitSpans(stateSpans(props, inner), inner).spans]
			: [fitSpans([...titleSpans(props, inner), { text: "  " }, ...stateSpans(props, inner)], inner).spans];
	const rows = pane.rows.slice(0, bodyRows);
	return (
		<Box
			width={width}
			height={height}
			flexDirection="column"
			borderStyle="round"
			borderColor={focused ? "cyan" : "gray"}
		>
			{header.map((spans, i) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: the header has fixed lines.
				<SpanLine key={i} spans={spans} />
			))}
			{rows.length === 0 && bodyRows > 0 ? (
				<Text dimColor wrap="truncate">
					{emptyText(pane)}
				</Text>
			) : rows.length > 0 ? (
				// All rows in one text node (row-lines.ts): one node to lay out and write, not one per row.
				<Text wrap="truncate">
					{bodyText(
						rows,
						{
							width: inner,
							timeFormat,
							now,
							focused,
							compact: pane.compact,
							wrap: pane.wrap,
							offset: pane.offset,
						},
						bodyRows,
					)}
				</Text>
			) : null}
		</Box>
	);
}

/**
 * A pane, re-rendered only when its snapshot version, size, focus, time format or index changed, or
 * the clock crossed a second (relative times and the reconnect countdown).
 */
export const PaneView = memo(
	PaneBox,
	(a, b) =>
		a.pane.version === b.pane.version &&
		a.pane.id === b.pane.id &&
		a.index === b.index &&
		a.width === b.width &&
		a.height === b.height &&
		a.focused === b.focused &&
		a.timeFormat === b.timeFormat &&
		Math.floor(a.now / 1000) === Math.floor(b.now / 1000),
);
