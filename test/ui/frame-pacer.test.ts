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

	it("measures a frame whole, from letting it through to its draw, when the draw is reported", () => {
		const t = setup();
		t.pacer.notify(t.listener);
		// Partial costs reported meanwhile are part of the whole, not added to it.
		t.pacer.addCost(10);
		t.clock.advance(50);
		t.pacer.frameDrawn();
		expect(t.pacer.intervalMs).toBeCloseTo(100, 0);
		t.clock.advance(100);
		t.pacer.notify(t.listener);
		expect(t.frames()).toBe(2);
		expect(t.pacer.intervalMs).toBeCloseTo(100, 0);
	});

	it("ignores draws that no notification asked for", () => {
		const t = setup();
		t.clock.advance(500);
		t.pacer.frameDrawn();
		expect(t.pacer.intervalMs).toBe(33);
		t.pacer.notify(t.listener);
		t.clock.advance(20);
		t.pacer.frameDrawn();
		// A second draw (a key's re-render) long after is not the frame's cost.
		t.clock.advance(400);
		t.pacer.frameDrawn();
		expect(t.pacer.intervalMs).toBe(40);
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

	/**
	 * Ten seconds of a store publishing every 10 ms while other work takes `otherLoad` of the core and
	 * each frame costs `cost` ms; time moves on by a frame's cost while it draws. Returns the shares
	 * of the core taken by frames and by the other work.
	 */
	function simulate(otherLoad: number, cost: number): { render: number; other: number } {
		const clock = new ManualClock(0);
		let drawing = 0;
		let busy = 0;
		let rendered = 0;
		const now = () => clock.now() + drawing;
		const pacer = new FramePacer({
			now,
			busyMs: () => busy,
			setTimer: (callback, ms) => clock.setTimeout(callback, ms),
			clearTimer: (timer) => clock.clearTimeout(timer as ReturnType<ManualClock["setTimeout"]>),
		});
		const render = () => {
			drawing += cost;
			busy += cost;
			rendered += cost;
			pacer.frameDrawn();
		};
		let other = 0;
		while (now() < 10_000) {
			pacer.notify(render);
			clock.advance(10);
			busy += 10 * otherLoad;
			other += 10 * otherLoad;
		}
		return { render: rendered / now(), other: other / now() };
	}

	it("gives frames about as much of the core as the other work takes, under a flood", () => {
		const { render, other } = simulate(0.45, 40);
		expect(render).toBeGreaterThan(0.3);
		expect(render / (render + other)).toBeLessThanOrEqual(0.52);
	});

	it("keeps a floor for frames when little else runs, and a ceiling", () => {
		expect(simulate(0.02, 40).render).toBeCloseTo(0.2, 1);
		expect(simulate(0.02, 40).render).toBeLessThanOrEqual(0.22);
		// Other work on most of the core: frames still get at most half.
		expect(simulate(0.9, 40).render).toBeLessThanOrEqual(0.52);
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

	it("lets a notification through at once when its news is urgent", () => {
		const t = setup();
		const listeners = new Set<() => void>();
		let news = false;
		const subscribe = t.pacer.pace(
			(listener) => {
				listeners.add(listener);
				return () => listeners.delete(listener);
			},
			() => news,
		);
		subscribe(t.listener);
		const publish = () => {
			for (const l of listeners) l();
		};
		publish();
		t.clock.advance(5);
		publish();
		expect(t.frames()).toBe(1);
		news = true;
		t.clock.advance(5);
		publish();
		expect(t.frames()).toBe(2);
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
