/**
 * The output of `catalyst logs query` (1.4.1) for history entries, so a user gets the same lines from
 * bctail as from catalyst, byte for byte for clean text. History entries are flattened (one per log
 * line, plus a request row per invocation), so these formats differ from the live ones in
 * `line-format.ts`:
 * - message: the messages, non-strings as JSON, joined by a space, runs of whitespace collapsed to
 *   one space, trimmed; `short` prints only it;
 * - `default`: `[<ts>] [<LEVEL>]<exc> <message>`; `request`: `[<ts>] <METHOD> <url> (<status>)
 *   [<LEVEL>]<exc> <message>` (` (<status>)` only for a non-zero status, the request part only when
 *   the entry has a request); a request row prints only `[<ts>] <METHOD> <url> (<status>)` in
 *   `request` and nothing in `default` and `short`;
 * - `<ts>` is the timestamp as sent, `unknown` when null; `<LEVEL>` the level upper-cased, `UNKNOWN`
 *   when missing; `<exc>` is ` [<exception_name>]` for an exception whose name (a template whose `<*>`
 *   parts) the message does not already contain;
 * - `json`: the entry as one line of JSON; `pretty`: indented by two spaces.
 * Colour (only when asked): the level debug gray, info green, warn yellow, error red, others white;
 * the exception tag red.
 *
 * Entries come from the network: text formats sanitize every piece (`sanitize.ts`) before it is
 * joined, and `json`/`pretty` escape C1, DEL and bidi characters (`safe-json.ts`), so terminal controls
 * never reach the output; for text without them the output is catalyst's.
 */
import { isRequestRow, messageList } from "../model/history-entry.js";
import { isObject, type JsonObject } from "../model/normalize-fields.js";
import { safeJsonStringify } from "../model/safe-json.js";
import { sanitize, sanitizeOneLine } from "../model/sanitize.js";
import type { LineFormat } from "./line-format.js";
import { type Colour, paint } from "./sgr.js";

export interface QueryFormatOptions {
	readonly format: LineFormat;
	/** Colour the level and the exception tag with SGR codes. */
	readonly color: boolean;
}

const levelColours: Readonly<Record<string, Colour>> = {
	debug: "gray",
	info: "green",
	warn: "yellow",
	error: "red",
};

/** White (SGR 37), the colour of any other level; `sgr.ts` has no white. */
function white(text: string): string {
	return `\x1b[37m${text}\x1b[39m`;
}

/** A scalar field as text on one line, sanitized (what a template literal would print). */
function fieldText(value: unknown): string {
	return sanitizeOneLine(typeof value === "string" ? value : String(value));
}

/** catalyst's message, from sanitized parts: joined by a space, whitespace collapsed, trimmed. */
export function queryMessage(messages: unknown): string {
	return messageList(messages)
		.map((m) => (typeof m === "string" ? sanitize(m) : safeJsonStringify(m)))
		.join(" ")
		.replace(/\s+/g, " ")
		.trim();
}

/** Whether every literal part of an exception name (split on `<*>`) already appears in the message. */
function nameIsRedundant(name: string, message: string): boolean {
	return name
		.split("<*>")
		.map((part) => part.trim())
		.filter((part) => part !== "")
		.every((part) => message.includes(part));
}

function requestText(entry: JsonObject): string {
	const request = entry.request;
	if (!request) return "";
	const fields: JsonObject = isObject(request) ? request : {};
	const status = fields.status_code ? ` (${fieldText(fields.status_code)})` : "";
	return ` ${fieldText(fields.method)} ${fieldText(fields.url)}${status}`;
}

/**
 * One history entry as `catalyst logs query --format <format>` prints it.
 * @param raw one entry of a history page's `data`, as parsed (`HistoryEntry.raw`)
 * @returns the text to print, without a trailing newline (`pretty` spans several lines), or null when
 *   the format hides the entry (request rows in `default` and `short`)
 */
export function formatQueryEntry(raw: unknown, options: QueryFormatOptions): string | null {
	const { format, color } = options;
	if (format === "json") return safeJsonStringify(raw);
	if (format === "pretty") return safeJsonStringify(raw, 2);
	const entry: JsonObject = isObject(raw) ? raw : {};
	const requestRow = isRequestRow(entry);
	if (requestRow && format !== "request") return null;
	const message = queryMessage(entry.messages);
	if (format === "short") return message;
	const ts =
		entry.timestamp === null || entry.timestamp === undefined ? "unknown" : fieldText(entry.timestamp);
	const request = format === "request" ? requestText(entry) : "";
	if (requestRow) return `[${ts}]${request}`;
	const rawLevel = entry.level ?? "unknown";
	const level = fieldText(rawLevel).toUpperCase();
	let levelTag = level;
	if (color) {
		const colour = levelColours[String(rawLevel).toLowerCase()];
		levelTag = colour === undefined ? white(level) : paint(colour, level);
	}
	let exception = "";
	const name = entry.exception_name;
	if (entry.is_exception && name) {
		const safeName = fieldText(name);
		if (!nameIsRedundant(safeName, message)) {
			exception = color ? ` ${paint("red", `[${safeName}]`)}` : ` [${safeName}]`;
		}
	}
	return `[${ts}]${request} [${levelTag}]${exception} ${message}`;
}

/**
 * The sentence after a page of entries (catalyst's wording).
 * @param shown entries printed
 * @param hiddenRequests request rows the format left out
 */
export function formatQuerySummary(shown: number, hiddenRequests: number): string {
	if (shown === 0 && hiddenRequests === 0) return noEntriesSentence;
	const shownPart = `${shown} ${shown === 1 ? "entry" : "entries"} shown`;
	if (hiddenRequests > 0) {
		return `${shownPart}, ${hiddenRequests} request ${hiddenRequests === 1 ? "row" : "rows"} hidden (oldest first, times in UTC). Use --format request to see request rows.`;
	}
	return `${shownPart} (oldest first, times in UTC).`;
}

/** What catalyst says for a page with no entries at all. */
export const noEntriesSentence = "No log entries found for the given window and filters.";
