/**
 * The stream client of one project: keeps a Tail Worker Logs stream open for as long as it runs, and
 * reports events, skips, gaps and its connection status to a `TailSink`.
 *
 * Lifecycle: `connecting → live → (reconnecting ↔ live)* → stopped`. The API ends every stream after
 * about 60 s; that routine end is followed by a new request at once, silently (no gap, the phase
 * stays `live`). A real loss (network error, 5xx, a torn frame, no byte for `idleTimeoutMs`, no
 * response headers for `connectTimeoutMs`, a `200` that is not an event stream, a stream that ends
 * long before its time) retries forever with exponential backoff and full jitter, and the time from
 * the loss to the next open stream is reported as a `Gap`. `429` waits as long as the API says, never
 * less than the backoff step. `400/401/403/404` stop this project for good, with a sentence the user
 * can act on.
 *
 * Events are shown exactly once: a bounded window of recent uuids drops the ones a new stream
 * replays. Nothing is buffered without bound: an event over `maxEventBytes` is skipped. The access
 * token is masked in every frame before it is parsed (token-mask.ts), so no consumer ever sees it.
 */

import type { ConnectionStatus, TailSink } from "../model/types.js";
import { type Clock, systemClock } from "../util/clock.js";
import { WakeableSleep } from "../util/sleep.js";
import { apiFetch, tokenProblem } from "./api-request.js";
import { backoffCeiling, backoffDelay } from "./backoff.js";
import { EventIntake } from "./event-intake.js";
import { nextTurn, slicing } from "./event-loop-slicing.js";
import { IdleWatchdog } from "./idle-watchdog.js";
import { describeNetworkError } from "./network-errors.js";
import { redactSecret } from "./redact.js";
import { RequestAttempt } from "./request-attempt.js";
import { judgeEnd } from "./stream-ending.js";
import { StreamLoss } from "./stream-loss.js";
import {
	isEventStream,
	notAStreamOutcome,
	type ResponseContext,
	seconds,
	statusOutcome,
} from "./stream-response.js";
import { type TailRequest, tailRequest } from "./tail-request.js";
import { TailStatus } from "./tail-status.js";
import {
	type Failure,
	type Outcome,
	type TailClient,
	type TailClientOptions,
	type TailSettings,
	type TailTarget,
	tailSettings,
} from "./tail-types.js";
import { createTokenMask } from "./token-mask.js";

export type { TailClient, TailClientOptions, TailTarget } from "./tail-types.js";

/** Creates the client of one project's stream. Nothing happens until `start()`. */
export function createTailClient(options: TailClientOptions): TailClient {
	return new StreamClient(options);
}

class StreamClient implements TailClient {
	readonly #target: TailTarget;
	readonly #projectUuid: string;
	readonly #sink: TailSink;
	readonly #clock: Clock;
	readonly #settings: TailSettings;
	readonly #request: TailRequest;
	readonly #intake: EventIntake;
	readonly #status: TailStatus;

	#started = false;
	#stopping = false;
	#loop: Promise<void> | null = null;
	/** The request in flight, or null between attempts. */
	#attempt: RequestAttempt | null = null;
	#watchdog: IdleWatchdog | null = null;
	readonly #retryWait: WakeableSleep;
	/** When the stream in progress opened. */
	#openedAt = 0;
	readonly #loss = new StreamLoss();

