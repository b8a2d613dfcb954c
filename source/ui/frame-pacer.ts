/**
 * Adaptive frame pacing. Ink's cost per frame grows with the terminal's area (~2-4 µs per cell: ~30 ms
 * at 160x50, 50+ ms at 244x105), so a fixed frame rate that is smooth on a small terminal would pin a
 * core on a large one. The pacer sits between the store's notifications and React: it lets a new
 * snapshot through at most once per interval, and sizes the interval from the measured cost of recent
 * frames so that rendering takes about `targetLoad` of one core. A key press makes the next frame
 * immediate, so keys answer at once however busy the stream is.
 *
 * Given the thread's busy time (`busyMs`, from event-loop utilization), the pacer also keeps drawing
 * from outweighing the work it shows: rendering gets about as much of the core as everything else
 * (ingest, parsing, I/O) took lately, never less than `floorLoad` (a quiet stream still updates
 * several times a second) and never more than `targetLoad`. A flood of events then cannot be drawn at
 * a cost that slows its own ingest, and an idle app spends little on frames nobody needs quickly.
 *
 * A frame's cost is best measured whole: from letting the snapshot through to the frame written
 * (`frameDrawn`, from Ink's onRender), which covers React, Yoga layout, Ink's output and the garbage
 * collection they cause. Without that report, the costs added with `addCost` are summed instead.
 */

export interface FramePacerOptions {
	/** Shortest interval between frames (default 33 ms, ~30 fps). */
	readonly minIntervalMs?: number;
	/** Longest interval (default 1000 ms): even a huge terminal updates every second. */
	readonly maxIntervalMs?: number;
	/** Share of one core that rendering may take at most (default 0.5). */
	readonly targetLoad?: number;
	/** With `busyMs`: the share rendering may always take, however little else runs (default 0.2). */
	readonly floorLoad?: number;
	/**
	 * The thread's cumulative busy time in ms (e.g. `performance.eventLoopUtilization().active`).
	 * Without it, rendering simply gets `targetLoad`.
	 */
	readonly busyMs?: () => number;
	/** Milliseconds, monotonic (default `performance.now`). */
	readonly now?: () => number;
	readonly setTimer?: (callback: () => void, ms: number) => unknown;
	readonly clearTimer?: (timer: unknown) => void;
}

export class FramePacer {
	readonly #min: number;
	readonly #max: number;
	readonly #load: number;
	readonly #floor: number;
	readonly #busyMs: (() => number) | null;
	readonly #now: () => number;
	readonly #setTimer: (callback: () => void, ms: number) => unknown;
	readonly #clearTimer: (timer: unknown) => void;
	/** Smoothed cost of one frame in ms. */
	#cost = 0;
	/** Cost reported for the frame in progress. */
	#accrued = 0;
	/** Smoothed share of the core that work other than frames took (with `busyMs`). */
	#other = 0;
	/** The busy time and the cost of the last frame, when it started (with `busyMs`). */
	#busyAtLast = 0;
	#lastCost = 0;
	#last = Number.NEGATIVE_INFINITY;
	#urgent = false;
	/** When the frame in progress was let through (null once it is drawn, or before any). */
	#openedAt: number | null = null;
	/** The frame in progress was measured whole: `addCost` reports for it are not needed. */
	#drawn = false;
	#timer: unknown = null;
	#pending: (() => void) | null = null;

	constructor(options: FramePacerOptions = {}) {
		this.#min = options.minIntervalMs ?? 33;
		this.#max = options.maxIntervalMs ?? 1000;
		this.#load = options.targetLoad ?? 0.5;
		this.#floor = Math.min(this.#load, options.floorLoad ?? 0.2);
		this.#busyMs = options.busyMs ?? null;
		this.#now = options.now ?? (() => performance.now());
		this.#setTimer =
			options.setTimer ??
			((callback, ms) => {
				const timer = setTimeout(callback, ms);
				// A pending frame must never keep the process alive on its own.
				timer.unref?.();
				return timer;
			});
		this.#clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
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

	/**
	 * Adds to the cost of the current frame (React's commit and layout, Ink's output: each reported
	 * by whoever measures it). The sum is taken as the frame's cost when the next frame starts.
	 */
	addCost(ms: number): void {
		if (Number.isFinite(ms) && ms > 0) this.#accrued += ms;
	}

	/**
	 * The frame let through last has been drawn (call from the renderer's "frame written" hook): its
	 * cost is the time since it was let through. Draws that no notification asked for are ignored.
	 */
	frameDrawn(): void {
		if (this.#openedAt === null) return;
		const ms = this.#now() - this.#openedAt;
		this.#openedAt = null;
		this.#accrued = 0;
		this.#drawn = true;
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

	/** The next notification goes through at once (a key was pressed: answer it now). */
	urgent(): void {
		this.#urgent = true;
	}

	/**
	 * Calls `listener` now if a frame is due (or urgent), else once at the end of the interval;
	 * notifications in between collapse into that one call.
	 */
	notify(listener: () => void): void {
		const now = this.#now();
		const wait = this.#last + this.intervalMs - now;
		if (this.#urgent || wait <= 0) {
			this.#urgent = false;
			this.#cancel();
			this.#startFrame(now);
			listener();
			return;
		}
		this.#pending = listener;
		if (this.#timer !== null) return;
		this.#timer = this.#setTimer(() => {
			this.#timer = null;
			const pending = this.#pending;
			this.#pending = null;
			this.#startFrame(this.#now());
			pending?.();
		}, wait);
	}

	/**
	 * `subscribe` for `useSyncExternalStore`, paced. `urgentWhen`, asked on every notification, can
	 * let one through at once (news the user is waiting for, such as a search's first matches).
	 */
	pace(
		subscribe: (listener: () => void) => () => void,
		urgentWhen?: () => boolean,
	): (listener: () => void) => () => void {
		return (listener) => {
			const unsubscribe = subscribe(() => {
				if (urgentWhen?.()) this.urgent();
				this.notify(listener);
			});
			return () => {
				unsubscribe();
				this.#cancel();
			};
		};
	}

	#startFrame(now: number): void {
		if (!this.#drawn && this.#accrued > 0) this.recordFrame(this.#accrued);
		this.#accrued = 0;
		this.#drawn = false;
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

	#cancel(): void {
		if (this.#timer !== null) this.#clearTimer(this.#timer);
		this.#timer = null;
		this.#pending = null;
	}
}
