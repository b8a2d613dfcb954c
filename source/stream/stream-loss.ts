/**
 * What lies between a lost stream and the next one that opens: when the loss began and, once it is a
 * real outage, its cause. A routine end (the API closes every stream after about 60 s) leaves only a
 * seam, unless a retry fails before a new stream opens; a live stream that failed is a gap from the
 * start. The new stream reports what it closed (`opened`).
 */
import type { TailSink } from "../model/types.js";
import type { EndVerdict } from "./stream-ending.js";
import type { Failure, Outcome } from "./tail-types.js";

export class StreamLoss {
	#lostAt: number | null = null;
	/** Set once the loss is a real gap. */
	#cause: string | null = null;

	/** A live stream failed at `lostAt`: the loss is a gap. */
	lost(failure: Failure, lostAt: number): Outcome & { kind: "failed" } {
		this.#lostAt = lostAt;
		this.#cause = failure.gapCause ?? failure.shortReason;
		return { kind: "failed", failure, delayMs: null };
	}

	/** An attempt to open a new stream failed: a loss that was only a seam turns into a gap. */
	retryFailed(shortReason: string): void {
		if (this.#lostAt !== null && this.#cause === null) this.#cause = shortReason;
	}

	/** The verdict on a stream that ended at `now`, as the connection loop's outcome. */
	afterEnd(verdict: EndVerdict, now: number): Outcome {
		if (verdict.kind === "ended") {
			this.#lostAt = now;
			return verdict;
		}
		const outcome = this.lost(verdict.failure, verdict.lostAt);
		return verdict.minDelayMs === undefined ? outcome : { ...outcome, minDelayMs: verdict.minDelayMs };
	}

	/**
	 * A new stream opened at `now`: tells the sink what it closed (a gap, counted first, a seam, or
	 * nothing when no stream came before); nothing is lost from here on.
	 */
	opened(now: number, sink: TailSink, projectUuid: string, counters: { gaps: number }): void {
		const start = this.#lostAt;
		const cause = this.#cause;
		this.#lostAt = null;
		this.#cause = null;
		if (start === null) return;
		if (cause === null) {
			sink.seam?.(projectUuid, { start, end: now });
			return;
		}
		counters.gaps++;
		sink.gap(projectUuid, { start, end: now, cause });
	}
}
