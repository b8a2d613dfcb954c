import { describe, expect, it } from "vitest";
import { FramePacer } from "../../source/ui/frame-pacer.js";
import { ManualClock } from "../../source/util/clock.js";

function setup(options = {}) {
	const clock = new ManualClock(0);
	const pacer = new FramePacer({
		now: () => clock.now(),
		setTimer: (callback, ms) => clock.setTimeout(callback, ms),
		clearTimer: (timer) => clock.clearTimeout(timer as ReturnType<ManualClock["setTimeout"]>),
		...options,
	});
	let frames = 0;
	const listener = () => {
		frames++;
	};
	return { clock, pacer, listener, frames: () => frames };
}

describe("FramePacer", () => {
	it("lets the first notification through and collapses the rest of the interval into one", () => {
		const t = setup();
		t.pacer.notify(t.listener);
		expect(t.frames()).toBe(1);
		for (let i = 0; i < 10; i++) {
			t.clock.advance(2);
			t.pacer.notify(t.listener);
		}
		expect(t.frames()).toBe(1);
		t.clock.advance(33);
		expect(t.frames()).toBe(2);
		t.clock.advance(100);
		expect(t.frames()).toBe(2);
	});

	it("stretches the interval so frames take about half a core", () => {
		const t = setup();
		expect(t.pacer.intervalMs).toBe(33);
		for (let i = 0; i < 20; i++) t.pacer.recordFrame(60);
		expect(t.pacer.intervalMs).toBeCloseTo(120, 0);
		// A cheap terminal again (resized smaller): back towards the floor.
		for (let i = 0; i < 40; i++) t.pacer.recordFrame(5);
		expect(t.pacer.intervalMs).toBe(33);
		for (let i = 0; i < 20; i++) t.pacer.recordFrame(5_000);
		expect(t.pacer.intervalMs).toBe(1000);
	});

	it("measures a frame as the costs reported between two frames", () => {
		const t = setup();
		t.pacer.notify(t.listener);
		t.pacer.addCost(30);
		t.pacer.addCost(20);
		t.clock.advance(40);
		t.pacer.notify(t.listener);
		expect(t.pacer.intervalMs).toBeCloseTo(100, 0);
	});

	it("keeps rendering under the target load when snapshots pour in", () => {
		const t = setup();
		const cost = 40;
		let busy = 0;
		const render = () => {
			busy += cost;
			t.pacer.addCost(cost);
		};
		// Ten seconds of a store publishing every 10 ms.
		for (let ms = 0; ms < 10_000; ms += 10) {
			t.pacer.notify(render);
			t.clock.advance(10);
		}
		expect(busy / 10_000).toBeLessThanOrEqual(0.55);
		expect(busy / 10_000).toBeGreaterThan(0.3);
	});

	it("answers a key at once, however recent the last frame", () => {
		const t = setup();
		for (let i = 0; i < 20; i++) t.pacer.recordFrame(200);
		t.pacer.notify(t.listener);
		t.clock.advance(5);
		t.pacer.urgent();
		t.pacer.notify(t.listener);
		expect(t.frames()).toBe(2);
		// The pending timer of a skipped notification does not fire a stale extra frame.
		t.pacer.notify(t.listener);
		t.clock.advance(1000);
		expect(t.frames()).toBe(3);
	});

	it("stops calling after unsubscribe", () => {
		const t = setup();
		const listeners = new Set<() => void>();
		const subscribe = t.pacer.pace((listener) => {
			listeners.add(listener);
			return () => listeners.delete(listener);
		});
		const unsubscribe = subscribe(t.listener);
		for (const l of listeners) l();
		t.clock.advance(1);
		for (const l of listeners) l();
		unsubscribe();
		t.clock.advance(100);
		expect(t.frames()).toBe(1);
		expect(t.clock.pending).toBe(0);
	});
});