	constructor(options: TailClientOptions) {
		this.#target = options.target;
		this.#projectUuid = options.projectUuid;
		this.#sink = options.sink;
		const settings = tailSettings(options, systemClock);
		this.#settings = settings;
		this.#clock = settings.clock;
		this.#retryWait = new WakeableSleep(settings.clock);
		this.#request = tailRequest(options.target, options.projectUuid, options.userAgent);
		this.#status = new TailStatus(options.projectUuid, options.sink, this.#clock);
		this.#intake = new EventIntake(options.projectUuid, options.sink, this.#status.counters, {
			maxEventBytes: settings.maxEventBytes,
			dedupWindow: settings.dedupWindow,
			mask: createTokenMask(options.target.token),
		});
	}

	get status(): ConnectionStatus {
		return this.#status.snapshot();
	}

	start(): void {
		if (this.#started || this.#stopping) return;
		this.#started = true;
		this.#status.emit();
		this.#loop = this.#run().catch((error: unknown) => {
			// A bug, not a network condition: stop this project visibly instead of failing silently.
			if (this.#stopping) return;
			this.#status.setStopped(true, {
				reason: this.#scrub(`Internal error: ${error instanceof Error ? error.message : String(error)}`),
				shortReason: "internal error",
			});
		});
	}

	async stop(): Promise<void> {
		if (!this.#stopping) {
			this.#stopping = true;
			this.#attempt?.stop();
			this.#watchdog?.stop();
			this.#retryWait.wake();
		}
		await this.#loop;
		this.#status.dispose();
		if (this.#status.phase !== "stopped")
			this.#status.setStopped(false, { reason: "stopped", shortReason: "stopped" });
	}

	// ---- the connection loop ----

	async #run(): Promise<void> {
		const refused = tokenProblem(this.#target.token);
		if (refused !== null) {
			this.#status.setStopped(true, { reason: refused, shortReason: "bad token" });
			return;
		}
		let first = true;
		while (!this.#stopping) {
			if (!first) this.#status.counters.reconnects++;
			first = false;
			const outcome = await this.#connectOnce();
			if (this.#stopping || outcome.kind === "stopped") return;
			if (outcome.kind === "ended") continue;
			if (outcome.kind === "fatal") {
				this.#status.setStopped(true, outcome.failure);
				return;
			}
			this.#loss.retryFailed(outcome.failure.shortReason);
			const failures = ++this.#status.failures;
			const drawn = outcome.delayMs ?? backoffDelay(failures, this.#settings.backoff, this.#settings.random);
			const delay = Math.max(drawn, outcome.minDelayMs ?? 0);
			this.#status.setReconnecting(outcome.failure, this.#clock.now() + delay);
			await this.#retryWait.sleep(delay);
			if (this.#stopping) return;
			this.#status.clearRetry();
		}
	}

	async #connectOnce(): Promise<Outcome> {
		const attempt = new RequestAttempt(this.#clock, this.#settings.connectTimeoutMs, this.#request.host);
		this.#attempt = attempt;
		try {
			let response: Response;
			try {
				response = await apiFetch(this.#request.url, this.#request.headers, attempt.signal);
			} catch (error) {
				return this.#errorOutcome(attempt, error);
			}
			if (response.status !== 200 || !isEventStream(response)) {
				// The connect timeout still applies while a body is read: one that trickles cannot hold us.
				const context = this.#responseContext(attempt);
				return response.status !== 200
					? await statusOutcome(response, context)
					: await notAStreamOutcome(response, context);
			}
			attempt.connected();
			if (this.#stopping) {
				response.body?.cancel().catch(() => {});
				return { kind: "stopped" };
			}
			return await this.#readStream(response, attempt);
		} finally {
			attempt.connected();
			if (this.#attempt === attempt) this.#attempt = null;
		}
	}

	#responseContext(attempt: RequestAttempt): ResponseContext {
		return {
			endpoint: this.#request.endpoint,
			signal: attempt.signal,
			isStopping: () => this.#stopping,
			now: this.#clock.now(),
			floorMs: backoffCeiling(this.#status.failures + 1, this.#settings.backoff),
			scrub: (failure) => this.#scrubFailure(failure),
		};
	}

	#errorOutcome(attempt: RequestAttempt, error: unknown): Outcome {
		if (this.#stopping) return { kind: "stopped" };
		if (attempt.failure !== null) return { kind: "failed", failure: attempt.failure, delayMs: null };
		const described = describeNetworkError(error, this.#request.host);
		return { kind: "failed", failure: this.#scrubFailure(described), delayMs: null };
	}

	/** A stream opened: report the gap it closes, go live, read it to its end. */
	async #readStream(response: Response, attempt: RequestAttempt): Promise<Outcome> {
		const now = this.#clock.now();
		this.#status.counters.connections++;
		this.#intake.begin();
		this.#openedAt = now;
		this.#loss.opened(now, this.#sink, this.#projectUuid, this.#status.counters);
		this.#status.setLive(now);
		const body = response.body;
		if (body === null) {
			return this.#loss.lost(
				{ reason: "The stream response had no body.", shortReason: "empty stream" },
				now,
			);
		}
		const reader = attempt.reader(body);
		const watchdog = new IdleWatchdog(this.#clock, this.#settings.idleTimeoutMs, () => this.#onIdle(attempt));
		this.#watchdog = watchdog;
		watchdog.start(now);
		let failure: Failure | null = null;
		try {
			await this.#pump(reader, watchdog);
		} catch (error) {
			if (!this.#stopping)
				failure = attempt.failure ?? this.#scrubFailure(describeNetworkError(error, this.#request.host));
		} finally {
			watchdog.stop();
			if (this.#watchdog === watchdog) this.#watchdog = null;
		}
		const ending = this.#intake.end();
		if (this.#stopping) return { kind: "stopped" };
		// Our abort may have ended the read as a plain end (see `RequestAttempt`): still our failure.
		failure ??= attempt.failure;
		const verdict = judgeEnd({
			ending,
			failure,
			ours: failure !== null && failure === attempt.failure,
			hadFrame: this.#intake.hadFrame,
			openedAt: this.#openedAt,
			endedAt: this.#clock.now(),
			lastActivityAt: watchdog.lastActivityAt,
			minStreamMs: this.#settings.minStreamMs,
			minReconnectMs: this.#settings.minReconnectMs,
		});
		return this.#loss.afterEnd(verdict, this.#clock.now());
	}

	/** Reads chunks into the framer until the body ends, letting the event loop breathe (see `slicing`). */
	async #pump(reader: ReadableStreamDefaultReader<Uint8Array>, watchdog: IdleWatchdog): Promise<void> {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return;
			const at = this.#clock.now();
			watchdog.touch(at);
			this.#status.counters.lastByteAt = at;
			this.#status.counters.bytes += value.byteLength;
			const started = performance.now();
			this.#intake.push(value, at);
			// Attempts start over once a stream has delivered a whole frame and lived its minimum:
			// a server that tears (or ends) every stream after a few bytes still backs off.
			if (
				this.#status.failures !== 0 &&
				this.#intake.hadFrame &&
				at - this.#openedAt >= this.#settings.minStreamMs
			) {
				this.#status.failures = 0;
				this.#status.emit();
			} else this.#status.countersChanged(at);
			slicing.busyMs += performance.now() - started;
			if (slicing.turn !== null || slicing.busyMs >= this.#settings.sliceMs) {
				watchdog.pause();
				await nextTurn();
				watchdog.resume();
			}
		}
	}

	#onIdle(attempt: RequestAttempt): void {
		if (this.#attempt !== attempt || this.#stopping) return;
		const quiet = seconds(this.#settings.idleTimeoutMs);
		attempt.abort({
			reason: `No data for ${quiet} (not even a keep-alive): reconnecting.`,
			shortReason: `idle ${quiet}`,
			gapCause: `no data for ${quiet}`,
			idle: true,
		});
	}

	#scrub(text: string): string {
		return redactSecret(text, this.#target.token);
	}

	#scrubFailure(failure: Failure): Failure {
		return { ...failure, reason: this.#scrub(failure.reason), shortReason: this.#scrub(failure.shortReason) };
	}
}
