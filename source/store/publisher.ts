/**
 * Publishing the model: changes only mark it dirty and ask the frame scheduler for a frame; actions
 * ask for one at once (instant answers; several in one key chunk coalesce); a one-second tick keeps
 * time-dependent things moving (sliding rates, relative times, a reconnect countdown) only while
 * something needs it. Publishing builds a new snapshot through `build` and tells every subscriber
 * (`useSyncExternalStore`); what the renderer then draws is that frame.
 */
import type { Clock, TimerHandle } from "../util/clock.js";
import { FrameScheduler, type FrameSchedulerOptions } from "./frame-scheduler.js";

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
	readonly #host: PublisherHost<Snapshot>;
	readonly #listeners = new Set<() => void>();
	readonly #frames: FrameScheduler;
	#snapshot: Snapshot;
	#dirty = false;
	#tickTimer: TimerHandle | null = null;
	#disposed = false;

	constructor(frames: FrameSchedulerOptions, host: PublisherHost<Snapshot>) {
		this.#clock = frames.clock;
		this.#host = host;
		this.#frames = new FrameScheduler(frames, () => this.#publish());
		this.#snapshot = host.build(this.#clock.now());
	}

	/** When frames are drawn. */
	get frames(): FrameScheduler {
		return this.#frames;
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
		if (!this.#disposed) this.#frames.request();
	}

	/** Publishes on the next microtask: actions answer at once, several in one key chunk coalesce. */
	soon(): void {
		this.#frames.urgent();
	}

	/** Publishes now if anything changed. */
	flush(): void {
		this.#frames.drawNow();
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
		this.#frames.dispose();
		if (this.#tickTimer !== null) this.#clock.clearTimeout(this.#tickTimer);
		this.#tickTimer = null;
	}

	/** Builds and announces a new snapshot if anything changed; false when nothing did. */
	#publish(): boolean {
		if (!this.#dirty || this.#disposed) return false;
		this.#snapshot = this.#host.build(this.#clock.now());
		this.#dirty = false;
		for (const listener of [...this.#listeners]) listener();
		return true;
	}
}
