import { expect, test } from "vitest";
import { createRandom, hashString } from "../../source/emulator/prng.js";

test("the same seed gives the same sequence; another seed another one", () => {
	const draw = (seed: number) => {
		const random = createRandom(seed);
		return Array.from({ length: 100 }, () => random.next());
	};
	expect(draw(5)).toEqual(draw(5));
	expect(draw(6)).not.toEqual(draw(5));
});

test("numbers stay in range and spread over it", () => {
	const random = createRandom(123);
	const counts = new Map<number, number>();
	for (let i = 0; i < 60_000; i++) {
		const value = random.next();
		expect(value >= 0 && value < 1).toBe(true);
		const die = random.int(1, 6);
		counts.set(die, (counts.get(die) ?? 0) + 1);
	}
	expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
	// Each face near 10,000: a broken generator (constant, or skewed) lands far outside.
	for (const count of counts.values()) expect(Math.abs(count - 10_000)).toBeLessThan(600);
});

test("weighted picks follow the weights; pick and weighted refuse empty lists", () => {
	const random = createRandom(77);
	let heavy = 0;
	for (let i = 0; i < 10_000; i++) {
		if (
			random.weighted([
				[9, "heavy"],
				[1, "light"],
			] as const) === "heavy"
		)
			heavy += 1;
	}
	expect(heavy).toBeGreaterThan(8700);
	expect(heavy).toBeLessThan(9300);
	expect(() => random.pick([])).toThrow();
	expect(() => random.weighted([])).toThrow();
});

test("hashString separates uuids that differ in one character", () => {
	expect(hashString("0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1001")).not.toBe(
		hashString("0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1002"),
	);
	expect(hashString("abc")).toBe(hashString("abc"));
});
