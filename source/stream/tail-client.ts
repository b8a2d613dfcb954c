/**
 * The stream client of one project: keeps a Tail Worker Logs stream open for as long as it runs, and
 * reports events, skips, gaps and its connection status to a `TailSink`.
 *
 * Lifecycle: `connecting → live → (reconnecting ↔ live)* → stopped`. The API ends every stream after
 * about 60 s; that routine end is followed by a new request at once, silently (no gap, the phase
 * stays `live`). A real loss (network error, 5xx, a torn frame, no byte for `idleTimeoutMs`, no
 * response headers for `connectTimeoutMs`) retries forever with exponential backoff and full jitter,
 * and the time from the loss to the next open stream is reported as a `Gap`. `429` waits as long as
 * the API says. `400/401/403/404` stop this project for good, with a sentence the user can act on.
 *
 * Events are shown exactly once: a bounded window of recent uuids drops the ones a new stream
 * replays. Nothing is buffered without bound: an event over `maxEventBytes` is skipped. The access
 * token is masked in every frame before it is parsed (token-mask.ts), so no consumer ever sees it.
 */

import { parseEvent } from "../model/normalize.js";
import type {
	ConnectionCounters,
	ConnectionPhase,
	ConnectionStatus,
	SkipCause,
	TailSink,
} from "../model/types.js";
import { type Clock, systemClock, type TimerHandle } from "../util/clock.js";
import { type ApiEndpoint, describeHttpStatus, isFatalStatus, readErrorBody } from "./api-errors.js";
import { apiFetch, apiHeaders, apiHost, apiUrl } from "./api-request.js";
import { type BackoffOptions, backoffDelay, defaultBackoff } from "./backoff.js";
import { nextTurn, slicing } from "./event-loop-slicing.js";
import { describeNetworkError } from "./network-errors.js";
import { rateLimitDelay } from "./rate-limit.js";
import { redactSecret } from "./redact.js";
import { createSseFramer, type SseFramer } from "./sse-framer.js";
import type { Failure, Outcome, TailClient, TailClientOptions, TailTarget } from "./tail-types.js";
import { createTokenMask, type TokenMask } from "./token-mask.js";
import { UuidWindow } from "./uuid-window.js";

export type { TailClient, TailClientOptions, TailTarget } from "./tail-types.js";

/** Count-only status updates are sent at most this often; phase changes go out at once. */
const countersIntervalMs = 250;

/** `35 s`, `1.5 s`, `0.2 s`. */
function seconds(ms: number): string {
	const s = ms / 1000;
	return `${Number.isInteger(s) ? s : Number(s.toFixed(s < 10 ? 1 : 0))} s`;
}

/** A token that can be put in a header: visible ASCII only (anything else fails in fetch, echoing it). */
const headerSafe = /^[\x21-\x7e]+$/;

/**
 * Creates the client of one project's stream. Nothing happens until `start()`.
 */
export function createTailClient(options: TailClientOptions): TailClient {
	return new StreamClient(options);
}

class StreamClient implements TailClient {
	readonly #target: TailTarget;
	readonly #projectUuid: string;
	readonly #sink: TailSink;
	readonly #clock: Clock;
	readonly #idleTimeoutMs: number;
	readonly #connectTimeoutMs: number;
	readonly #backoff: BackoffOptions;
	readonly #random: () => number;
	readonly #url: string;
	readonly #headers: Record<string, string>;
	readonly #endpoint: ApiEndpoint;
	readonly #host: string;
	readonly #seen: UuidWindow;
	readonly #framer: SseFramer;
	readonly #sliceMs: number;
	/** The token is masked in every frame before it is parsed (see token-mask.ts). */
	readonly #mask: TokenMask;

	// Status.
	#phase: ConnectionPhase = "connecting";
	#reason: string | null = null;
	#shortReason: string | null = null;
	#failures = 0;
	#retryAt: number | null = null;
	#fatal = false;

	// Counters (mutable here; copied into each status).
	#events = 0;
	#bytes = 0;
	#connections = 0;
	#reconnects = 0;
	#duplicates = 0;
	#skipped: Record<SkipCause, number> = { torn: 0, json: 0, shape: 0, oversize: 0 };
	#lastByteAt: number | null = null;
	#gaps = 0;

