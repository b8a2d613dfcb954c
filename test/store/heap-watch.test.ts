import { expect, it } from "vitest";
import { type HeapFigures, startHeapWatch } from "../../source/store/heap-watch.js";
import { ManualClock } from "../../source/util/clock.js";

const limit = 1000;

function setup() {
	const clock = new ManualClock();
	let used = 100;
	const fired: HeapFigures[] = [];
	const stop = startHeapWatch({
		onPressure: (figures) => fired.push(figures),
		heapStatistics: () => ({ used_heap_size: used, heap_size_limit: limit }),
		clock,
		intervalMs: 100,
		cooldownMs: 1000,
		youngReserveBytes: 0,
	});
	return {
		clock,
		fired,
		stop,
		setUsed: (value: number) => {
			used = value;
		},
	};
}

it("fires once the used heap passes 85% of the limit, not below it", () => {
	const t = setup();
	t.clock.advance(1000);
	expect(t.fired).toEqual([]);
	t.setUsed(850);
	t.clock.advance(100);
	expect(t.fired).toEqual([]);
	t.setUsed(851);
	t.clock.advance(100);
	expect(t.fired).toEqual([{ used_heap_size: 851, heap_size_limit: limit }]);
	t.stop();
});

it("stays quiet for the cooldown after firing (the freed memory comes back at a later GC), then fires again", () => {
	const t = setup();
	t.setUsed(900);
	t.clock.advance(100);
	expect(t.fired).toHaveLength(1);
	t.clock.advance(900);
	expect(t.fired).toHaveLength(1);
	t.clock.advance(100);
	expect(t.fired).toHaveLength(2);
	// Growing past what it was when it fired: a flood faster than one shed, so at once.
	t.setUsed(901);
	t.clock.advance(100);
	expect(t.fired).toHaveLength(3);
	t.setUsed(880);
	t.clock.advance(500);
	expect(t.fired).toHaveLength(3);
	t.setUsed(100);
	t.clock.advance(5000);
	expect(t.fired).toHaveLength(3);
	t.stop();
});

it("stop clears its timer", () => {
	const t = setup();
	expect(t.clock.pending).toBe(1);
	t.stop();
	expect(t.clock.pending).toBe(0);
	t.setUsed(999);
	t.clock.advance(1000);
	expect(t.fired).toEqual([]);
});

it("measures against the limit less the young generation's reserve (what old objects can really use)", () => {
	const clock = new ManualClock();
	const mb = 1024 * 1024;
	let used = 100 * mb;
	const fired: HeapFigures[] = [];
	// --max-old-space-size=128 reports a 176 MiB limit and aborts at 128 MiB used.
	const stop = startHeapWatch({
		onPressure: (figures) => fired.push(figures),
		heapStatistics: () => ({ used_heap_size: used, heap_size_limit: 176 * mb }),
		clock,
	});
	clock.advance(250);
	expect(fired).toEqual([]);
	used = 110 * mb;
	clock.advance(250);
	expect(fired).toHaveLength(1);
	stop();
});
