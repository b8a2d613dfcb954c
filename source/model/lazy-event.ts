/**
 * The `TailEvent` implementation behind `parseEvent`: cheap to create, compact to keep.
 *
 * Why lazy: most events are never looked at field by field. Line mode with `--format json` only prints
 * `json`; the TUI reads `request`, `logs` and `exceptions` once, when the store turns the event into
 * rows (each row keeps its own flattened text, level and time). So an event is created with only what
 * every consumer needs — `uuid` (exactly-once), `projectUuid`, `time`, `json` — and keeps the object
 * JSON.parse produced; `request`, `logs` and `exceptions` are normalized and sanitized from it on first
 * access and cached.
 *
 * Why compact: the store keeps up to 100k events. Once it has built its rows it keeps `compactCopy`
 * of the event (the event it was given is left as it was, for the recorder and other readers), which drops the parsed object, the normalized lists and the uuid, keeps a copy of `json` made for
 * storage (`storedJson`: flat, one byte per character) and a small `request` whose URL points into that
 * copy (rows show method, path and status on every frame, and search reads them, so it is never
 * re-derived). What little reads the rest later (the detail view, copy, a `has:` search) derives it
 * again from `json`; the last few such derivations are cached, so a view that re-renders does not parse
 * on every frame. Measured at 100k buffered entries: about 250 B per entry beyond the JSON text, where
 * eagerly normalized events cost 560.
 *
 * Safety does not change: every string the getters return is sanitized, derived again or not.
 *
 * Consumers see the `TailEvent` interface only; they should not spread or structurally copy an event
 * (its lazy fields are getters), and should read `request`, `logs` and `exceptions` before handing the
 * event to code that compacts it if they need them cheaply.
 */

import { storedJson } from "./json-line.js";
import {
	isNonEmptyList,
	isObject,
	type JsonObject,
	noExceptions,
	noLogs,
	normalizeExceptions,
	normalizeLogs,
	normalizeRequest,
	requestSharingText,
} from "./normalize-fields.js";
import { sanitize } from "./sanitize.js";
import type { ExceptionRecord, LogRecord, RequestInfo, TailEvent } from "./types.js";

/** What an event keeps until it is compacted: the parsed object and what was derived from it so far. */
interface Parsed {
	readonly value: JsonObject;
	readonly uuid: string;
	request: RequestInfo | null | undefined;
	logs: readonly LogRecord[] | undefined;
	exceptions: readonly ExceptionRecord[] | undefined;
}

/** The fields of a compacted event that are derived again from its `json` when asked for. */
interface Derived {
	readonly uuid: string;
	readonly logs: readonly LogRecord[];
	readonly exceptions: readonly ExceptionRecord[];
}

// Flags, packed in one small integer (one field instead of four).
const TIME_MISSING = 1;
const HAS_LOGS = 2;
const HAS_EXCEPTIONS = 4;
/** `json` is a fresh string of its own (from JSON.stringify), not text that may pin a network chunk. */
const JSON_OWNED = 8;
/** `compact` has run: `#state` is the request (or null), no longer a `Parsed`. */
const COMPACTED = 16;

/** Derivations of compacted events, most recent last; small, so only what is on screen stays. */
const derivedCache = new Map<LazyEvent, Derived>();
const derivedCacheSize = 16;

function derive(event: LazyEvent, json: string): Derived {
	const cached = derivedCache.get(event);
	if (cached !== undefined) {
		derivedCache.delete(event);
		derivedCache.set(event, cached);
		return cached;
	}
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		// json was valid when the event was made and storedJson keeps it valid; neutral values if not.
		value = null;
	}
	const object = isObject(value) ? value : {};
	const derived: Derived = {
		uuid: typeof object.uuid === "string" ? sanitize(object.uuid) : "",
		logs: normalizeLogs(object.logs),
		exceptions: normalizeExceptions(object.exceptions),
	};
	if (derivedCache.size >= derivedCacheSize) {
		const oldest = derivedCache.keys().next().value;
		if (oldest !== undefined) derivedCache.delete(oldest);
	}
	derivedCache.set(event, derived);
	return derived;
}

/**
 * A tail event made by `parseEvent`. Every instance has the same six fields in the same order (one
 * hidden class, 72 bytes); what is lazy lives in `#state` until compaction.
 */
export class LazyEvent implements TailEvent {
	readonly projectUuid: string;
	readonly receivedAt: number;
	readonly time: number;
	#json: string;
	/**
	 * Before compaction the parsed event and its derived fields; after it only the request, kept for
	 * good (rows read it on every frame). One field for both: 8 bytes a stored event does not need.
	 */
	#state: Parsed | RequestInfo | null;
	#flags: number;

