import { describe, expect, it } from "vitest";
import { FrameScheduler, type FrameSchedulerOptions } from "../../source/store/frame-scheduler.js";
import { ManualClock } from "../../source/util/clock.js";

/** A scheduler on a manual clock whose draws are counted (each draw has something new). */
function setup(options: Partial<FrameSchedulerOptions> = {}) {
	const clock = new ManualClock(0);
	let frames = 0;
	let dirty = true;
	const scheduler = new FrameScheduler({ clock, minIntervalMs: 33, ...options }, () => {
		if (!dirty) return false;
		frames++;
		return true;
	});
	return {
		clock,
		scheduler,
		frames: () => frames,
		setDirty: (value: boolean) => {
			dirty = value;
		},
	};
}

describe("FrameScheduler", () => {
	it("draws the first request at once and collapses the rest of the interval into one frame", () => {
		const t = setup();
		t.scheduler.request();
		t.clock.advance(0);
		expect(t.frames()).toBe(1);
		for (let i = 0; i < 10; i++) {
			t.clock.advance(2);
			t.scheduler.request();
		}
		expect(t.frames()).toBe(1);
		t.clock.advance(13);
		expect(t.frames()).toBe(2);
		t.clock.advance(100);
		expect(t.frames()).toBe(2);
	});

	it("stretches the interval only while frames cost more than their budget", () => {
		const t = setup();
		expect(t.scheduler.intervalMs).toBe(33);
		// 10 ms frames at half a core fit in 33 ms: the rate stays.
		for (let i = 0; i < 20; i++) t.scheduler.recordFrame(10);
		expect(t.scheduler.intervalMs).toBe(33);
		for (let i = 0; i < 20; i++) t.scheduler.recordFrame(60);
		expect(t.scheduler.intervalMs).toBeCloseTo(120, 0);
		// A cheap terminal again (resized smaller): back to the floor.
		for (let i = 0; i < 40; i++) t.scheduler.recordFrame(5);
		expect(t.scheduler.intervalMs).toBe(33);
		for (let i = 0; i < 20; i++) t.scheduler.recordFrame(5_000);
		expect(t.scheduler.intervalMs).toBe(1000);
	});

	it("measures a frame whole, from its publish to the renderer's report of it", () => {
		const t = setup();
		t.scheduler.drawNow();
		t.clock.advance(50);
		t.scheduler.frameDrawn();
		expect(t.scheduler.intervalMs).toBeCloseTo(100, 0);
		// A second report (a re-render nobody published for) is not a frame's cost.
		t.clock.advance(400);
		t.scheduler.frameDrawn();
		expect(t.scheduler.intervalMs).toBeCloseTo(100, 0);
	});

	it("ignores reports of draws before any frame, and publishes nothing when nothing changed", () => {
		const t = setup();
		t.clock.advance(500);
		t.scheduler.frameDrawn();
		expect(t.scheduler.intervalMs).toBe(33);
		t.setDirty(false);
		t.scheduler.drawNow();
		t.clock.advance(20);
		t.scheduler.frameDrawn();
		expect(t.scheduler.intervalMs).toBe(33);
	});

	it("answers a key at once (one frame per input chunk), however recent the last frame", async () => {
		const t = setup();
		for (let i = 0; i < 20; i++) t.scheduler.recordFrame(200);
		t.scheduler.drawNow();
		t.clock.advance(5);
		t.scheduler.request();
		t.scheduler.urgent();
		t.scheduler.urgent();
		expect(t.frames()).toBe(1);
		await Promise.resolve();
		expect(t.frames()).toBe(2);
		// The timed frame the key overtook does not fire as a stale extra one.
		t.clock.advance(1000);
		expect(t.frames()).toBe(2);
	});

	it("stops after dispose", async () => {
		const t = setup();
		t.scheduler.request();
		t.scheduler.dispose();
		t.scheduler.urgent();
		await Promise.resolve();
		t.clock.advance(100);
		expect(t.frames()).toBe(0);
		expect(t.clock.pending).toBe(0);
	});

	/**
	 * Ten seconds of changes every 10 ms while other work takes `otherLoad` of the core and each frame
	 * costs `cost` ms; time moves on by a frame's cost while it draws. Returns the shares of the core
	 * taken by frames and by the other work.
	 */
	function simulate(otherLoad: number, cost: number): { render: number; other: number } {
		const base = new ManualClock(0);
		let drawing = 0;
		const clock = {
			now: () => base.now() + drawing,
			setTimeout: (callback: () => void, ms: number) => base.setTimeout(callback, ms),
			clearTimeout: (handle: ReturnType<ManualClock["setTimeout"]>) => base.clearTimeout(handle),
		};
		let busy = 0;
		let rendered = 0;
		const scheduler = new FrameScheduler({ clock, minIntervalMs: 33, busyMs: () => busy }, () => {
			// The renderer draws the published frame right after, then reports it.
			base.setTimeout(() => {
				drawing += cost;
				busy += cost;
				rendered += cost;
				scheduler.frameDrawn();
			}, 0);
			return true;
		});
		let other = 0;
		while (clock.now() < 10_000) {
			scheduler.request();
			base.advance(10);
			busy += 10 * otherLoad;
			other += 10 * otherLoad;
		}
		return { render: rendered / clock.now(), other: other / clock.now() };
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
});
