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
	t.setUsed(100);
	t.clock.advance(5000);
	expect(t.fired).toHaveLength(2);
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
