/**
 * Watches the V8 heap so that bctail sheds load before V8 aborts. Running out of heap is not an error
 * the program can catch: V8 prints "JavaScript heap out of memory" and aborts the process, and no
 * handler runs (the terminal is left as it was, raw, on the alternate screen). Scrollback is what
 * grows, so when the used heap nears the limit the session drops old entries and says so.
 *
 * What "near" means: `heap_size_limit` counts the young generation's reserve (three 16 MiB semi-spaces
 * on 64-bit Node 22), which old objects never get: a process started with `--max-old-space-size=128`
 * reports a limit of 176 MiB and aborts with 128 MiB used. So the budget is the limit less that
 * reserve (never under half the limit), and pressure is `used_heap_size` past `threshold` of it.
 *
 * Cheap: one `getHeapStatistics()` call per sample (about a microsecond), four times a second by default,
 * on an unref'd timer, so it never keeps the process alive. After firing it holds off for `cooldownMs`
 * while the heap does not grow past what it was then: freed entries are only given back at the next
 * major GC, and the samples in between would read the same pressure again and halve the scrollback
 * for nothing. A heap that still grows is a flood faster than one shed: it fires again at once.
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
	/** Default 250 ms: a fast stream of fat events can fill the last 15% within a second. */
	readonly intervalMs?: number;
	/** Fraction of the budget (default 0.85). */
	readonly threshold?: number;
	/** What `heap_size_limit` holds for the young generation (default 48 MiB, see the file comment). */
	readonly youngReserveBytes?: number;
	/** Quiet time after firing, unless the heap grows further (default 2000 ms). */
	readonly cooldownMs?: number;
}

const defaultYoungReserve = 48 * 1024 * 1024;

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
	const interval = Math.max(1, options.intervalMs ?? 250);
	const reserve = Math.max(0, options.youngReserveBytes ?? defaultYoungReserve);
	const threshold = options.threshold ?? 0.85;
	const cooldown = Math.max(0, options.cooldownMs ?? 2000);
	let quietUntil = Number.NEGATIVE_INFINITY;
	/** `used_heap_size` when it last fired. */
	let firedAt = Number.POSITIVE_INFINITY;
	let timer: TimerHandle | null = null;
	let stopped = false;

	const sample = (): void => {
		timer = null;
		const figures = stats();
		const now = clock.now();
		const limit = figures.heap_size_limit;
		const budget = Math.max(limit / 2, limit - reserve);
		const used = figures.used_heap_size;
		if (used > threshold * budget && (now >= quietUntil || used > firedAt)) {
			quietUntil = now + cooldown;
			firedAt = used;
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
