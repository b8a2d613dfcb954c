/**
 * One request for a stream, from the fetch to the end of its body: the abort controller, the connect
 * timeout, the body reader, and why we aborted it (our timeouts are failures with a cause; `stop()`
 * is not). Keeping them together means a late timer of an old attempt can never abort a new one.
 */

import type { Clock, TimerHandle } from "../util/clock.js";
import { seconds } from "./stream-response.js";
import type { Failure } from "./tail-types.js";

export class RequestAttempt {
	readonly #controller = new AbortController();
	readonly #clock: Clock;
	#connectTimer: TimerHandle | null;
	#reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
	#failure: Failure | null = null;

	/** Starts the connect timeout: no response headers within `connectTimeoutMs` aborts the attempt. */
	constructor(clock: Clock, connectTimeoutMs: number, host: string) {
		this.#clock = clock;
		this.#connectTimer = clock.setTimeout(() => {
			this.#connectTimer = null;
			this.abort({
				reason: `No response from ${host} within ${seconds(connectTimeoutMs)}.`,
				shortReason: "connect timeout",
			});
		}, connectTimeoutMs);
	}

	get signal(): AbortSignal {
		return this.#controller.signal;
	}

	/** Why we aborted this attempt (a timeout), or null: we did not, or `stop()` did. */
	get failure(): Failure | null {
		return this.#failure;
	}

	/** The response (and any error body) is in: the connect timeout no longer applies. */
	connected(): void {
		if (this.#connectTimer !== null) this.#clock.clearTimeout(this.#connectTimer);
		this.#connectTimer = null;
	}

	/** Reads `body` through a reader this attempt can cancel. */
	reader(body: ReadableStream<Uint8Array>): ReadableStreamDefaultReader<Uint8Array> {
		this.#reader = body.getReader();
		return this.#reader;
	}

	/** Ends the attempt for `failure` (once; later calls do nothing). */
	abort(failure: Failure): void {
		if (this.#controller.signal.aborted) return;
		this.#failure = failure;
		this.#end();
	}

	/** Ends the attempt because the client stops: not a failure. */
	stop(): void {
		this.connected();
		if (!this.#controller.signal.aborted) this.#end();
	}

	#end(): void {
		this.#controller.abort();
		// Aborting the fetch alone is not enough: when the abort lands just as undici has received the
		// whole body but before the reader saw its end, the pending read never settles (Node 22; cf.
		// nodejs/undici#4089). Cancelling the reader always settles it.
		const reader = this.#reader;
		this.#reader = null;
		reader?.cancel().catch(() => {});
	}
}
