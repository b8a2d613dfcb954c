/**
 * Adaptive frame pacing. Ink's cost per frame grows with the terminal's area (~2-4 µs per cell: ~30 ms
 * at 160x50, 50+ ms at 244x105), so a fixed frame rate that is smooth on a small terminal would pin a
 * core on a large one. The pacer sits between the store's notifications and React: it lets a new
 * snapshot through at most once per interval, and sizes the interval from the measured cost of recent
 * frames so that rendering takes about `targetLoad` of one core. A key press makes the next frame
 * immediate, so keys answer at once however busy the stream is.
 */

export interface FramePacerOptions {
	/** Shortest interval between frames (default 33 ms, ~30 fps). */
	readonly minIntervalMs?: number;
	/** Longest interval (default 1000 ms): even a huge terminal updates every second. */
	readonly maxIntervalMs?: number;
	/** Share of one core that rendering may take (default 0.5). */
	readonly targetLoad?: number;
	/** Milliseconds, monotonic (default `performance.now`). */
	readonly now?: () => number;
	readonly setTimer?: (callback: () => void, ms: number) => unknown;
	readonly clearTimer?: (timer: unknown) => void;
}

export class FramePacer {
	readonly #min: number;
	readonly #max: number;
	readonly #load: number;
	readonly #now: () => number;
	readonly #setTimer: (callback: () => void, ms: number) => unknown;
	readonly #clearTimer: (timer: unknown) => void;
	/** Smoothed cost of one frame in ms. */
	#cost = 0;
	/** Cost reported for the frame in progress. */
	#accrued = 0;
	#last = Number.NEGATIVE_INFINITY;
	#urgent = false;
	#timer: unknown = null;
	#pending: (() => void) | null = null;

	constructor(options: FramePacerOptions = {}) {
		this.#min = options.minIntervalMs ?? 33;
		this.#max = options.maxIntervalMs ?? 1000;
		this.#load = options.targetLoad ?? 0.5;
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
		return Math.min(this.#max, Math.max(this.#min, this.#cost / this.#load));
	}

	/**
	 * Adds to the cost of the current frame (React's commit and layout, Ink's output: each reported
	 * by whoever measures it). The sum is taken as the frame's cost when the next frame starts.
	 */
	addCost(ms: number): void {
		if (Number.isFinite(ms) && ms > 0) this.#accrued += ms;
	}

	/** Reports what one whole frame cost, to adapt the interval. */
	recordFrame(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) return;
		// Smooth, but follow a jump up (a resize to a large terminal) faster than a drop.
		const weight = ms > this.#cost ? 0.5 : 0.2;
		this.#cost = this.#cost === 0 ? ms : this.#cost + (ms - this.#cost) * weight;
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

	/** `subscribe` for `useSyncExternalStore`, paced. */
	pace(subscribe: (listener: () => void) => () => void): (listener: () => void) => () => void {
		return (listener) => {
			const unsubscribe = subscribe(() => this.notify(listener));
			return () => {
				unsubscribe();
				this.#cancel();
			};
		};
	}

	#startFrame(now: number): void {
		if (this.#accrued > 0) this.recordFrame(this.#accrued);
		this.#accrued = 0;
		this.#last = now;
	}

	#cancel(): void {
		if (this.#timer !== null) this.#clearTimer(this.#timer);
		this.#timer = null;
		this.#pending = null;
	}
}