	/**
	 * @param value the parsed event (kept until `compact`)
	 * @param uuid its sanitized, non-empty uuid
	 * @param eventTime its valid timestamp in ms, or null (then `time` is `receivedAt`)
	 * @param json its JSON line (see `json-line.ts`); `owned` when made by JSON.stringify
	 */
	constructor(
		value: JsonObject,
		uuid: string,
		projectUuid: string,
		receivedAt: number,
		eventTime: number | null,
		json: string,
		owned: boolean,
	) {
		this.projectUuid = projectUuid;
		this.receivedAt = receivedAt;
		this.time = eventTime ?? receivedAt;
		this.#json = json;
		const parsed: Parsed = { value, uuid, request: undefined, logs: undefined, exceptions: undefined };
		this.#state = parsed;
		this.#flags = (eventTime === null ? TIME_MISSING : 0) | (owned ? JSON_OWNED : 0);
	}

	get timeMissing(): boolean {
		return (this.#flags & TIME_MISSING) !== 0;
	}

	get json(): string {
		return this.#json;
	}

	/** Whether `compact` has run. */
	get compacted(): boolean {
		return (this.#flags & COMPACTED) !== 0;
	}

	/** `logs.length > 0`, without deriving the logs of a compacted event. */
	get hasLogs(): boolean {
		return this.compacted ? (this.#flags & HAS_LOGS) !== 0 : this.logs.length > 0;
	}

	/** `exceptions.length > 0`, without deriving the exceptions of a compacted event. */
	get hasExceptions(): boolean {
		return this.compacted ? (this.#flags & HAS_EXCEPTIONS) !== 0 : this.exceptions.length > 0;
	}

	get uuid(): string {
		if (this.compacted) return derive(this, this.#json).uuid;
		return (this.#state as Parsed).uuid;
	}

	get request(): RequestInfo | null {
		if (this.compacted) return this.#state as RequestInfo | null;
		const parsed = this.#state as Parsed;
		parsed.request ??= normalizeRequest(parsed.value.request);
		return parsed.request;
	}

	get logs(): readonly LogRecord[] {
		if (this.compacted) return (this.#flags & HAS_LOGS) === 0 ? noLogs : derive(this, this.#json).logs;
		const parsed = this.#state as Parsed;
		parsed.logs ??= normalizeLogs(parsed.value.logs);
		return parsed.logs;
	}

	get exceptions(): readonly ExceptionRecord[] {
		if (this.compacted) {
			return (this.#flags & HAS_EXCEPTIONS) === 0 ? noExceptions : derive(this, this.#json).exceptions;
		}
		const parsed = this.#state as Parsed;
		parsed.exceptions ??= normalizeExceptions(parsed.value.exceptions);
		return parsed.exceptions;
	}

	/** A compacted event that reads the same as this one; this one is left as it is. */
	compactCopy(): LazyEvent {
		if (this.compacted) return this;
		const parsed = this.#state as Parsed;
		const eventTime = this.timeMissing ? null : this.time;
		const owned = (this.#flags & JSON_OWNED) !== 0;
		const copy = new LazyEvent(
			parsed.value,
			parsed.uuid,
			this.projectUuid,
			this.receivedAt,
			eventTime,
			this.#json,
			owned,
		);
		// The request is read for rows already: share it rather than normalize it again.
		(copy.#state as Parsed).request = this.request;
		copy.compact();
		return copy;
	}

	/** See `compactEvent`. */
	compact(): void {
		if (this.compacted) return;
		const request = this.request;
		const value = (this.#state as Parsed).value;
		let flags = this.#flags | COMPACTED;
		if (isNonEmptyList(value.logs)) flags |= HAS_LOGS;
		if (isNonEmptyList(value.exceptions)) flags |= HAS_EXCEPTIONS;
		const json = storedJson(this.#json, (flags & JSON_OWNED) !== 0);
		this.#json = json;
		this.#flags = flags | JSON_OWNED;
		this.#state = request === null ? null : requestSharingText(request, json);
	}
}

/**
 * Readies an event for long storage: drops what can be derived again from its `json` (the parsed
 * object, logs, exceptions, uuid) and re-stores `json` compactly, keeping `request`, `time` and the
 * rest. Every field still reads the same afterwards (logs, exceptions and uuid by parsing `json` again,
 * so call it after reading them for rows). Events not made by `parseEvent` are left as they are.
 * @param event an event the caller is about to keep
 */
export function compactEvent(event: TailEvent): void {
	if (event instanceof LazyEvent) event.compact();
}

/**
 * The compact form of an event for long storage (see `compactEvent`) without changing the event: a new
 * compacted event for one made by `parseEvent` (the same one when already compacted), else the event.
 * @param event an event the caller is about to keep
 */
export function compactCopy(event: TailEvent): TailEvent {
	return event instanceof LazyEvent ? event.compactCopy() : event;
}

/**
 * Whether an event logged anything: `event.logs.length > 0`, but without parsing a compacted event's
 * JSON again (for filters that test every stored event, such as `has:`).
 */
export function eventHasLogs(event: TailEvent): boolean {
	return event instanceof LazyEvent ? event.hasLogs : event.logs.length > 0;
}

/** Whether an event threw: `event.exceptions.length > 0`, without parsing a compacted event again. */
export function eventHasExceptions(event: TailEvent): boolean {
	return event instanceof LazyEvent ? event.hasExceptions : event.exceptions.length > 0;
}
