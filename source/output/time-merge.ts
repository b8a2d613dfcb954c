/**
 * Several sources of time-ordered batches (one history walk per project) merged into one stream in
 * time order, as they arrive: an item is released once every source still running has read past its
 * time, so output streams without ever having to be reordered. Items without a time take the time of
 * the batch they came in (where the source says it has read through), which keeps them near their
 * neighbours instead of piling up at one end.
 */

export interface TimedBatch<T> {
	/** Oldest first. */
	readonly items: readonly T[];
	/** The source has handed over everything at or before this instant (ms). */
	readonly throughMs: number;
}

export interface MergedItem<T> {
	readonly source: number;
	readonly item: T;
	readonly ms: number;
}

interface SourceState<T> {
	readonly iterator: AsyncIterator<TimedBatch<T>>;
	readonly queue: MergedItem<T>[];
	head: number;
	throughMs: number;
	done: boolean;
	pending: Promise<void> | null;
}

/**
 * Merges `sources` by `timeOf` (null: the batch's `throughMs`). Yields runs of items in time order;
 * ties keep source order, then arrival order. A source that throws ends the merge with its error
 * (callers that want to go on without it catch inside the source).
 */
export async function* mergeByTime<T>(
	sources: readonly AsyncIterable<TimedBatch<T>>[],
	timeOf: (item: T) => number | null,
): AsyncGenerator<MergedItem<T>[], void, void> {
	const states: SourceState<T>[] = sources.map((source) => ({
		iterator: source[Symbol.asyncIterator](),
		queue: [],
		head: 0,
		throughMs: Number.NEGATIVE_INFINITY,
		done: false,
		pending: null,
	}));
	const pull = (state: SourceState<T>, index: number): Promise<void> => {
		state.pending ??= state.iterator.next().then((result) => {
			state.pending = null;
			if (result.done === true) {
				state.done = true;
				return;
			}
			const batch = result.value;
			for (const item of batch.items)
				state.queue.push({ source: index, item, ms: timeOf(item) ?? batch.throughMs });
			state.throughMs = Math.max(state.throughMs, batch.throughMs);
		});
		return state.pending;
	};
	try {
		for (;;) {
			const running = states.filter((state) => !state.done);
			// Release what every running source has read past.
			const horizon =
				running.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...running.map((s) => s.throughMs));
			const run = release(states, horizon);
			if (run.length > 0) yield run;
			if (running.length === 0) return;
			// Wait on the sources holding the horizon back (all of them start at once).
			const behind = states.filter((state) => !state.done && state.throughMs <= horizon);
			await Promise.race(behind.map((state) => pull(state, states.indexOf(state))));
		}
	} finally {
		// Not awaited: a source may be mid-request, and its caller aborts that through its own signal.
		for (const state of states) state.iterator.return?.().catch(() => {});
	}
}

/** Takes every queued item at or before `horizon` from all sources, in time order. */
function release<T>(states: SourceState<T>[], horizon: number): MergedItem<T>[] {
	const out: MergedItem<T>[] = [];
	for (;;) {
		let best: SourceState<T> | null = null;
		for (const state of states) {
			const next = state.queue[state.head];
			if (next === undefined || next.ms > horizon) continue;
			const bestNext = best?.queue[best.head];
			if (bestNext === undefined || next.ms < bestNext.ms) best = state;
		}
		if (best === null) break;
		out.push(best.queue[best.head] as MergedItem<T>);
		best.head += 1;
		if (best.head > 1024 && best.head * 2 > best.queue.length) {
			best.queue.splice(0, best.head);
			best.head = 0;
		}
	}
	return out;
}
