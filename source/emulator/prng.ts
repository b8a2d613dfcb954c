/**
 * A small seeded PRNG (mulberry32) and the helpers the traffic generator draws from. Seeded so a
 * benchmark or a test can rebuild the exact same traffic.
 */

/** A source of pseudo-random numbers in [0, 1), fully determined by its seed. */
export interface Random {
	/** The next number in [0, 1). */
	next(): number;
	/** An integer in [min, max], both ends included. */
	int(min: number, max: number): number;
	/** True with probability `p`. */
	chance(p: number): boolean;
	/** One element of a non-empty list. */
	pick<T>(items: readonly T[]): T;
	/** One of a list of [weight, value] pairs, chosen by weight. */
	weighted<T>(items: readonly (readonly [number, T])[]): T;
	/** The next 32 bits as an unsigned integer. */
	uint32(): number;
}

/** mulberry32: 32 bits of state, good enough for realistic-looking traffic and very fast. */
export function createRandom(seed: number): Random {
	let state = seed >>> 0;
	const uint32 = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return (t ^ (t >>> 14)) >>> 0;
	};
	const next = (): number => uint32() / 4294967296;
	return {
		next,
		uint32,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		chance: (p) => next() < p,
		pick<T>(items: readonly T[]): T {
			if (items.length === 0) throw new Error("pick from an empty list");
			return items[Math.floor(next() * items.length)] as T;
		},
		weighted<T>(items: readonly (readonly [number, T])[]): T {
			let total = 0;
			for (const [weight] of items) total += weight;
			let roll = next() * total;
			for (const [weight, value] of items) {
				roll -= weight;
				if (roll < 0) return value;
			}
			const last = items[items.length - 1];
			if (last === undefined) throw new Error("weighted pick from an empty list");
			return last[1];
		},
	};
}

/** A 32-bit FNV-1a hash, to derive a per-project seed from the project's uuid. */
export function hashString(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

const hex = (value: number, digits: number): string =>
	(value >>> 0).toString(16).padStart(8, "0").slice(-digits);

/**
 * Scrambles a counter below 2^48 into 48 bits with a keyed Feistel network: a bijection, so distinct
 * counters stay distinct, yet the result looks random (real uuids do not end in 000000000001).
 */
function scramble48(counter: number, key: number): number {
	let left = Math.floor(counter / 0x1000000) & 0xffffff;
	let right = counter & 0xffffff;
	for (let round = 0; round < 3; round++) {
		const mixed = (Math.imul((right ^ key ^ (round * 0x9e3779b9)) >>> 0, 0x45d9f3b) >>> 7) & 0xffffff;
		[left, right] = [right, left ^ mixed];
	}
	return left * 0x1000000 + right;
}

/**
 * A uuid in the v4 layout. Random bits come from `random`; the last 12 hex digits are `counter`
 * scrambled with `key`, so two uuids of one generator (one key) can never collide.
 */
export function uuidV4(random: Random, counter: number, key = 0): string {
	const a = random.uint32();
	const b = random.uint32();
	const c = random.uint32();
	const variant = (8 + (c & 3)).toString(16);
	const tail = scramble48(counter % 2 ** 48, key)
		.toString(16)
		.padStart(12, "0");
	return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b, 3)}-${variant}${hex(c >>> 4, 3)}-${tail}`;
}
