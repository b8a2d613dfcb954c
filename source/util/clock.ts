/**
 * Time as the rest of bctail sees it. Everything that waits, times out or stamps goes through a
 * `Clock`, so tests can drive time explicitly instead of sleeping.
 */
export type TimerHandle = { readonly id: unknown };

export interface Clock {
	/** Milliseconds since the epoch. */
	now(): number;
	setTimeout(callback: () => void, ms: number): TimerHandle;
	clearTimeout(handle: TimerHandle): void;
}

/** The real clock: `Date.now` and Node's timers (ref'd: a pending reconnect must keep the process alive). */
export const systemClock: Clock = {
	now: () => Date.now(),
	setTimeout(callback, ms) {
		const id = setTimeout(callback, ms);
		return { id };
	},
	clearTimeout(handle) {
		clearTimeout(handle.id as NodeJS.Timeout);
	},
};

/**
 * A clock for tests: time moves only when `advance` is called, and due timers run in order.
 */
export class ManualClock implements Clock {
	#now: number;
	#timers = new Map<number, { at: number; callback: () => void }>();
	#next = 0;

	constructor(start = Date.UTC(2026, 0, 1)) {
		this.#now = start;
	}

	now(): number {
		return this.#now;
	}

	setTimeout(callback: () => void, ms: number): TimerHandle {
		const id = this.#next++;
		this.#timers.set(id, { at: this.#now + Math.max(0, ms), callback });
		return { id };
	}

	clearTimeout(handle: TimerHandle): void {
		this.#timers.delete(handle.id as number);
	}

	/** How many timers are waiting. */
	get pending(): number {
		return this.#timers.size;
	}

	/** Moves time forward by `ms`, running every timer that falls due, earliest first. */
	advance(ms: number): void {
		const target = this.#now + ms;
		for (;;) {
			let dueId: number | undefined;
			let dueAt = Number.POSITIVE_INFINITY;
			for (const [id, timer] of this.#timers) {
				if (timer.at <= target && timer.at < dueAt) {
					dueAt = timer.at;
					dueId = id;
				}
			}
			if (dueId === undefined) break;
			const timer = this.#timers.get(dueId);
			this.#timers.delete(dueId);
			this.#now = Math.max(this.#now, dueAt);
			timer?.callback();
		}
		this.#now = target;
	}
}
