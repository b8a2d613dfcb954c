/**
 * A fixed-capacity FIFO addressed by absolute index, which grows at both ends: `push` appends at
 * `end` (evicting the oldest item when full), `unshift` puts an item in front of the oldest one
 * (history loaded later: it takes index `start - 1`, possibly below zero) while there is room. An
 * item keeps its absolute index for as long as it is held, so a view can hold an index (an anchored
 * scroll position, a search match, an exception) and later tell whether that item is still there
 * (`has`) without any bookkeeping when older items are evicted or older ones are put in front.
 * Never shifts or splices: the slots grow by doubling up to `capacity` (so an idle pane does not
 * pre-allocate 20,000 slots), laid out again only when they grow; then the buffer wraps in place.
 */
export class RingBuffer<T> {
	readonly capacity: number;
	/** The slot of absolute index i is `(i - #origin) mod #slots.length`. */
	#slots: (T | undefined)[] = [];
	#origin = 0;
	/** Absolute index of the oldest item held (signed: `unshift` moves it down). */
	#start = 0;
	/** Absolute index one past the newest item. */
	#end = 0;
	/** Items dropped so far (capacity, or early by `dropOldest`). */
	#evicted = 0;

	/** @param capacity how many items are kept; at least 1 */
	constructor(capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) {
			throw new RangeError(`ring buffer capacity must be a positive integer, got ${capacity}`);
		}
		this.capacity = capacity;
	}

	/** Absolute index of the oldest item still held (below zero once older items were put in front). */
	get start(): number {
		return this.#start;
	}

	/** Absolute index one past the newest item. */
	get end(): number {
		return this.#end;
	}

	/** Items held now. */
	get size(): number {
		return this.#end - this.#start;
	}

	/** Items dropped so far (because the buffer was full, or early by `dropOldest`). */
	get evicted(): number {
		return this.#evicted;
	}

	#slot(index: number): number {
		const n = this.#slots.length;
		const slot = (index - this.#origin) % n;
		return slot < 0 ? slot + n : slot;
	}

	/** Makes room for one more item (the caller checked size < capacity): grows the slots if full. */
	#room(): void {
		const size = this.size;
		const old = this.#slots;
		if (size < old.length) return;
		const slots = new Array<T | undefined>(Math.min(this.capacity, Math.max(16, size * 2))).fill(undefined);
		for (let i = 0; i < size; i++) slots[i] = old[this.#slot(this.#start + i)];
		this.#slots = slots;
		this.#origin = this.#start;
	}

	/**
	 * Appends an item; when full, the oldest one is dropped.
	 * @returns the item that was evicted, or undefined
	 */
	push(item: T): T | undefined {
		if (this.size >= this.capacity) {
			const slot = this.#slot(this.#start);
			const evicted = this.#slots[slot];
			this.#slots[slot] = item;
			this.#start++;
			this.#end++;
			this.#evicted++;
			return evicted;
		}
		this.#room();
		this.#slots[this.#slot(this.#end)] = item;
		this.#end++;
		return undefined;
	}

	/**
	 * Puts an item in front of the oldest one (index `start - 1`) if there is room: a full buffer
	 * takes nothing (putting it in front would evict it at once).
	 * @returns whether the item was taken
	 */
	unshift(item: T): boolean {
		if (this.size >= this.capacity) return false;
		this.#room();
		this.#start--;
		this.#slots[this.#slot(this.#start)] = item;
		return true;
	}

	/**
	 * Drops up to `count` of the oldest items before the capacity would (a memory budget), keeping
	 * at least `keep` of the newest. Their slots are cleared so what they hold can be collected.
	 * @param onDrop receives each dropped item, oldest first
	 * @returns how many were dropped
	 */
	dropOldest(count: number, keep = 0, onDrop?: (item: T) => void): number {
		const from = this.#start;
		const to = Math.max(from, Math.min(from + Math.floor(count), this.#end - Math.max(0, keep)));
		for (let i = from; i < to; i++) {
			const slot = this.#slot(i);
			const item = this.#slots[slot];
			this.#slots[slot] = undefined;
			if (item !== undefined) onDrop?.(item);
		}
		this.#start = to;
		this.#evicted += to - from;
		return to - from;
	}

	/** Whether the item with this absolute index is still held. */
	has(index: number): boolean {
		return Number.isInteger(index) && index >= this.#start && index < this.#end;
	}

	/** The item with this absolute index, or undefined when it is not held. */
	at(index: number): T | undefined {
		if (!this.has(index)) return undefined;
		return this.#slots[this.#slot(index)];
	}

	/** The newest item, or undefined when empty. */
	last(): T | undefined {
		return this.size === 0 ? undefined : this.#slots[this.#slot(this.#end - 1)];
	}

	/**
	 * The items with absolute indices in [from, to), clamped to what is held. O(to - from).
	 */
	slice(from: number, to: number): T[] {
		const lo = Math.max(from, this.#start);
		const hi = Math.min(to, this.#end);
		const out: T[] = [];
		for (let i = lo; i < hi; i++) out.push(this.#slots[this.#slot(i)] as T);
		return out;
	}
}
