/**
 * Watches the V8 heap so that bctail sheds load before V8 aborts. Running out of heap is not an error
 * the program can catch: V8 prints "JavaScript heap out of memory" and aborts the process, and no
 * handler runs (the terminal is left as it was, raw, on the alternate screen). Scrollback is what
 * grows, so when the used heap nears the limit the session drops old entries and says so.
 *
 * Cheap: one `getHeapStatistics()` call per sample (about a microsecond), every second by default,
 * on an unref'd timer, so it never keeps the process alive. After firing it waits `cooldownMs` before
 * it fires again: freed entries are only given back at the next major GC, and the samples in between
 * would otherwise read the same pressure again and halve the scrollback over and over.
 *
 * Framework-free; the statistics and the timer are injected in tests.
 */
import { getHeapStatistics } from "node:v8";
import type { Clock, TimerHandle } from "../util/clock.js";

/** The two figures of `v8.getHeapStatistics()` the watch reads. */
export interface HeapFigures {
	readonly used_heap_size: number;
	readonly heap_size_limit: number;
}

export interface HeapWatchOptions {
	/** The heap is past `threshold` of its limit: free memory (called at most once per `cooldownMs`). */
	readonly onPressure: (figures: HeapFigures) => void;
	/** Default `v8.getHeapStatistics`. */
	readonly heapStatistics?: () => HeapFigures;
	/** Default: the real clock with unref'd timers. */
	readonly clock?: Clock;
	/** Default 1000 ms. */
	readonly intervalMs?: number;
	/** Fraction of `heap_size_limit` (default 0.85). */
	readonly threshold?: number;
	/** Quiet time after firing (default 5000 ms). */
	readonly cooldownMs?: number;
}

/** The real clock, but its timers never keep the process alive. */
const unrefClock: Clock = {
	now: () => Date.now(),
	setTimeout(callback, ms) {
		return { id: setTimeout(callback, ms).unref() };
	},
	clearTimeout(handle) {
		clearTimeout(handle.id as NodeJS.Timeout);
	},
};

/**
 * Starts sampling the heap.
 * @returns stops the watch
 */
export function startHeapWatch(options: HeapWatchOptions): () => void {
	const stats = options.heapStatistics ?? getHeapStatistics;
	const clock = options.clock ?? unrefClock;
	const interval = Math.max(1, options.intervalMs ?? 1000);
	const threshold = options.threshold ?? 0.85;
	const cooldown = Math.max(0, options.cooldownMs ?? 5000);
	let quietUntil = Number.NEGATIVE_INFINITY;
	let timer: TimerHandle | null = null;
	let stopped = false;

	const sample = (): void => {
		timer = null;
		const figures = stats();
		const now = clock.now();
		if (now >= quietUntil && figures.used_heap_size > threshold * figures.heap_size_limit) {
			quietUntil = now + cooldown;
			options.onPressure(figures);
		}
		if (!stopped) timer = clock.setTimeout(sample, interval);
	};
	timer = clock.setTimeout(sample, interval);
	return () => {
		stopped = true;
		if (timer !== null) clock.clearTimeout(timer);
		timer = null;
	};
}
