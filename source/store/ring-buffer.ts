/**
 * A fixed-capacity FIFO with O(1) push and eviction, addressed by absolute index: the n-th item ever
 * pushed has index n forever. A view can hold an index (an anchored scroll position, a search match,
 * an exception) and later tell whether that item is still there (`has`) without any bookkeeping when
 * older items are evicted. Never shifts or splices: the slot of index i is `i % capacity`.
 */
export class RingBuffer<T> {
	readonly capacity: number;
	/** Grows up to `capacity` (so an idle pane does not pre-allocate 20,000 slots), then wraps. */
	#slots: (T | undefined)[] = [];
	/** Absolute index one past the newest item = how many items were ever pushed. */
	#end = 0;
	/** Items before this index were dropped early (`dropOldest`), before the capacity forced it. */
	#floor = 0;

	/** @param capacity how many items are kept; at least 1 */
	constructor(capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) {
			throw new RangeError(`ring buffer capacity must be a positive integer, got ${capacity}`);
		}
		this.capacity = capacity;
	}

	/** Absolute index of the oldest item still held (= how many were evicted). */
	get start(): number {
		return Math.max(this.#end - this.capacity, this.#floor);
	}

	/** Absolute index one past the newest item (= how many were ever pushed). */
	get end(): number {
		return this.#end;
	}

	/** Items held now. */
	get size(): number {
		return this.#end - this.start;
	}

	/** Items dropped so far (because the buffer was full, or early by `dropOldest`). */
	get evicted(): number {
		return this.start;
	}

	/**
	 * Appends an item; when full, the oldest one is dropped.
	 * @returns the item that was evicted, or undefined
	 */
	push(item: T): T | undefined {
		const index = this.#end++;
		if (index < this.capacity) {
			this.#slots.push(item);
			return undefined;
		}
		const slot = index % this.capacity;
		const evicted = this.#slots[slot];
		this.#slots[slot] = item;
		return evicted;
	}

	/**
	 * Drops up to `count` of the oldest items before the capacity would (a memory budget), keeping
	 * at least `keep` of the newest. Their slots are cleared so what they hold can be collected.
	 * @param onDrop receives each dropped item, oldest first
	 * @returns how many were dropped
	 */
	dropOldest(count: number, keep = 0, onDrop?: (item: T) => void): number {
		const from = this.start;
		const to = Math.max(from, Math.min(from + Math.floor(count), this.#end - Math.max(0, keep)));
		for (let i = from; i < to; i++) {
			const slot = i % this.capacity;
			const item = this.#slots[slot];
			this.#slots[slot] = undefined;
			if (item !== undefined) onDrop?.(item);
		}
		this.#floor = to;
		return to - from;
	}

	/** Whether the item with this absolute index is still held. */
	has(index: number): boolean {
		return Number.isInteger(index) && index >= this.start && index < this.#end;
	}

	/** The item with this absolute index, or undefined when it was evicted or not pushed yet. */
	at(index: number): T | undefined {
		if (!this.has(index)) return undefined;
		return this.#slots[index % this.capacity];
	}

	/** The newest item, or undefined when empty. */
	last(): T | undefined {
		return this.size === 0 ? undefined : this.#slots[(this.#end - 1) % this.capacity];
	}

	/**
	 * The items with absolute indices in [from, to), clamped to what is held. O(to - from).
	 */
	slice(from: number, to: number): T[] {
		const lo = Math.max(from, this.start);
		const hi = Math.min(to, this.#end);
		const out: T[] = [];
		for (let i = lo; i < hi; i++) out.push(this.#slots[i % this.capacity] as T);
		return out;
	}
}
