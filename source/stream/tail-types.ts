/**
 * The tail client's contract (target, options, the client) and the internal outcome of one stream.
 */

import type { ConnectionStatus, TailSink } from "../model/types.js";
import type { Clock } from "../util/clock.js";
import type { ApiTarget } from "./api-request.js";
import { type BackoffOptions, defaultBackoff } from "./backoff.js";

/** Where the streams come from. */
export type TailTarget = ApiTarget;

export interface TailClientOptions {
	readonly target: TailTarget;
	readonly projectUuid: string;
	readonly sink: TailSink;
	/** Drives every timer and timestamp (default: the system clock). */
	readonly clock?: Clock;
	/** No byte at all (keep-alives included) for this long: the stream is dead (default 35,000 ms). */
	readonly idleTimeoutMs?: number;
	/** No response headers within this long: abort and retry (default 15,000 ms). */
	readonly connectTimeoutMs?: number;
	/** A larger event is skipped (counted `oversize`) without being buffered whole (default 8 MiB). */
	readonly maxEventBytes?: number;
	/** Backoff after consecutive failures (default 500 ms doubling up to 30 s, full jitter). */
	readonly backoff?: BackoffOptions;
	/** [0, 1) source for the jitter (default Math.random). */
	readonly random?: () => number;
	/** How many recent event uuids are remembered to drop replays (default 10,000). */
	readonly dedupWindow?: number;
	/** The `User-Agent` header (default `bctail/<version>`). */
	readonly userAgent?: string;
	/**
	 * After this much synchronous work on received chunks (all clients of the process together), the
	 * client lets the event loop run before the next chunk (default 8 ms; 0: after every chunk).
	 */
	readonly sliceMs?: number;
	/**
	 * A stream the server ends cleanly before it has lived this long ended early: that counts as a
	 * failure (backoff, and the pane says so), so a server that closes every stream at once is not
	 * hammered. Default 10,000 ms (streams normally last 60 s); 0 turns the check off.
	 */
	readonly minStreamMs?: number;
	/** The shortest wait after a stream that ended early (default 1,000 ms). */
	readonly minReconnectMs?: number;
}

export interface TailClient {
	/** Starts streaming (once; later calls do nothing). */
	start(): void;
	/** Aborts the request in flight, clears every timer, reports `stopped`; resolves when all is quiet. */
	stop(): Promise<void>;
	/** The status as of now (counters included). */
	readonly status: ConnectionStatus;
}

/** Why a stream was lost, as the user reads it. */
export interface Failure {
	readonly reason: string;
	readonly shortReason: string;
	/** The gap's cause when it differs from `shortReason`. */
	readonly gapCause?: string;
	/** The stream went silent: it was lost when its last byte came, not when we noticed. */
	readonly idle?: boolean;
}

export type Outcome =
	/** The server ended a healthy stream: reconnect at once. */
	| { readonly kind: "ended" }
	| {
			readonly kind: "failed";
			readonly failure: Failure;
			/** The wait the server asked for (429), else null: back off. */
			readonly delayMs: number | null;
			/** The shortest wait however the backoff draws (a stream that ended early). */
			readonly minDelayMs?: number;
	  }
	| { readonly kind: "fatal"; readonly failure: Failure }
	| { readonly kind: "stopped" };

/** The options with every default filled in. */
export interface TailSettings {
	readonly clock: Clock;
	readonly idleTimeoutMs: number;
	readonly connectTimeoutMs: number;
	readonly maxEventBytes: number;
	readonly backoff: BackoffOptions;
	readonly random: () => number;
	readonly dedupWindow: number;
	readonly sliceMs: number;
	readonly minStreamMs: number;
	readonly minReconnectMs: number;
}

export function tailSettings(options: TailClientOptions, defaultClock: Clock): TailSettings {
	return {
		clock: options.clock ?? defaultClock,
		idleTimeoutMs: options.idleTimeoutMs ?? 35_000,
		connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
		maxEventBytes: options.maxEventBytes ?? 8 * 1024 * 1024,
		backoff: options.backoff ?? defaultBackoff,
		random: options.random ?? Math.random,
		dedupWindow: options.dedupWindow ?? 10_000,
		sliceMs: Math.max(0, options.sliceMs ?? 8),
		minStreamMs: Math.max(0, options.minStreamMs ?? 10_000),
		minReconnectMs: Math.max(0, options.minReconnectMs ?? 1_000),
	};
}
