/**
 * One entry of the log-query (history) endpoint, normalized for bctail. History is flattened (one
 * entry per request row, log line and exception, see the shared contract) and has no event uuid, so
 * an entry carries what merging it with the live tail needs (`kind`, `time`, `level`, `request`,
 * `text`: see `fingerprint.ts`) and what the catalyst-identical `logs query` formatter needs (`raw`,
 * the entry as the server sent it; `query-format.ts` sanitizes what it prints).
 *
 * Lenient like the live parser: every field is optional and odd values get the same neutral values
 * `normalize-fields.ts` gives live events, so a live event and its flattened entries normalize alike.
 * Every string an entry hands out, but `raw`, is sanitized.
 */
import { parseTime } from "./iso-time.js";
import { isObject, type JsonObject, normalizeRequest } from "./normalize-fields.js";
import { safeJsonStringify } from "./safe-json.js";
import { sanitize } from "./sanitize.js";
import type { RequestInfo } from "./types.js";

/** What an entry stands for: the request row of an invocation, one log line, or one exception. */
export type EntryKind = "request" | "log" | "exception";

export interface HistoryEntry {
	/** The project whose history the entry came from. */
	readonly projectUuid: string;
	/** `timestamp` in ms since the epoch, or null when missing or invalid. */
	readonly time: number | null;
	readonly kind: EntryKind;
	/** Lower-case level, sanitized; "log" when missing (as for live logs). */
	readonly level: string;
	/** The request the entry belongs to, or null. */
	readonly request: RequestInfo | null;
	/** Messages as live log text is made: each sanitized (non-strings as safe JSON), joined by " ". */
	readonly text: string;
	/** `exception_name`, sanitized, when it is a non-empty string; may hold `<*>` placeholders. */
	readonly exceptionName: string | null;
	/** The entry as parsed from the response, unsanitized: for the formatter only, which sanitizes. */
	readonly raw: JsonObject;
	/** The whole entry (unknown fields kept) as one line of `safeJsonStringify` JSON. */
	readonly json: string;
}

/** Cursors and page availability of one history page. */
export interface HistoryCursors {
	/** `start_cursor` (for `before=`, the newer page), or null. */
	readonly start: string | null;
	/** `end_cursor` (for `after=`, the older page), or null. */
	readonly end: string | null;
	/** An older page exists: `links.next` truthy or `has_next_page === true`. */
	readonly hasNext: boolean;
	/** A newer page exists: `links.previous` truthy or `has_prev_page === true`. */
	readonly hasPrev: boolean;
}

export type HistoryPage =
	| { readonly ok: true; readonly entries: readonly unknown[]; readonly cursors: HistoryCursors }
	| { readonly ok: false; readonly error: string };

/**
 * catalyst's text of `messages`: strings as they are, anything else as JSON, joined by one space
 * (before any whitespace collapsing). Used to recognise a request row without `entry_type`.
 */
export function joinRawMessages(messages: unknown): string {
	return messageList(messages)
		.map((m) => (typeof m === "string" ? m : (JSON.stringify(m) ?? "")))
		.join(" ");
}

/** `messages` as a list: an array as is, missing or null as none, a lone value as a list of one. */
export function messageList(messages: unknown): readonly unknown[] {
	if (Array.isArray(messages)) return messages;
	return messages === undefined || messages === null ? [] : [messages];
}

/**
 * Whether a raw entry is an invocation's request row: `entry_type` "request", or no `entry_type` and
 * messages that read exactly `<method> <url>` of its request (the rule catalyst and the contract use).
 */
export function isRequestRow(raw: JsonObject): boolean {
	return requestRowTest(raw, false);
}

function requestRowTest(raw: JsonObject, anyCase: boolean): boolean {
	if (raw.entry_type === "request") return true;
	if (raw.entry_type !== undefined && raw.entry_type !== null) return false;
	const request = raw.request;
	if (!isObject(request)) return false;
	const joined = joinRawMessages(raw.messages);
	const method = String(request.method);
	const url = String(request.url);
	if (joined === `${method} ${url}`) return true;
	// The contract writes `<METHOD>` upper-case while a live event may send `get`.
	return anyCase && joined === `${method.toUpperCase()} ${url}`;
}

/** A message as live log text: strings sanitized, anything else as (already safe) compact JSON. */
function textOf(value: unknown): string {
	return typeof value === "string" ? sanitize(value) : safeJsonStringify(value);
}

/**
 * Messages as `normalize-fields.ts` makes a live log's text (kept the same on purpose: fingerprints
 * compare the two): missing → "", a non-array → its text, an array → each sanitized on its own,
 * joined by a space.
 */
function messagesText(messages: unknown): string {
	if (messages === undefined) return "";
	if (!Array.isArray(messages)) return textOf(messages);
	return messages.map(textOf).join(" ");
}

/** A level as `normalize-fields.ts` reads a live one: lower-case, "log" when missing or empty. */
function levelOf(value: unknown): string {
	if (typeof value !== "string") return "log";
	const lower = sanitize(value).toLowerCase();
	return lower === "" ? "log" : lower;
}

function kindOf(raw: JsonObject): EntryKind {
	// Like `isRequestRow`, but a lower-case method sent upper-cased in the row still counts.
	if (requestRowTest(raw, true)) return "request";
	return raw.is_exception === true ? "exception" : "log";
}

/**
 * Normalizes one entry of a history page.
 * @param raw one element of the response's `data`
 * @param projectUuid the project the page was asked for
 * @returns the entry, or null when it is not a JSON object (nothing can be said about it)
 */
export function parseHistoryEntry(raw: unknown, projectUuid: string): HistoryEntry | null {
	if (!isObject(raw)) return null;
	const name = raw.exception_name;
	return {
		projectUuid,
		time: parseTime(raw.timestamp),
		kind: kindOf(raw),
		level: levelOf(raw.level),
		request: normalizeRequest(raw.request),
		text: messagesText(raw.messages),
		exceptionName: typeof name === "string" && name !== "" ? sanitize(name) : null,
		raw,
		json: safeJsonStringify(raw),
	};
}

function cursorOf(value: unknown): string | null {
	return typeof value === "string" && value !== "" ? value : null;
}

/**
 * Reads one response body of the history endpoint. Both forms of page availability are accepted
 * (`links.next`/`links.previous` or `has_next_page`/`has_prev_page`, the API is moving from one to the
 * other); missing `meta` means no further page.
 * @param body the parsed JSON body
 * @returns the raw entries (newest first, as sent) and the cursors, or a sentence saying what is wrong
 *   with the shape (never a throw)
 */
export function parseHistoryPage(body: unknown): HistoryPage {
	if (!isObject(body)) return { ok: false, error: "The log query response is not a JSON object." };
	if (!Array.isArray(body.data)) {
		return { ok: false, error: 'The log query response has no "data" list.' };
	}
	const meta = isObject(body.meta) ? body.meta : {};
	const pagination = isObject(meta.cursor_pagination) ? meta.cursor_pagination : {};
	const links = isObject(pagination.links) ? pagination.links : {};
	return {
		ok: true,
		entries: body.data,
		cursors: {
			start: cursorOf(pagination.start_cursor),
			end: cursorOf(pagination.end_cursor),
			hasNext: Boolean(links.next) || pagination.has_next_page === true,
			hasPrev: Boolean(links.previous) || pagination.has_prev_page === true,
		},
	};
}
