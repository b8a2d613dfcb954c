/**
 * Normalizes the parts of a parsed tail event that are shown as text: the request, the logs and the
 * exceptions. Lenient by design (see api.md): the API is pre-release, so odd or missing fields get
 * neutral values instead of rejecting the event. Every string these return is sanitized.
 *
 * These run lazily (see `lazy-event.ts`): line mode with `--format json` never calls them, and the TUI
 * calls each once per event, when the store builds its rows.
 */
import { parseTime } from "./iso-time.js";
import { safeJsonStringify } from "./safe-json.js";
import { sanitize } from "./sanitize.js";
import type { ExceptionRecord, LogRecord, RequestInfo } from "./types.js";

export type JsonObject = { readonly [key: string]: unknown };

export const noLogs: readonly LogRecord[] = Object.freeze([]);
export const noExceptions: readonly ExceptionRecord[] = Object.freeze([]);

/**
 * Shared instances for the usual levels and methods, so 100k events do not hold 100k copies of "info"
 * (and so `toLowerCase`/`toUpperCase` results that allocate are dropped at once).
 */
const knownLevels = new Map(["debug", "info", "log", "warn", "error", "trace", "fatal"].map((l) => [l, l]));
const knownMethods = new Map(
	["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"].map((m) => [m, m]),
);

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value shown as text: strings sanitized, anything else as compact (already safe) JSON. */
function textOf(value: unknown): string {
	if (typeof value === "string") return sanitize(value);
	// safeJsonStringify escapes every control, C1 and bidi character, and JSON.stringify escapes lone
	// surrogates: its output needs no sanitizing.
	return safeJsonStringify(value);
}

/** `https://host:8080/a?b` → `/a?b`; relative URLs unchanged. */
const schemeAndHost = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/;

function pathOf(url: string): string {
	const match = schemeAndHost.exec(url);
	if (match === null) return url;
	const rest = url.slice(match[0].length);
	// An absolute URL with no path asks for the root: show it as such rather than as "".
	return rest.startsWith("/") ? rest : `/${rest}`;
}

/**
 * A normalized request. `path` is worked out from `url` on each read instead of being stored: the store
 * keeps a request per event for as long as it keeps the event, and the path (a slice of the URL, 32 B
 * or a copy) would be most of its cost, while it is only read for the few rows on screen and by
 * `path:` searches (about 0.2 µs each).
 */
class NormalizedRequest implements RequestInfo {
	readonly method: string;
	readonly url: string;
	readonly status: number;

	constructor(method: string, url: string, status: number) {
		this.method = method;
		this.url = url;
		this.status = status;
	}

	get path(): string {
		return pathOf(this.url);
	}
}

/**
 * The same request, its URL now a slice of `text` (the event's stored JSON) when the URL appears there
 * as it is — the usual case: JSON escapes nothing in a URL, and sanitizing leaves a clean one alone. A
 * stored event then keeps its URL once instead of twice (a V8 slice is 32 bytes and only points into
 * the JSON, which the event keeps anyway). Short URLs are left alone: V8 copies slices under 13
 * characters, so nothing would be saved.
 * @param request a request made by `normalizeRequest`
 * @param text the string to point into; it must be kept as long as the request is
 */
export function requestSharingText(request: RequestInfo, text: string): RequestInfo {
	const url = request.url;
	if (url.length < 13) return request;
	const at = text.indexOf(url);
	if (at === -1) return request;
	return new NormalizedRequest(request.method, text.slice(at, at + url.length), request.status);
}

/**
 * The event's `request`, or null when it has none (or not an object).
 * @param value the raw `request` field
 */
export function normalizeRequest(value: unknown): RequestInfo | null {
	if (!isObject(value)) return null;
	const rawMethod = value.method;
	let method = "";
	if (typeof rawMethod === "string") {
		const known = knownMethods.get(rawMethod);
		if (known !== undefined) method = known;
		else {
			const upper = sanitize(rawMethod).toUpperCase();
			method = knownMethods.get(upper) ?? upper;
		}
	}
	const url = typeof value.url === "string" ? sanitize(value.url) : "";
	const code = value.status_code;
	const status = typeof code === "number" && Number.isInteger(code) && code >= 0 && code <= 999 ? code : 0;
	return new NormalizedRequest(method, url, status);
}

function levelOf(value: unknown): string {
	if (typeof value !== "string") return "log";
	const known = knownLevels.get(value);
	if (known !== undefined) return known;
	const lower = sanitize(value).toLowerCase();
	if (lower === "") return "log";
	return knownLevels.get(lower) ?? lower;
}

function messagesText(messages: unknown): string {
	if (messages === undefined) return "";
	if (!Array.isArray(messages)) return textOf(messages);
	const count = messages.length;
	if (count === 1) return textOf(messages[0]);
	// Each message is sanitized on its own: a broken escape in one must not swallow the next. join()
	// builds one flat string, where `+=` would keep a rope of every piece for the store's lifetime.
	const parts = new Array<string>(count);
	for (let i = 0; i < count; i++) parts[i] = textOf(messages[i]);
	return parts.join(" ");
}

function normalizeLog(value: unknown): LogRecord {
	// A bare value where a log object was expected is still worth showing, as a message of level `log`.
	if (!isObject(value)) return { time: null, level: "log", text: textOf(value) };
	return {
		time: parseTime(value.timestamp),
		level: levelOf(value.level),
		text: messagesText(value.messages),
	};
}

/** An exception's name or message: absent or null is "" (nothing to show), other non-strings JSON. */
function optionalText(value: unknown): string {
	return value === undefined || value === null ? "" : textOf(value);
}

function normalizeException(value: unknown): ExceptionRecord {
	if (!isObject(value)) return { time: null, name: "", message: textOf(value), stack: null };
	return {
		time: parseTime(value.timestamp),
		name: optionalText(value.name),
		message: optionalText(value.message),
		stack: typeof value.stack === "string" ? sanitize(value.stack) : null,
	};
}

/** Whether a raw `logs` or `exceptions` field normalizes to a non-empty list. */
export function isNonEmptyList(value: unknown): boolean {
	return Array.isArray(value) && value.length > 0;
}

/**
 * The event's logs; an empty (shared) list when `logs` is missing or not an array.
 * @param value the raw `logs` field
 */
export function normalizeLogs(value: unknown): readonly LogRecord[] {
	if (!Array.isArray(value) || value.length === 0) return noLogs;
	const out = new Array<LogRecord>(value.length);
	for (let i = 0; i < value.length; i++) out[i] = normalizeLog(value[i]);
	return out;
}

/**
 * The event's exceptions; an empty (shared) list when `exceptions` is missing or not an array.
 * @param value the raw `exceptions` field
 */
export function normalizeExceptions(value: unknown): readonly ExceptionRecord[] {
	if (!Array.isArray(value) || value.length === 0) return noExceptions;
	const out = new Array<ExceptionRecord>(value.length);
	for (let i = 0; i < value.length; i++) out[i] = normalizeException(value[i]);
	return out;
}
