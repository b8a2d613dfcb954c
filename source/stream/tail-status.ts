/**
 * What one stream client tells its sink about itself: the phase, the last failure in words, the
 * attempt count and the counters. Phase changes go out at once; count-only changes at most every
 * `countersIntervalMs`, so a busy stream does not flood the sink with statuses.
 */

import { initialStatus } from "../model/connection-status.js";
import type {
	ConnectionCounters,
	ConnectionPhase,
	ConnectionStatus,
	SkipCause,
	TailSink,
} from "../model/types.js";
import type { Clock, TimerHandle } from "../util/clock.js";
import type { Failure } from "./tail-types.js";

/** Count-only status updates are sent at most this often; phase changes go out at once. */
export const countersIntervalMs = 250;

/** The counters as the client moves them (copied into every status). */
export interface MutableCounters {
	events: number;
	bytes: number;
	connections: number;
	reconnects: number;
	duplicates: number;
	skipped: Record<SkipCause, number>;
	lastByteAt: number | null;
	gaps: number;
}

export class TailStatus {
	readonly counters: MutableCounters = freshCounters();
	/** Consecutive failed attempts (the `attempt` users see): reset once a stream delivers a frame. */
	failures = 0;
	#phase: ConnectionPhase = "connecting";
	#reason: string | null = null;
	#shortReason: string | null = null;
	#retryAt: number | null = null;
	#fatal = false;
	#lastEmitAt = Number.NEGATIVE_INFINITY;
	#timer: TimerHandle | null = null;

	constructor(
		private readonly projectUuid: string,
		private readonly sink: TailSink,
		private readonly clock: Clock,
	) {}

	get phase(): ConnectionPhase {
		return this.#phase;
	}

	/** A stream is open: `live`, no reason. A routine reconnect changes only counters (silent). */
	setLive(now: number): void {
		const changed = this.#phase !== "live" || this.#reason !== null;
		this.#phase = "live";
		this.#reason = null;
		this.#shortReason = null;
		this.#retryAt = null;
		if (changed) this.emit();
		else this.countersChanged(now);
	}

	/** Waiting to retry after `failure`, until `retryAt`. */
	setReconnecting(failure: Failure, retryAt: number): void {
		this.#phase = "reconnecting";
		this.#reason = failure.reason;
		this.#shortReason = failure.shortReason;
		this.#retryAt = retryAt;
		this.emit();
	}

	/** The wait is over: the next attempt starts. */
	clearRetry(): void {
		this.#retryAt = null;
		this.emit();
	}

	setStopped(fatal: boolean, failure: Failure): void {
		this.#phase = "stopped";
		this.#fatal = fatal;
		this.#reason = failure.reason;
		this.#shortReason = failure.shortReason;
		this.#retryAt = null;
		this.#clearTimer();
		this.emit();
	}

	/** Counters moved: report them, at most every `countersIntervalMs`. */
	countersChanged(now: number): void {
		if (this.#timer !== null) return;
		const wait = this.#lastEmitAt + countersIntervalMs - now;
		if (wait <= 0) {
			this.emit();
			return;
		}
		this.#timer = this.clock.setTimeout(() => {
			this.#timer = null;
			if (this.#phase !== "stopped") this.emit();
		}, wait);
	}

	emit(): void {
		this.#lastEmitAt = this.clock.now();
		this.#clearTimer();
		this.sink.status(this.projectUuid, this.snapshot());
	}

	/** Drops a pending counters update (the client is stopping). */
	dispose(): void {
		this.#clearTimer();
	}

	snapshot(): ConnectionStatus {
		const c = this.counters;
		const counters: ConnectionCounters = { ...c, skipped: { ...c.skipped } };
		return {
			phase: this.#phase,
			reason: this.#reason,
			shortReason: this.#shortReason,
			attempt: this.failures,
			retryAt: this.#retryAt,
			fatal: this.#fatal,
			counters,
		};
	}

	#clearTimer(): void {
		if (this.#timer !== null) this.clock.clearTimeout(this.#timer);
		this.#timer = null;
	}
}

/** Every counter at zero, as a connection that has done nothing yet has them (mutable copies). */
function freshCounters(): MutableCounters {
	const zero = initialStatus("connecting").counters;
	return { ...zero, skipped: { ...zero.skipped } };
}
