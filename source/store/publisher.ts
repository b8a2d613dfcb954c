/**
 * When the log model publishes: changes only mark it dirty; a frame timer on the injected clock
 * publishes at most once per `frameMs`; actions publish on the next microtask (instant answers, and
 * several in one key chunk coalesce); a one-second tick keeps time-dependent things moving (sliding
 * rates, relative times, a reconnect countdown) only while something needs it. Publishing builds a
 * new snapshot through `build` and tells every subscriber (`useSyncExternalStore`).
 */
import type { Clock, TimerHandle } from "../util/clock.js";

/** What the publisher asks of the model it publishes. */
export interface PublisherHost<Snapshot> {
	/** Builds the next snapshot (called only when something was marked dirty). */
	build(now: number): Snapshot;
	/** Whether anything shown depends on time passing (keeps the one-second tick running). */
	needsTick(): boolean;
	/** The tick fired: mark what time changed. */
	onTick(): void;
}

export class Publisher<Snapshot> {
	readonly #clock: Clock;
	readonly #frameMs: number;
	readonly #host: PublisherHost<Snapshot>;
	readonly #listeners = new Set<() => void>();
	#snapshot: Snapshot;
	#dirty = false;
	#lastPublish = Number.NEGATIVE_INFINITY;
	#frameTimer: TimerHandle | null = null;
	#tickTimer: TimerHandle | null = null;
	#flushQueued = false;
	#disposed = false;

	constructor(clock: Clock, frameMs: number, host: PublisherHost<Snapshot>) {
		this.#clock = clock;
		this.#frameMs = frameMs;
		this.#host = host;
		this.#snapshot = host.build(clock.now());
	}

	get disposed(): boolean {
		return this.#disposed;
	}

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	};

	getSnapshot = (): Snapshot => this.#snapshot;

	/** Something changed: publish at the next frame (at most one per frame interval). */
	markDirty(): void {
		this.#dirty = true;
		if (this.#frameTimer !== null || this.#disposed) return;
		const delay = Math.max(0, this.#lastPublish + this.#frameMs - this.#clock.now());
		this.#frameTimer = this.#clock.setTimeout(() => {
			this.#frameTimer = null;
			this.#publish();
		}, delay);
	}

	/** Publishes on the next microtask: actions answer at once, several in one key chunk coalesce. */
	soon(): void {
		if (this.#flushQueued || this.#disposed) return;
		this.#flushQueued = true;
		queueMicrotask(() => {
			this.#flushQueued = false;
			if (!this.#disposed) this.flush();
		});
	}

	/** Publishes now if anything changed. */
	flush(): void {
		if (this.#frameTimer !== null) {
			this.#clock.clearTimeout(this.#frameTimer);
			this.#frameTimer = null;
		}
		this.#publish();
	}

	/** Starts the one-second tick if something needs it and it is not running. */
	ensureTick(): void {
		if (this.#tickTimer !== null || this.#disposed || !this.#host.needsTick()) return;
		const now = this.#clock.now();
		this.#tickTimer = this.#clock.setTimeout(
			() => {
				this.#tickTimer = null;
				this.#host.onTick();
				this.ensureTick();
			},
			1000 - (now % 1000),
		);
	}

	dispose(): void {
		this.#disposed = true;
		for (const timer of [this.#frameTimer, this.#tickTimer]) {
			if (timer !== null) this.#clock.clearTimeout(timer);
		}
		this.#frameTimer = this.#tickTimer = null;
	}

	#publish(): void {
		if (!this.#dirty) return;
		const now = this.#clock.now();
		this.#snapshot = this.#host.build(now);
		this.#dirty = false;
		this.#lastPublish = now;
		for (const listener of [...this.#listeners]) listener();
	}
}
