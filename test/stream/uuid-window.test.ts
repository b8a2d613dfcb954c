import { describe, expect, it } from "vitest";
import { UuidWindow } from "../../source/stream/uuid-window.js";

/** A small deterministic PRNG, so a failing sequence can be replayed. */
function lcg(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 0x1_0000_0000;
	};
}

describe("UuidWindow", () => {
	it("reports repeats within the window", () => {
		const window = new UuidWindow(3);
		expect(["a", "b", "a", "c", "b"].map((uuid) => window.add(uuid))).toEqual([
			true,
			true,
			false,
			true,
			false,
		]);
	});

	it("forgets the oldest beyond its capacity and never grows past it", () => {
		const window = new UuidWindow(3);
		for (const uuid of ["a", "b", "c", "d"]) window.add(uuid);
		expect(window.size).toBe(3);
		expect(window.add("a")).toBe(true); // forgotten, so new again
		expect(window.add("d")).toBe(false);
		for (let i = 0; i < 1000; i++) window.add(`x${i}`);
		expect(window.size).toBe(3);
	});

	it("agrees with a plain ring + Set model on long random sequences (collisions, evictions, wrap-around)", () => {
		for (const capacity of [1, 2, 3, 5, 8, 100, 1000]) {
			const random = lcg(capacity);
			const window = new UuidWindow(capacity);
			const seen = new Set<string>();
			const ring: string[] = [];
			for (let step = 0; step < 50_000; step++) {
				const uuid = `u-${Math.floor(random() * capacity * 3)}`;
				const fresh = !seen.has(uuid);
				if (fresh) {
					if (ring.length === capacity) seen.delete(ring.shift() ?? "");
					ring.push(uuid);
					seen.add(uuid);
				}
				if (window.add(uuid) !== fresh) throw new Error(`capacity ${capacity}, step ${step}: ${uuid}`);
			}
			expect(window.size).toBe(ring.length);
		}
	});

	it("treats strings exactly (no normalization, no prefix matches)", () => {
		const window = new UuidWindow(10);
		expect(window.add("ABC")).toBe(true);
		expect(window.add("abc")).toBe(true);
		expect(window.add("ab")).toBe(true);
		expect(window.add("")).toBe(true);
		expect(window.add("")).toBe(false);
		expect(window.add("ABC")).toBe(false);
	});
});
