/**
 * The text of the exception and detail overlays as styled lines: the exception (name, message, full
 * stack), the request, every log of the invocation, times, project and uuid; the detail overlay adds
 * the raw event as pretty JSON (unknown fields included). Pure, and built once per entry and width:
 * the overlay then scrolls through the lines, drawing only those on screen. The raw event's lines
 * are made as they are reached (`overlayLines`), so a multi-megabyte event opens at once.
 */
import { sanitize } from "../model/sanitize.js";
import type { TailEvent } from "../model/types.js";
import type { Entry } from "../store/types.js";
import { formatFullTime, formatTime, levelBadge, statusColor, statusText } from "./format.js";
import { prettyJsonLines } from "./pretty-json-lines.js";
import type { Span } from "./truncate-to-width.js";
import { WrappedLines } from "./wrapped-lines.js";

export interface OverlayLine {
	readonly text: string;
	readonly color?: string;
	readonly bold?: boolean;
	readonly dim?: boolean;
	/** Styled runs for a line already cut to the width (the help's columns); `text` is their text. */
	readonly spans?: readonly Span[];
}

export interface OverlayContentOptions {
	/** The pane's title (project name or short UUID). */
	readonly project: string;
	/** Add the raw event as pretty JSON (the detail overlay). */
	readonly raw: boolean;
}

const blank: OverlayLine = { text: "" };

/** Splits multi-line text into lines, each indented by `indent`. */
function block(text: string, indent: string, style: Omit<OverlayLine, "text"> = {}): OverlayLine[] {
	return text.split("\n").map((line) => ({ ...style, text: indent + line }));
}

function heading(text: string): OverlayLine {
	return { text, bold: true, color: "cyan" };
}

function timeLines(event: TailEvent): OverlayLine[] {
	const lines: OverlayLine[] = [{ text: `Time      ${formatFullTime(event.time)}` }];
	if (event.timeMissing)
		lines.push({ text: "          time missing: shown at receive time", color: "yellow" });
	else lines.push({ text: `Received  ${formatFullTime(event.receivedAt)}`, dim: true });
	return lines;
}

function requestLines(event: TailEvent): OverlayLine[] {
	const request = event.request;
	if (!request) return [{ text: "Request   none (not an HTTP invocation)", dim: true }];
	return [
		{
			text: `Request   ${request.method || "(no method)"} ${request.url || "(no url)"}`,
		},
		{ text: `Status    ${statusText(request.status)}`, color: statusColor(request.status) },
	];
}

function exceptionLines(event: TailEvent, focus: number): OverlayLine[] {
	const lines: OverlayLine[] = [];
	event.exceptions.forEach((exception, i) => {
		if (i > 0) lines.push(blank);
		const marker = event.exceptions.length > 1 ? `[${i + 1}/${event.exceptions.length}] ` : "";
		const title = [exception.name, exception.message].filter((s) => s !== "").join(": ") || "(no message)";
		lines.push(...block(`✖ ${marker}${title}`, "", { color: "red", bold: i === focus }));
		if (exception.time !== null) lines.push({ text: `  at ${formatFullTime(exception.time)}`, dim: true });
		if (exception.stack) lines.push(...block(exception.stack, "  "));
		else lines.push({ text: "  (no stack)", dim: true });
	});
	return lines;
}

function logLines(event: TailEvent): OverlayLine[] {
	if (event.logs.length === 0) return [{ text: "(no logs)", dim: true }];
	const lines: OverlayLine[] = [];
	for (const log of event.logs) {
		const badge = levelBadge(log.level);
		const time = log.time === null ? "--:--:--.---" : formatTime(log.time, "local", 0);
		const [first = "", ...rest] = log.text.split("\n");
		lines.push({ text: `${time} ${badge.text} ${first}`, color: badge.color });
		// Continuation lines of a multi-line message stay under the message column.
		for (const line of rest) lines.push({ text: `${" ".repeat(19)}${line}`, color: badge.color });
	}
	return lines;
}

/**
 * The raw event, pretty-printed line by line as the lines are reached (see `pretty-json-lines.ts`).
 * `event.json` holds safe escapes only (`safeJsonStringify`, or checked as received); each line is
 * sanitized anyway, as a last guard before the terminal.
 */
function* rawLines(event: TailEvent): Generator<OverlayLine, void, undefined> {
	for (const line of prettyJsonLines(event.json)) yield { text: sanitize(line) };
}

/** The overlay's lines for an entry, before wrapping, all of them (see `overlayLines`). */
export function overlayContent(entry: Entry, options: OverlayContentOptions): OverlayLine[] {
	return [...overlayLines(entry, options)];
}

/**
 * The overlay's lines for an entry, before wrapping: the head at once, the raw event (detail
 * overlay) made as it is reached.
 */
export function* overlayLines(
	entry: Entry,
	options: OverlayContentOptions,
): Generator<OverlayLine, void, undefined> {
	yield* headLines(entry, options);
	if (!options.raw || !entry.event) return;
	yield blank;
	yield heading("Raw event");
	yield* rawLines(entry.event);
}

/** Everything but the raw event. */
function headLines(entry: Entry, options: OverlayContentOptions): OverlayLine[] {
	const event = entry.event;
	if (!event) {
		// A gap marker: there is no event, only the outage.
		const lines: OverlayLine[] = [
			heading(`── ${entry.text} ──`),
			blank,
			{ text: `Project   ${options.project}` },
		];
		if (entry.gap) {
			lines.push({ text: `Lost      ${formatFullTime(entry.gap.start)}` });
			lines.push({ text: `Back      ${formatFullTime(entry.gap.end)}` });
			lines.push({ text: `Cause     ${sanitize(entry.gap.cause)}` });
		}
		return lines;
	}
	const focus = entry.kind === "exception" ? entry.index : -1;
	const lines: OverlayLine[] = [];
	if (event.exceptions.length > 0) {
		lines.push(heading(event.exceptions.length > 1 ? "Exceptions" : "Exception"));
		lines.push(...exceptionLines(event, focus), blank);
	}
	lines.push(heading("Invocation"));
	lines.push(...requestLines(event));
	lines.push(...timeLines(event));
	lines.push({ text: `Project   ${options.project} (${event.projectUuid})` });
	lines.push({ text: `Event     ${event.uuid}` });
	lines.push(blank, heading(`Logs (${event.logs.length})`), ...logLines(event));
	return lines;
}

/**
 * Hard-wraps every line to `width` columns, keeping each line's style on its pieces. A newline still in
 * a line (a uuid or URL from the stream may carry one) breaks it too: one output line is one screen row.
 * All of it at once; the overlays wrap lazily with `WrappedLines`.
 */
export function wrapOverlayLines(lines: readonly OverlayLine[], width: number): OverlayLine[] {
	return new WrappedLines(lines, width).all();
}
