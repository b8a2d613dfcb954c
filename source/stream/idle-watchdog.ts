/**
 * Declares a stream dead after `timeoutMs` without a byte. One timer per stream, re-armed lazily:
 * chunks only stamp `touch()`, so a busy stream costs no timer work per chunk. While the client itself
 * holds off reading (`pause`, waiting for the event loop's turn) the silence is ours, not the server's.
 */

import type { Clock, TimerHandle } from "../util/clock.js";

export class IdleWatchdog {
	#timer: TimerHandle | null = null;
	#lastActivityAt = 0;
	#paused = false;

	constructor(
		private readonly clock: Clock,
		private readonly timeoutMs: number,
		private readonly onIdle: () => void,
	) {}

	/** When the stream last showed life (or our own pause ended). */
	get lastActivityAt(): number {
		return this.#lastActivityAt;
	}

	start(now: number): void {
		this.#lastActivityAt = now;
		this.#arm(this.timeoutMs);
	}

	touch(at: number): void {
		this.#lastActivityAt = at;
	}

	pause(): void {
		this.#paused = true;
	}

	/** The pause was ours: the watchdog counts from here. */
	resume(): void {
		this.#paused = false;
		this.#lastActivityAt = this.clock.now();
	}

	stop(): void {
		if (this.#timer !== null) this.clock.clearTimeout(this.#timer);
		this.#timer = null;
	}

	#arm(ms: number): void {
		this.#timer = this.clock.setTimeout(() => this.#check(), ms);
	}

	#check(): void {
		this.#timer = null;
		const silent = this.#paused ? 0 : this.clock.now() - this.#lastActivityAt;
		if (silent >= this.timeoutMs) this.onIdle();
		else this.#arm(this.timeoutMs - silent);
	}
}
