/**
 * Turns the `data` of one tail frame into a `TailEvent`. Lenient by design (see api.md): the API is
 * pre-release, so anything that is an object with a uuid is shown, with missing or odd fields given
 * neutral values instead of rejecting the event. Every kept string is sanitized.
 *
 * The store keeps up to 100k events, so a `TailEvent` holds only compact flattened strings, never the
 * parsed object; JSON.parse dominates the cost, so each field is visited once.
 */
import { parseTime } from "./iso-time.js";
import { safeJsonStringify } from "./safe-json.js";
import { sanitize } from "./sanitize.js";
import type { ExceptionRecord, LogRecord, RequestInfo, TailEvent } from "./types.js";

export type ParseResult = { ok: true; event: TailEvent } | { ok: false; cause: "json" | "shape" };

type JsonObject = { readonly [key: string]: unknown };

const noLogs: readonly LogRecord[] = Object.freeze([]);
const noExceptions: readonly ExceptionRecord[] = Object.freeze([]);

/**
 * Shared instances for the usual levels and methods, so 100k events do not hold 100k copies of "info"
 * (and so `toLowerCase`/`toUpperCase` results that allocate are dropped at once).
 */
const knownLevels = new Map(["debug", "info", "log", "warn", "error", "trace", "fatal"].map((l) => [l, l]));
const knownMethods = new Map(
	["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"].map((m) => [m, m]),
);

function isObject(value: unknown): value is JsonObject {
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

function normalizeRequest(value: unknown): RequestInfo | null {
	if (!isObject(value)) return null;
	const rawMethod = value.method;
	let method = "";
	if (typeof rawMethod === "string") {
		const upper = sanitize(rawMethod).toUpperCase();
		method = knownMethods.get(upper) ?? upper;
	}
	const url = typeof value.url === "string" ? sanitize(value.url) : "";
	const code = value.status_code;
	const status = typeof code === "number" && Number.isInteger(code) && code >= 0 && code <= 999 ? code : 0;
	return { method, url, path: pathOf(url), status };
}

function levelOf(value: unknown): string {
	if (typeof value !== "string") return "log";
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

function normalizeList<T>(value: unknown, empty: readonly T[], each: (item: unknown) => T): readonly T[] {
	if (!Array.isArray(value) || value.length === 0) return empty;
	const out = new Array<T>(value.length);
	for (let i = 0; i < value.length; i++) out[i] = each(value[i]);
	return out;
}

/**
 * Parses and normalizes the `data` of one tail frame.
 * @param data the frame's data: one JSON event
 * @param fallbackProjectUuid the project whose stream delivered it, used when `project_uuid` is absent
 * @param receivedAt when it arrived (ms since the epoch); the event's time when it has no valid timestamp
 * @returns the event, or why it was skipped: `json` when not JSON, `shape` when not an object with a
 *   non-empty string `uuid`
 */
export function parseEvent(data: string, fallbackProjectUuid: string, receivedAt: number): ParseResult {
	let parsed: unknown;
	try {
		parsed = JSON.parse(data);
	} catch {
		return { ok: false, cause: "json" };
	}
	if (!isObject(parsed) || typeof parsed.uuid !== "string") return { ok: false, cause: "shape" };
	const uuid = sanitize(parsed.uuid);
	if (uuid === "") return { ok: false, cause: "shape" };

	const rawProject = parsed.project_uuid;
	const projectUuid = sanitize(
		typeof rawProject === "string" && rawProject !== "" ? rawProject : fallbackProjectUuid,
	);
	const eventTime = parseTime(parsed.timestamp);
	const event: TailEvent = {
		uuid,
		projectUuid,
		receivedAt,
		time: eventTime ?? receivedAt,
		timeMissing: eventTime === null,
		request: normalizeRequest(parsed.request),
		logs: normalizeList(parsed.logs, noLogs, normalizeLog),
		exceptions: normalizeList(parsed.exceptions, noExceptions, normalizeException),
		json: safeJsonStringify(parsed),
	};
	return { ok: true, event };
}
