/**
 * The event model every layer shares. A `TailEvent` is one worker invocation as received from the
 * Tail Worker Logs stream, normalized leniently and with every string already sanitized for a
 * terminal (see `sanitize.ts`). Strings keep their newlines (stacks, multi-line messages); code that
 * draws one line per row uses `oneLine()` from `sanitize.ts`.
 */

export interface RequestInfo {
	/** Upper-case method, or "" when the event had none. */
	readonly method: string;
	/** The URL as sent (absolute or relative), sanitized. */
	readonly url: string;
	/** The URL without scheme and host: `/en/cart?x=1`. */
	readonly path: string;
	/** HTTP status; 0 = unknown. */
	readonly status: number;
}

export interface LogRecord {
	/** Milliseconds since the epoch, or null when the log had no (valid) timestamp. */
	readonly time: number | null;
	/** Lower-case level as sent: debug, info, log, warn, error, or anything else. */
	readonly level: string;
	/** Messages joined by a space; non-strings as compact JSON. May contain newlines. */
	readonly text: string;
}

export interface ExceptionRecord {
	readonly time: number | null;
	readonly name: string;
	readonly message: string;
	/** The stack when the event carried one. May contain newlines. */
	readonly stack: string | null;
}

export interface TailEvent {
	/** The event's `uuid`: the key for exactly-once display. */
	readonly uuid: string;
	/** The event's `project_uuid`, else the project whose stream delivered it. */
	readonly projectUuid: string;
	/** When bctail received it (ms since the epoch). */
	readonly receivedAt: number;
	/** The invocation's time: its `timestamp`, else `receivedAt` (see `timeMissing`). */
	readonly time: number;
	/** True when the event had no valid `timestamp` and `time` is the receive time. */
	readonly timeMissing: boolean;
	readonly request: RequestInfo | null;
	readonly logs: readonly LogRecord[];
	readonly exceptions: readonly ExceptionRecord[];
	/**
	 * The whole parsed event (unknown fields included) as one line of JSON, produced by
	 * `safeJsonStringify`: control, C1 and bidi characters are `\u` escapes. Used for `--format json`,
	 * `--save`, copy, and (parsed again) the detail view.
	 */
	readonly json: string;
}

/** Why a frame was skipped instead of shown. */
export type SkipCause =
	/** the connection ended in the middle of an event */
	| "torn"
	/** `data` was not valid JSON */
	| "json"
	/** valid JSON, but not an object with a string `uuid` */
	| "shape"
	/** larger than the size cap */
	| "oversize";

/** A real outage of one project's stream (never the routine end of a stream every 60 s). */
export interface Gap {
	/** When the stream was lost (ms since the epoch). */
	readonly start: number;
	/** When a new stream was open again. */
	readonly end: number;
	/** A short cause: `503`, `connection refused`, `idle 35 s`, `torn frame`, ... */
	readonly cause: string;
}

export type ConnectionPhase = "connecting" | "live" | "reconnecting" | "stopped";

export interface ConnectionCounters {
	readonly events: number;
	readonly bytes: number;
	/** Streams opened successfully (HTTP 200). */
	readonly connections: number;
	/** Attempts after the first. */
	readonly reconnects: number;
	/** Events dropped because their uuid was already seen (server replay). */
	readonly duplicates: number;
	readonly skipped: Readonly<Record<SkipCause, number>>;
	/** When the last byte arrived (keep-alives included), or null. */
	readonly lastByteAt: number | null;
	readonly gaps: number;
}

/** One project's connection, as the stream client reports it after every change. */
export interface ConnectionStatus {
	readonly phase: ConnectionPhase;
	/**
	 * A sentence a user can act on: for `stopped` why it stopped; for `reconnecting` the last
	 * failure (`503 Service Unavailable`, `no data for 35 s`). Never contains the access token.
	 */
	readonly reason: string | null;
	/** A short form of the reason for narrow places (`token expired`, `503`). */
	readonly shortReason: string | null;
	/** Consecutive failed attempts since the last stream that delivered. */
	readonly attempt: number;
	/** When the next attempt starts (while reconnecting), ms since the epoch. */
	readonly retryAt: number | null;
	/** True when the stop was fatal (400/401/403/404) rather than asked for. */
	readonly fatal: boolean;
	readonly counters: ConnectionCounters;
}

/** Where a stream client reports. The store implements it for the TUI; line mode has its own. */
export interface TailSink {
	event(projectUuid: string, event: TailEvent): void;
	status(projectUuid: string, status: ConnectionStatus): void;
	gap(projectUuid: string, gap: Gap): void;
	skip(projectUuid: string, cause: SkipCause): void;
	/**
	 * A routine stream end (every 60 s) was followed by a new stream: between `start` and `end` no
	 * stream was open, so events of that instant reached only the history. Optional: only a sink that
	 * fills from history needs it.
	 */
	seam?(projectUuid: string, seam: { readonly start: number; readonly end: number }): void;
}

/** A project as the projects API lists it. */
export interface ProjectInfo {
	readonly uuid: string;
	readonly name: string;
	readonly hostnames: readonly string[];
}