	#lastEmitAt = Number.NEGATIVE_INFINITY;
	#countersTimer: TimerHandle | null = null;

	// The connection.
	#started = false;
	#stopping = false;
	#loop: Promise<void> | null = null;
	#controller: AbortController | null = null;
	/** The body reader of the open stream (see `#cancelRead`). */
	#reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
	/** Why we aborted the request in flight (null: we did not, or `stop()` did). */
	#abortFailure: Failure | null = null;
	#connectTimer: TimerHandle | null = null;
	#idleTimer: TimerHandle | null = null;
	#lastActivityAt = 0;
	/** Waiting for the event loop's turn (see `slicing`): not reading, so silence is ours, not the server's. */
	#pausing = false;
	#sleepTimer: TimerHandle | null = null;
	#wake: (() => void) | null = null;
	/** The stream in progress delivered a complete frame (event or keep-alive). */
	#streamHadFrame = false;
	/** Receive time of the chunk being parsed (one clock read per chunk, not per event). */
	#chunkAt = 0;

	// Gap bookkeeping: when the last stream was lost, and (once a retry failed) why.
	#lostAt: number | null = null;
	#gapCause: string | null = null;

	constructor(options: TailClientOptions) {
		this.#target = options.target;
		this.#projectUuid = options.projectUuid;
		this.#sink = options.sink;
		this.#clock = options.clock ?? systemClock;
		this.#idleTimeoutMs = options.idleTimeoutMs ?? 35_000;
		this.#connectTimeoutMs = options.connectTimeoutMs ?? 15_000;
		this.#backoff = options.backoff ?? defaultBackoff;
		this.#random = options.random ?? Math.random;
		this.#url = apiUrl(options.target, `logs/${encodeURIComponent(options.projectUuid)}/tail`);
		this.#headers = apiHeaders(options.target, "text/event-stream", options.userAgent, {
			"Cache-Control": "no-cache",
		});
		this.#endpoint = { kind: "tail", storeHash: options.target.storeHash, projectUuid: options.projectUuid };
		this.#host = apiHost(options.target);
		this.#seen = new UuidWindow(options.dedupWindow ?? 10_000);
		this.#sliceMs = Math.max(0, options.sliceMs ?? 8);
		this.#mask = createTokenMask(options.target.token);
		this.#framer = createSseFramer(
			{
				onEvent: (data, name) => this.#onData(data, name),
				onKeepAlive: () => {
					this.#streamHadFrame = true;
				},
				onOversize: () => this.#skip("oversize"),
			},
			options.maxEventBytes ?? 8 * 1024 * 1024,
		);
	}

	get status(): ConnectionStatus {
		return this.#snapshot();
	}

	start(): void {
		if (this.#started || this.#stopping) return;
		this.#started = true;
		this.#emit();
		this.#loop = this.#run().catch((error: unknown) => {
			// A bug, not a network condition: stop this project visibly instead of failing silently.
			if (this.#stopping) return;
			this.#setStopped(true, {
				reason: this.#scrub(`Internal error: ${error instanceof Error ? error.message : String(error)}`),
				shortReason: "internal error",
			});
		});
	}

	async stop(): Promise<void> {
		if (!this.#stopping) {
			this.#stopping = true;
			this.#controller?.abort();
			this.#cancelRead();
			this.#clearTimer(this.#connectTimer);
			this.#clearTimer(this.#idleTimer);
			this.#clearTimer(this.#sleepTimer);
			this.#connectTimer = this.#idleTimer = this.#sleepTimer = null;
			this.#wake?.();
		}
		await this.#loop;
		this.#clearTimer(this.#countersTimer);
		this.#countersTimer = null;
		if (this.#phase !== "stopped") this.#setStopped(false, { reason: "stopped", shortReason: "stopped" });
	}

	// ---- the connection loop ----

	async #run(): Promise<void> {
		const token = this.#target.token;
		if (token === "" || !headerSafe.test(token)) {
			this.#setStopped(true, {
				reason:
					token === ""
						? "No access token: set CATALYST_ACCESS_TOKEN or pass --access-token."
						: "The access token contains characters that cannot be sent in an HTTP header (spaces, line breaks or non-ASCII): check how it was copied.",
				shortReason: "bad token",
			});
			return;
		}
		let first = true;
		while (!this.#stopping) {
			if (!first) this.#reconnects++;
			first = false;
			const outcome = await this.#connectOnce();
			if (this.#stopping || outcome.kind === "stopped") return;
			if (outcome.kind === "ended") continue;
			if (outcome.kind === "fatal") {
				this.#setStopped(true, outcome.failure);
				return;
			}
			// A failed retry after a lost stream turns the loss into a real gap.
			if (this.#lostAt !== null && this.#gapCause === null) this.#gapCause = outcome.failure.shortReason;
			this.#failures++;
			const delay = outcome.delayMs ?? backoffDelay(this.#failures, this.#backoff, this.#random);
			this.#phase = "reconnecting";
			this.#reason = outcome.failure.reason;
			this.#shortReason = outcome.failure.shortReason;
			this.#retryAt = this.#clock.now() + delay;
			this.#emit();
			await this.#sleep(delay);
			if (this.#stopping) return;
			this.#retryAt = null;
			this.#emit();
		}
	}

	#sleep(ms: number): Promise<void> {
		return new Promise<void>((resolve) => {
			this.#wake = () => {
				this.#wake = null;
				this.#clearTimer(this.#sleepTimer);
				this.#sleepTimer = null;
				resolve();
			};
			this.#sleepTimer = this.#clock.setTimeout(() => this.#wake?.(), ms);
		});
	}

	async #connectOnce(): Promise<Outcome> {
		const controller = new AbortController();
		this.#controller = controller;
		this.#abortFailure = null;
		this.#connectTimer = this.#clock.setTimeout(() => {
			this.#connectTimer = null;
			this.#abort(controller, {
				reason: `No response from ${this.#host} within ${seconds(this.#connectTimeoutMs)}.`,
				shortReason: "connect timeout",
			});
		}, this.#connectTimeoutMs);
		let response: Response;
		try {
			response = await apiFetch(this.#url, this.#headers, controller.signal);
		} catch (error) {
			this.#endConnectTimer();
			return this.#errorOutcome(error);
		}
		if (response.status !== 200) {
			try {
				return await this.#statusOutcome(response);
			} finally {
				this.#endConnectTimer();
			}
		}
		this.#endConnectTimer();
		if (this.#stopping) {
			response.body?.cancel().catch(() => {});
			return { kind: "stopped" };
		}
		return this.#readStream(response, controller);
	}

	async #statusOutcome(response: Response): Promise<Outcome> {
		const status = response.status;
		if (isFatalStatus(status)) {
			const body = await readErrorBody(response, this.#controller?.signal);
			if (this.#stopping) return { kind: "stopped" };
			const described = describeHttpStatus(status, this.#endpoint, body);
			return { kind: "fatal", failure: this.#scrubFailure(described) };
		}
		response.body?.cancel().catch(() => {});
		const described = describeHttpStatus(status, this.#endpoint);
		if (status === 429) {
			const told = rateLimitDelay(response.headers, this.#clock.now());
			const wait = told === null ? "" : ` Waiting ${seconds(told)}.`;
			return {
				kind: "failed",
				failure: { reason: `${described.reason}${wait}`, shortReason: "429" },
				delayMs: told,
			};
		}
		return { kind: "failed", failure: this.#scrubFailure(described), delayMs: null };
	}

	#errorOutcome(error: unknown): Outcome {
		if (this.#stopping) return { kind: "stopped" };
		if (this.#abortFailure !== null) return { kind: "failed", failure: this.#abortFailure, delayMs: null };
		const described = describeNetworkError(error, this.#host);
		return { kind: "failed", failure: this.#scrubFailure(described), delayMs: null };
	}

	async #readStream(response: Response, controller: AbortController): Promise<Outcome> {
		const now = this.#clock.now();
		this.#connections++;
		this.#streamHadFrame = false;
		if (this.#lostAt !== null && this.#gapCause !== null) {
			const gap = { start: this.#lostAt, end: now, cause: this.#gapCause };
			this.#gaps++;
			this.#sink.gap(this.#projectUuid, gap);
		}
		this.#lostAt = null;
		this.#gapCause = null;
		const changed = this.#phase !== "live" || this.#reason !== null;
		this.#phase = "live";
		this.#reason = null;
		this.#shortReason = null;
		this.#retryAt = null;
		// A routine reconnect is silent: only counters changed.
		if (changed) this.#emit();
		else this.#countersChanged(now);

		const body = response.body;
		if (body === null) {
			return this.#streamLost(
				{ reason: "The stream response had no body.", shortReason: "empty stream" },
				now,
			);
		}
		const reader = body.getReader();
		this.#reader = reader;
		this.#lastActivityAt = now;
		this.#armIdle(this.#idleTimeoutMs);
		let failure: Failure | null = null;
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				const at = this.#clock.now();
				this.#chunkAt = at;
				this.#lastActivityAt = at;
				this.#lastByteAt = at;
				this.#bytes += value.byteLength;
				const started = performance.now();
				this.#framer.push(value);
				// Attempts start over once a stream has delivered a whole frame: a server that tears
				// every stream after a few bytes still backs off.
				if (this.#failures !== 0 && this.#streamHadFrame) {
					this.#failures = 0;
					this.#emit();
				} else this.#countersChanged(at);
				slicing.busyMs += performance.now() - started;
				if (slicing.turn !== null || slicing.busyMs >= this.#sliceMs) {
					this.#pausing = true;
					await nextTurn();
					this.#pausing = false;
					// The pause was ours: the idle watchdog counts from here.
					this.#lastActivityAt = this.#clock.now();
				}
			}
		} catch (error) {
			if (this.#stopping) {
				this.#framer.end();
				return { kind: "stopped" };
			}
			failure = this.#abortFailure ?? this.#scrubFailure(describeNetworkError(error, this.#host));
		} finally {
			this.#clearTimer(this.#idleTimer);
			this.#idleTimer = null;
			if (this.#controller === controller) this.#controller = null;
			if (this.#reader === reader) this.#reader = null;
		}
		// Our abort may have ended the read as a plain end (see `#cancelRead`): still our failure.
		failure ??= this.#abortFailure;
		if (this.#stopping) {
			this.#framer.end();
			return { kind: "stopped" };
		}
		const ending = this.#framer.end();
		const endedAt = this.#clock.now();
		if (ending === "torn") this.#skip("torn");
		if (failure !== null && this.#abortFailure === failure) {
			// Our own timeout: that is the cause, torn frame or not.
			return this.#streamLost(failure, failure.idle === true ? this.#lastActivityAt : endedAt);
		}
		if (ending !== "clean") {
			const how = failure === null ? "ended" : `was lost (${failure.shortReason})`;
			return this.#streamLost(
				{ reason: `The stream ${how} in the middle of an event (torn frame).`, shortReason: "torn frame" },
				endedAt,
			);
		}
		if (failure !== null) return this.#streamLost(failure, endedAt);
		if (!this.#streamHadFrame) {
			// Retrying at once would spin against a server that closes every stream immediately.
			return this.#streamLost(
				{ reason: "The server closed the stream without sending anything.", shortReason: "empty stream" },
				endedAt,
			);
		}
		this.#lostAt = endedAt;
		return { kind: "ended" };
	}

	/** A live stream failed: the loss starts a gap (reported once a new stream opens). */
	#streamLost(failure: Failure, lostAt: number): Outcome {
		this.#lostAt = lostAt;
		this.#gapCause = failure.gapCause ?? failure.shortReason;
		return { kind: "failed", failure, delayMs: null };
	}

	// ---- timers ----

	#armIdle(ms: number): void {
		this.#idleTimer = this.#clock.setTimeout(() => this.#checkIdle(), ms);
	}

	/** One timer per stream, re-armed lazily: chunks only stamp `#lastActivityAt`. */
	#checkIdle(): void {
		this.#idleTimer = null;
		const controller = this.#controller;
		if (controller === null || this.#stopping) return;
		const silent = this.#pausing ? 0 : this.#clock.now() - this.#lastActivityAt;
		if (silent >= this.#idleTimeoutMs) {
			const quiet = seconds(this.#idleTimeoutMs);
			this.#abort(controller, {
				reason: `No data for ${quiet} (not even a keep-alive): reconnecting.`,
				shortReason: `idle ${quiet}`,
				gapCause: `no data for ${quiet}`,
				idle: true,
			});
		} else {
			this.#armIdle(this.#idleTimeoutMs - silent);
		}
	}

	#abort(controller: AbortController, failure: Failure): void {
		if (this.#controller !== controller || controller.signal.aborted) return;
		this.#abortFailure = failure;
		controller.abort();
		this.#cancelRead();
	}

	/**
	 * Ends a pending body read. Aborting the fetch alone is not enough: when the abort lands just as
	 * undici has received the whole body but before the reader saw its end, the pending read never
	 * settles (Node 22; cf. nodejs/undici#4089). Cancelling the reader always settles it.
	 */
	#cancelRead(): void {
		const reader = this.#reader;
		this.#reader = null;
		reader?.cancel().catch(() => {});
	}

	#endConnectTimer(): void {
		this.#clearTimer(this.#connectTimer);
		this.#connectTimer = null;
	}

	#clearTimer(handle: TimerHandle | null): void {
		if (handle !== null) this.#clock.clearTimeout(handle);
	}

	// ---- frames ----

	#onData(data: string, name: string | undefined): void {
		this.#streamHadFrame = true;
		const result = parseEvent(this.#mask(data), this.#projectUuid, this.#chunkAt);
		if (!result.ok) {
			// Other event types may carry anything; only our events' failures are worth counting.
			if (name === undefined || name === "message") this.#skip(result.cause);
			return;
		}
		if (!this.#seen.add(result.event.uuid)) {
			this.#duplicates++;
			return;
		}
		this.#events++;
		this.#sink.event(this.#projectUuid, result.event);
	}

	#skip(cause: SkipCause): void {
		this.#skipped[cause]++;
		this.#sink.skip(this.#projectUuid, cause);
	}

	// ---- status ----

	#setStopped(fatal: boolean, failure: Failure): void {
		this.#phase = "stopped";
		this.#fatal = fatal;
		this.#reason = failure.reason;
		this.#shortReason = failure.shortReason;
		this.#retryAt = null;
		this.#clearTimer(this.#countersTimer);
		this.#countersTimer = null;
		this.#emit();
	}

	#scrub(text: string): string {
		return redactSecret(text, this.#target.token);
	}

	#scrubFailure(failure: Failure): Failure {
		return { ...failure, reason: this.#scrub(failure.reason), shortReason: this.#scrub(failure.shortReason) };
	}

	/** Counters moved: report them, at most every `countersIntervalMs`. */
	#countersChanged(now: number): void {
		if (this.#countersTimer !== null) return;
		const wait = this.#lastEmitAt + countersIntervalMs - now;
		if (wait <= 0) {
			this.#emit();
			return;
		}
		this.#countersTimer = this.#clock.setTimeout(() => {
			this.#countersTimer = null;
			if (this.#phase !== "stopped") this.#emit();
		}, wait);
	}

	#emit(): void {
		this.#lastEmitAt = this.#clock.now();
		if (this.#countersTimer !== null) {
			this.#clock.clearTimeout(this.#countersTimer);
			this.#countersTimer = null;
		}
		this.#sink.status(this.#projectUuid, this.#snapshot());
	}

	#snapshot(): ConnectionStatus {
		const counters: ConnectionCounters = {
			events: this.#events,
			bytes: this.#bytes,
			connections: this.#connections,
			reconnects: this.#reconnects,
			duplicates: this.#duplicates,
			skipped: { ...this.#skipped },
			lastByteAt: this.#lastByteAt,
			gaps: this.#gaps,
		};
		return {
			phase: this.#phase,
			reason: this.#reason,
			shortReason: this.#shortReason,
			attempt: this.#failures,
			retryAt: this.#retryAt,
			fatal: this.#fatal,
			counters,
		};
	}
}
