/**
 * The one frame scheduler: it decides when a new snapshot is published, which is when a frame is
 * drawn. Changes (events, search progress, the one-second tick) ask for a frame and are coalesced into
 * at most one per interval; an action (a key) draws at once, on the next microtask, so the keys of one
 * input chunk share a frame.
 *
 * The interval adapts to what frames cost. Ink's cost per frame grows with the terminal's area
 * (~2-4 µs per cell: ~30 ms at 160x50, 50+ ms at 244x105), so a fixed rate smooth on a small terminal
 * would pin a core on a large one. The renderer reports each frame written (`frameDrawn`); its cost is
 * the time from the publish to the write, which covers React, Yoga layout, Ink's output and the garbage
 * they make. The interval is the smoothed cost divided by the share of a core frames may take: never
 * below `minIntervalMs`, so it lowers the frame rate only while a frame costs more than its budget.
 *
 * Given the thread's busy time (`busyMs`, from event-loop utilization), drawing also may not outweigh
 * the work it shows: frames get about as much of the core as everything else took lately, never less
 * than `floorLoad` and never more than `targetLoad`. Everything runs on the injected clock.
 */
import type { Clock, TimerHandle } from "../util/clock.js";

export interface FrameSchedulerOptions {
	readonly clock: Clock;
	/** Shortest interval between frames. */
	readonly minIntervalMs: number;
	/** Longest interval (default 1000 ms): even a huge terminal updates every second. */
	readonly maxIntervalMs?: number;
	/** Share of one core that frames may take at most (default 0.5). */
	readonly targetLoad?: number;
	/** With `busyMs`: the share frames may always take, however little else runs (default 0.2). */
	readonly floorLoad?: number;
	/** The thread's cumulative busy time in ms; without it, frames simply get `targetLoad`. */
	readonly busyMs?: () => number;
}

export class FrameScheduler {
	readonly #clock: Clock;
	readonly #min: number;
	readonly #max: number;
	readonly #load: number;
	readonly #floor: number;
	readonly #busyMs: (() => number) | null;
	/** Publishes a frame; false when there was nothing new to publish. */
	readonly #draw: () => boolean;
	/** Smoothed cost of one frame in ms. */
	#cost = 0;
	/** Smoothed share of the core that work other than frames took (with `busyMs`). */
	#other = 0;
	#busyAtLast = 0;
	#lastCost = 0;
	#last = Number.NEGATIVE_INFINITY;
	/** When the frame in progress was published (null once it is drawn, or before any). */
	#openedAt: number | null = null;
	#timer: TimerHandle | null = null;
	#urgentQueued = false;
	#disposed = false;

	constructor(options: FrameSchedulerOptions, draw: () => boolean) {
		this.#clock = options.clock;
		this.#min = Math.max(0, options.minIntervalMs);
		this.#max = Math.max(this.#min, options.maxIntervalMs ?? 1000);
		this.#load = options.targetLoad ?? 0.5;
		this.#floor = Math.min(this.#load, options.floorLoad ?? 0.2);
		this.#busyMs = options.busyMs ?? null;
		this.#draw = draw;
	}

	/** The current minimum time between frames. */
	get intervalMs(): number {
		return Math.min(this.#max, Math.max(this.#min, this.#cost / this.budget));
	}

	/** The share of one core frames may take now. */
	get budget(): number {
		if (this.#busyMs === null) return this.#load;
		return Math.min(this.#load, Math.max(this.#floor, this.#other));
	}

	/** Something changed: draw when the interval since the last frame is over (coalescing). */
	request(): void {
		if (this.#timer !== null || this.#disposed) return;
		const delay = Math.max(0, this.#last + this.intervalMs - this.#clock.now());
		this.#timer = this.#clock.setTimeout(() => {
			this.#timer = null;
			this.drawNow();
		}, delay);
	}

	/** An answer the user waits for (a key): draw on the next microtask, whatever the interval. */
	urgent(): void {
		if (this.#urgentQueued || this.#disposed) return;
		this.#urgentQueued = true;
		queueMicrotask(() => {
			this.#urgentQueued = false;
			if (!this.#disposed) this.drawNow();
		});
	}

	/** Draws now if anything changed (and drops a pending timed frame). */
	drawNow(): void {
		if (this.#timer !== null) {
			this.#clock.clearTimeout(this.#timer);
			this.#timer = null;
		}
		if (this.#draw()) this.#startFrame(this.#clock.now());
	}

	/** The renderer wrote the frame published last: its cost is the time since it was published. */
	frameDrawn(): void {
		if (this.#openedAt === null) return;
		const ms = this.#clock.now() - this.#openedAt;
		this.#openedAt = null;
		this.recordFrame(ms);
	}

	/** Reports what one whole frame cost, to adapt the interval. */
	recordFrame(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) return;
		// Smooth, but follow a jump up (a resize to a large terminal) faster than a drop.
		const weight = ms > this.#cost ? 0.5 : 0.2;
		this.#cost = this.#cost === 0 ? ms : this.#cost + (ms - this.#cost) * weight;
		this.#lastCost = ms;
	}

	dispose(): void {
		this.#disposed = true;
		if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
		this.#timer = null;
	}

	#startFrame(now: number): void {
		this.#measureOther(now);
		this.#last = now;
		this.#openedAt = now;
	}

	/** Updates the share of the core taken by everything but frames, since the last frame started. */
	#measureOther(now: number): void {
		if (this.#busyMs === null) return;
		const busy = this.#busyMs();
		const elapsed = now - this.#last;
		if (Number.isFinite(elapsed) && elapsed > 0) {
			const other = Math.min(1, Math.max(0, busy - this.#busyAtLast - this.#lastCost) / elapsed);
			this.#other += (other - this.#other) * 0.3;
		}
		this.#busyAtLast = busy;
		this.#lastCost = 0;
	}
}
