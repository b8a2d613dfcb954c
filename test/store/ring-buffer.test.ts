import { describe, expect, it } from "vitest";
import { IndexList } from "../../source/store/index-list.js";
import { RingBuffer } from "../../source/store/ring-buffer.js";

describe("RingBuffer", () => {
	it("holds items by absolute index before it is full", () => {
		const ring = new RingBuffer<string>(4);
		expect(ring.push("a")).toBeUndefined();
		ring.push("b");
		expect(ring.size).toBe(2);
		expect(ring.start).toBe(0);
		expect(ring.end).toBe(2);
		expect(ring.evicted).toBe(0);
		expect(ring.at(0)).toBe("a");
		expect(ring.at(1)).toBe("b");
		expect(ring.at(2)).toBeUndefined();
		expect(ring.last()).toBe("b");
	});

	it("wraps, evicting the oldest item and counting evictions", () => {
		const ring = new RingBuffer<number>(3);
		const evicted: (number | undefined)[] = [];
		for (let i = 0; i < 8; i++) evicted.push(ring.push(i * 10));
		expect(evicted).toEqual([undefined, undefined, undefined, 0, 10, 20, 30, 40]);
		expect(ring.size).toBe(3);
		expect(ring.evicted).toBe(5);
		expect(ring.start).toBe(5);
		expect(ring.end).toBe(8);
		// Absolute indices keep their meaning across the wrap; evicted ones are detectable.
		expect(ring.has(4)).toBe(false);
		expect(ring.at(4)).toBeUndefined();
		expect([ring.at(5), ring.at(6), ring.at(7)]).toEqual([50, 60, 70]);
		expect(ring.last()).toBe(70);
	});

	it("reads windows clamped to what is held", () => {
		const ring = new RingBuffer<number>(5);
		for (let i = 0; i < 12; i++) ring.push(i);
		expect(ring.slice(7, 10)).toEqual([7, 8, 9]);
		expect(ring.slice(0, 9)).toEqual([7, 8]);
		expect(ring.slice(10, 100)).toEqual([10, 11]);
		expect(ring.slice(11, 11)).toEqual([]);
	});

	it("works with capacity 1 and rejects a capacity below 1", () => {
		const ring = new RingBuffer<string>(1);
		ring.push("x");
		expect(ring.push("y")).toBe("x");
		expect(ring.at(1)).toBe("y");
		expect(ring.evicted).toBe(1);
		expect(() => new RingBuffer(0)).toThrow(RangeError);
		expect(() => new RingBuffer(1.5)).toThrow(RangeError);
	});

	it("stays correct over many wraps (checked against a plain array model)", () => {
		const capacity = 7;
		const ring = new RingBuffer<number>(capacity);
		const all: number[] = [];
		for (let i = 0; i < 1000; i++) {
			ring.push(i * 3);
			all.push(i * 3);
			const start = Math.max(0, all.length - capacity);
			expect(ring.start).toBe(start);
			expect(ring.slice(ring.start, ring.end)).toEqual(all.slice(start));
		}
	});
});

describe("IndexList", () => {
	it("grows at both ends in ascending order and answers by rank", () => {
		const list = new IndexList();
		list.push(10);
		list.push(12);
		list.pushOlder(7);
		list.pushOlder(3);
		list.push(20);
		expect(list.toArray()).toEqual([3, 7, 10, 12, 20]);
		expect(list.length).toBe(5);
		expect(list.at(0)).toBe(3);
		expect(list.at(4)).toBe(20);
		expect(list.at(5)).toBeUndefined();
		expect(list.last()).toBe(20);
	});

	it("finds ranks with lowerBound and membership with includes", () => {
		const list = new IndexList();
		for (const i of [2, 4, 6]) list.pushOlder(8 - i); // 6, 4, 2 prepended → 2, 4, 6
		for (const i of [8, 10]) list.push(i);
		expect(list.lowerBound(0)).toBe(0);
		expect(list.lowerBound(5)).toBe(2);
		expect(list.lowerBound(6)).toBe(2);
		expect(list.lowerBound(11)).toBe(5);
		expect(list.includes(8)).toBe(true);
		expect(list.includes(7)).toBe(false);
	});

	it("drops evicted indices from the low end across both halves", () => {
		const list = new IndexList();
		for (let i = 5; i >= 0; i--) list.pushOlder(i);
		for (let i = 6; i < 3000; i++) list.push(i);
		list.dropBelow(3);
		expect(list.at(0)).toBe(3);
		list.dropBelow(2500);
		expect(list.at(0)).toBe(2500);
		expect(list.length).toBe(500);
		expect(list.lowerBound(2999)).toBe(499);
		list.dropBelow(5000);
		expect(list.length).toBe(0);
	});

	it("dropOldest drops early, keeps indices, and the capacity still applies after it", () => {
		const ring = new RingBuffer<string>(4);
		for (const item of ["a", "b", "c"]) ring.push(item);
		expect(ring.dropOldest(2)).toBe(2);
		expect([ring.start, ring.end, ring.size, ring.evicted]).toEqual([2, 3, 1, 2]);
		expect(ring.has(1)).toBe(false);
		expect(ring.at(2)).toBe("c");
		for (const item of ["d", "e", "f", "g"]) ring.push(item);
		expect(ring.slice(0, 10)).toEqual(["d", "e", "f", "g"]);
		expect(ring.dropOldest(10)).toBe(4);
		expect(ring.size).toBe(0);
		expect(ring.last()).toBeUndefined();
		ring.push("h");
		expect(ring.slice(0, 10)).toEqual(["h"]);
	});
});
