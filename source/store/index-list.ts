/**
 * An ascending list of absolute buffer indices (search matches, exception rows) that grows at both ends
 * and loses its oldest items to eviction, each in O(1) amortized, with O(1) access by rank and
 * O(log n) search. A search scans the buffer newest first, so its results are prepended (`pushOlder`)
 * while live matches are appended (`push`); rows of older history put in front of a pane's buffer
 * (indices below all held) are prepended the same way; eviction drops from the low end (`dropBelow`).
 */
export class IndexList {
	/** Prepended items, in descending order: the smallest is last, so prepending is a push. */
	#front: number[] = [];
	/** Appended items, ascending, starting at `#head` (items before it were dropped). */
	#back: number[] = [];
	#head = 0;

	get length(): number {
		return this.#front.length + this.#back.length - this.#head;
	}

	/** The index of rank `rank` (0 = smallest), or undefined when out of range. */
	at(rank: number): number | undefined {
		if (rank < 0 || rank >= this.length) return undefined;
		const f = this.#front.length;
		return rank < f ? this.#front[f - 1 - rank] : this.#back[this.#head + rank - f];
	}

	/** The largest index, or undefined when empty. */
	last(): number | undefined {
		return this.at(this.length - 1);
	}

	/** Appends an index larger than every index held (the caller guarantees the order). */
	push(index: number): void {
		this.#back.push(index);
	}

	/** Prepends an index smaller than every index held (the caller guarantees the order). */
	pushOlder(index: number): void {
		this.#front.push(index);
	}

	/** Drops every index below `min` (they were evicted from the buffer). */
	dropBelow(min: number): void {
		const front = this.#front;
		while (front.length > 0 && (front[front.length - 1] as number) < min) front.pop();
		if (front.length > 0) return;
		const back = this.#back;
		while (this.#head < back.length && (back[this.#head] as number) < min) this.#head++;
		// Compact once the dead prefix is large, so dropping stays O(1) amortized and memory bounded.
		if (this.#head > 1024 && this.#head * 2 > back.length) {
			this.#back = back.slice(this.#head);
			this.#head = 0;
		}
	}

	/** Rank of the first index >= `index` (= `length` when there is none). */
	lowerBound(index: number): number {
		let lo = 0;
		let hi = this.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if ((this.at(mid) as number) < index) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Whether `index` is in the list. O(log n). */
	includes(index: number): boolean {
		return this.at(this.lowerBound(index)) === index;
	}

	/** All indices, ascending (for tests and small lists). */
	toArray(): number[] {
		const out: number[] = [];
		for (let i = 0; i < this.length; i++) out.push(this.at(i) as number);
		return out;
	}
}
