/**
 * A map of two generations: a bounded, cheap stand-in for an LRU. When the young generation is full
 * the old one is dropped and the young one becomes old; what was used since stays, so memory stays
 * capped at about twice `limit` entries while what recent frames used is kept.
 */
export class GenerationMap<K, V> {
	#young = new Map<K, V>();
	#old = new Map<K, V>();
	readonly #limit: number;

	constructor(limit: number) {
		this.#limit = Math.max(1, limit);
	}

	get(key: K): V | undefined {
		const young = this.#young.get(key);
		if (young !== undefined) return young;
		const old = this.#old.get(key);
		// Used again: promote, so it survives the next turnover.
		if (old !== undefined) this.set(key, old);
		return old;
	}

	set(key: K, value: V): void {
		if (this.#young.size >= this.#limit) {
			this.#old = this.#young;
			this.#young = new Map();
		}
		this.#young.set(key, value);
	}

	/** The value for `key`, computed by `make` (and kept) when there is none. */
	getOrSet(key: K, make: (key: K) => V): V {
		let value = this.get(key);
		if (value === undefined) {
			value = make(key);
			this.set(key, value);
		}
		return value;
	}

	get size(): number {
		return this.#young.size + this.#old.size;
	}
}
