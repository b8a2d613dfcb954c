/**
 * The contract of bctail's emulator of the BigCommerce Infrastructure Hosting endpoints. A real
 * node:http server on loopback; tests, `--demo` and the benchmarks all use it.
 */
import type { ProjectInfo } from "../model/types.js";

/** A fault the emulator applies to the next stream request(s) of a project. */
export type Fault =
	/** write half of an event frame, then destroy the socket */
	| { readonly kind: "torn" }
	/** send headers, then nothing at all (no keep-alives, no close) */
	| { readonly kind: "stall" }
	/** accept the connection and never send response headers */
	| { readonly kind: "no-headers" }
	/** destroy the socket before any response */
	| { readonly kind: "reset" }
	/** answer with this status (and headers/body; a BigCommerce error body by default) */
	| {
			readonly kind: "status";
			readonly status: number;
			readonly headers?: Readonly<Record<string, string>>;
			readonly body?: string;
	  }
	/** only keep-alives, no events, for the stream's whole life */
	| { readonly kind: "keepalive-only" }
	/**
	 * a stream the server ends cleanly far too soon: after its first keep-alive (carrying no events
	 * before it) or right after its first event frame
	 */
	| { readonly kind: "end-early"; readonly after: "keep-alive" | "event" }
	/**
	 * after opening, send the last N events the previous stream of the project sent again (default:
	 * all it sent, up to its last 1,000), then continue as usual
	 */
	| { readonly kind: "replay"; readonly count?: number };

export interface FaultRule {
	readonly fault: Fault;
	/** How many stream requests it applies to (default 1; Infinity = until cleared). */
	readonly times?: number;
}

/**
 * A fault the emulator applies to the next history request(s) of a project (`historyFault`). Kept
 * apart from the tail faults: a client's history fetch and its live stream fail independently.
 */
export type HistoryFault =
	/**
	 * answer with this status; the body defaults to a BigCommerce error body (for 403 the "Logs API
	 * not enabled" one) and a 429 carries `X-Rate-Limit-Time-Reset-Ms: 1000` unless headers say otherwise
	 */
	| {
			readonly kind: "status";
			readonly status: number;
			readonly headers?: Readonly<Record<string, string>>;
			readonly body?: string;
	  }
	/** answer normally, but only after `ms` milliseconds (a timer; the emulator keeps serving meanwhile) */
	| { readonly kind: "slow"; readonly ms: number }
	/** destroy the socket before any response */
	| { readonly kind: "reset" };

export interface HistoryFaultRule {
	readonly fault: HistoryFault;
	/** How many history requests it applies to (default 1; Infinity = until cleared). */
	readonly times?: number;
}

/** The request of a history entry, as the live event carried it. */
export interface HistoryRequest {
	readonly method: unknown;
	readonly url: unknown;
	readonly status_code: unknown;
}

/**
 * One flattened entry of the history endpoint (see the shared history contract): a request row, a
 * log line or an exception of one invocation. Generated entries may lack `entry_type`, carry a `<*>`
 * template `exception_name`, a null timestamp, or unknown fields such as `worker_version`.
 */
export interface HistoryEntry {
	readonly timestamp: string | null;
	readonly entry_type?: "request" | "log";
	readonly level: unknown;
	readonly messages: readonly unknown[];
	readonly is_exception: boolean;
	readonly exception_name?: string;
	readonly request: HistoryRequest | null;
	readonly [unknownField: string]: unknown;
}

/** How the history endpoint says whether other pages exist. */
export type HistoryPagination =
	/** `links.next` / `links.previous` (`?after=<cursor>` / `?before=<cursor>`) only when the page exists */
	| "links"
	/** `has_next_page` / `has_prev_page` booleans */
	| "flags"
	/** both at once (the default) */
	| "both";

