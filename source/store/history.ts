/**
 * Per-second counters for the last 120 seconds (sparklines): a ring of 120 slots keyed by epoch second.
 * Recording is O(1); slots of seconds that passed without a record are cleared lazily on the next record
 * (at most 120 of them), so an idle pane costs nothing.
 */
export const HISTORY_SECONDS = 120;

export class SecondHistory {
	readonly #slots = new Uint32Array(HISTORY_SECONDS);
	/** The epoch second of the newest slot written, or -Infinity before the first record. */
	#newest = Number.NEGATIVE_INFINITY;

	/** Adds `count` to the second that contains `ms` (ms since the epoch). */
	add(ms: number, count = 1): void {
		if (count === 0) return;
		const second = Math.floor(ms / 1000);
		if (second > this.#newest) {
			const gap = second - this.#newest;
			if (gap >= HISTORY_SECONDS) this.#slots.fill(0);
			else for (let s = this.#newest + 1; s <= second; s++) this.#slots[s % HISTORY_SECONDS] = 0;
			this.#newest = second;
		}
		// A clock that stepped back lands in the newest second rather than rewriting an older one.
		const target = second < this.#newest - HISTORY_SECONDS + 1 ? this.#newest : second;
		const slot = target % HISTORY_SECONDS;
		this.#slots[slot] = (this.#slots[slot] as number) + count;
	}

	/** The epoch second of the newest record (-Infinity when none). */
	get newest(): number {
		return this.#newest;
	}

	/**
	 * The counts of the `seconds` seconds ending with the one that contains `now`, oldest first.
	 * @param seconds at most HISTORY_SECONDS
	 */
	window(now: number, seconds: number): number[] {
		const current = Math.floor(now / 1000);
		const n = Math.min(seconds, HISTORY_SECONDS);
		const out = new Array<number>(n);
		for (let i = 0; i < n; i++) {
			const second = current - n + 1 + i;
			const held = second <= this.#newest && second > this.#newest - HISTORY_SECONDS;
			out[i] = held ? (this.#slots[second % HISTORY_SECONDS] as number) : 0;
		}
		return out;
	}
}
