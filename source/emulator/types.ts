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
	 * after opening, send the last N events the previous stream of the project sent again (default:
	 * all it sent, up to its last 1,000), then continue as usual
	 */
	| { readonly kind: "replay"; readonly count?: number };

export interface FaultRule {
	readonly fault: Fault;
	/** How many stream requests it applies to (default 1; Infinity = until cleared). */
	readonly times?: number;
}

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
	clearFaults(): void;
	/**
	 * Sends an event (a JSON-able object, or a raw `data` string) to every open stream of the project
	 * now. Returns the number of streams it was written to.
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