export interface EmulatorOptions {
	/** 0 (default) picks a free port. */
	readonly port?: number;
	/** Always a loopback address; default 127.0.0.1. */
	readonly host?: string;
	readonly storeHash?: string;
	readonly token?: string;
	/** Default: three demo projects (production, preview, a second storefront). */
	readonly projects?: readonly ProjectInfo[];
	/** Generated events per second per project (default 2; 0 = only what `push` sends). */
	readonly rate?: number;
	/** PRNG seed for the generated traffic (default 1). */
	readonly seed?: number;
	/** Keep-alive interval (default 15,000 ms; 0 = no keep-alives). */
	readonly keepAliveMs?: number;
	/** The server ends each stream after this long (default 60,000 ms; 0 = never). */
	readonly streamEndMs?: number;
	/** Frame style: `data:` only, or `event: message` + `data:` (default "message"). */
	readonly framing?: "data" | "message";
	/** Line ending on the wire (default "\n"). */
	readonly lineEnding?: "\n" | "\r\n" | "\r";
	/** Keep-alive as a comment line (`: keep-alive`) or an empty `data:` (default "comment"). */
	readonly keepAliveStyle?: "comment" | "empty-data";
	/** Generated messages, URLs and exceptions carry escape sequences and bidi overrides. */
	readonly hostile?: boolean;
	/**
	 * At start, generate this much past traffic per project (at `rate`, deterministic from `seed`,
	 * timestamps in the past) into the history log, so the history endpoint has something to page
	 * through (default 0: history starts empty). Capped at 7 days.
	 */
	readonly historySeedMs?: number;
	/** Entries the history log keeps per project; the oldest go first (default 100,000). */
	readonly historyLimit?: number;
	/**
	 * A pushed event larger than this (its JSON, in UTF-16 units) is sent to streams but not kept in
	 * the history log, so memory tests can push huge events (default 1 MiB).
	 */
	readonly historyMaxEventBytes?: number;
	/** The pagination form of history pages (default "both"). */
	readonly historyPagination?: HistoryPagination;
	/**
	 * Share of generated history entries sent without `entry_type` (default 0.1). Pushed events are
	 * always flattened exactly as the contract says, without such quirks.
	 */
	readonly historyUntypedShare?: number;
}

export interface Emulator {
	/** `http://127.0.0.1:<port>` — pass as `--api-host`. */
	readonly origin: string;
	readonly port: number;
	readonly storeHash: string;
	readonly token: string;
	readonly projects: readonly ProjectInfo[];
	/** Applies a fault to the next stream request(s) of one project, or of every project with "*". */
	fault(projectUuid: string | "*", rule: FaultRule): void;
	/** Removes every tail fault and every history fault (only those aimed at `projectUuid`, if given). */
	clearFaults(projectUuid?: string): void;
	/** Applies a fault to the next history request(s) of one project, or of every project with "*". */
	historyFault(projectUuid: string | "*", rule: HistoryFaultRule): void;
	/**
	 * While on, tail requests of the project get 503 and its open streams end, but generated and
	 * pushed events still reach the history log (as a gap a client fills from history later).
	 */
	outage(projectUuid: string, on: boolean): void;
	/** History requests received (any status), per project. */
	historyRequests(projectUuid: string): number;
	/** The query strings of the last history requests of a project (up to 256), oldest first. */
	historyQueries(projectUuid: string): readonly string[];
	/** The history log of a project as the endpoint would return it unfiltered: newest first. */
	history(projectUuid: string): readonly HistoryEntry[];
	/**
	 * Sends an event (a JSON-able object, or a raw `data` string) to every open stream of the project
	 * now, and records it in the project's history log (when it is an object, or a string holding one)
	 * whether or not a stream took it. Returns the number of streams it was written to.
	 */
	push(projectUuid: string, event: unknown): number;
	/** Writes raw bytes to every open stream of the project (framing tests). */
	pushRaw(projectUuid: string, bytes: string | Uint8Array): number;
	/**
	 * Uuids of the events whose frame was written whole to a stream of the project, in order, each
	 * once (an event written to two streams, or replayed, is listed at its first write).
	 */
	sent(projectUuid: string): readonly string[];
	/**
	 * Open stream connections of a project (or of all): streams answered 200 (stalled and
	 * keep-alive-only ones included) and requests held unanswered by a `no-headers` fault.
	 */
	openStreams(projectUuid?: string): number;
	/** Stream requests received (any status), per project. */
	requests(projectUuid: string): number;
	/**
	 * Ends every open stream now, as the 60 s timeout does. Stalled streams and unanswered requests
	 * stay as they are: they last until the client gives up or `close()`.
	 */
	endStreams(projectUuid?: string): void;
	/** Changes the valid token (to simulate a revoked one). */
	setToken(token: string): void;
	close(): Promise<void>;
}
