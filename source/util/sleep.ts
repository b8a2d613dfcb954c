/**
 * A wait on a `Clock` that can be cut short: the retry wait of a stream client, which `stop()` must
 * end at once instead of leaving a timer (and the process) alive.
 */

import type { Clock, TimerHandle } from "./clock.js";

export class WakeableSleep {
	#timer: TimerHandle | null = null;
	#wake: (() => void) | null = null;

	constructor(private readonly clock: Clock) {}

	/** Resolves after `ms` on the clock, or at `wake()`. */
	sleep(ms: number): Promise<void> {
		return new Promise<void>((resolve) => {
			this.#wake = () => {
				this.#wake = null;
				if (this.#timer !== null) this.clock.clearTimeout(this.#timer);
				this.#timer = null;
				resolve();
			};
			this.#timer = this.clock.setTimeout(() => this.#wake?.(), ms);
		});
	}

	/** Ends the wait in progress now (nothing if none). */
	wake(): void {
		this.#wake?.();
	}
}
