/**
 * Going to a time at the store: a time the pane holds is a cursor move; a window of history placed
 * in front joins the rows after it, or stands apart with a marker row ("an island", at most one);
 * a full pane makes room by dropping its oldest rows; the header knows the time until G.
 */
import { describe, expect, it } from "vitest";
import type { TailEvent } from "../../source/model/types.js";
import { createTailStore } from "../../source/store/store.js";
import type { PaneSnapshot, StoreOptions, TailStore } from "../../source/store/types.js";
import { ManualClock } from "../../source/util/clock.js";
import { makeEvent, PROJECT_A } from "./events.js";

const base = Date.UTC(2026, 11, 4, 12, 0, 0);
const minute = 60_000;

/** One one-log event at `ms`, its text `tag`. */
function at(ms: number, tag: string): TailEvent {
	return makeEvent({ logs: [tag], time: new Date(ms).toISOString() });
}

/** Events one a minute from `fromMin` (minutes after `base`) for `count` minutes. */
function minutes(fromMin: number, count: number, tag: string): TailEvent[] {
	return Array.from({ length: count }, (_, i) => at(base + (fromMin + i) * minute, `${tag} ${fromMin + i}`));
}

/** Search slices queued here run when a test drains them. */
const slices: (() => void)[] = [];
function drain(): void {
	for (let guard = 0; slices.length > 0 && guard < 10_000; guard++) slices.shift()?.();
}

function setup(options: StoreOptions = {}) {
	const clock = new ManualClock(base + 120 * minute);
	const store = createTailStore({ clock, schedule: (slice) => slices.push(slice), ...options });
	store.addProject(PROJECT_A, "storefront");
	store.setViewport(PROJECT_A, 9);
	return store;
}

function pane(store: TailStore): PaneSnapshot {
	store.flush();
	return store.getSnapshot().panes[0] as PaneSnapshot;
}

/** Every row's text, top to bottom, without moving the view. */
function allTexts(store: TailStore): string[] {
	const out: string[] = [];
	const sizeBefore = pane(store).size;
	store.setViewport(PROJECT_A, 1_000_000);
	const rows = pane(store).rows;
	for (const row of rows) out.push(row.entry.text);
	store.setViewport(PROJECT_A, 9);
	expect(out.length).toBe(sizeBefore);
	return out;
}

describe("go to a time the pane holds", () => {
	it("moves the cursor to the first row at or after it, leaves follow mode, and says where", () => {
		const store = setup();
		for (const event of minutes(60, 30, "live")) store.ingest(event);
		expect(store.planTimeJump(PROJECT_A, base + 70 * minute + 30_000)).toEqual({ load: false });
		expect(store.goToTime(PROJECT_A, base + 70 * minute + 30_000, true)).toBe(true);
		const p = pane(store);
		expect(store.selectedEntry()?.text).toBe("live 71");
		expect(p.follow).toBe(false);
		expect(p.at).toEqual({ ms: base + 70 * minute + 30_000, seconds: true });
		// The row asked for sits a third down the pane.
		expect(p.rows.findIndex((row) => row.cursor)).toBe(3);
		store.toBottom();
		expect(pane(store).at).toBeNull();
		expect(pane(store).follow).toBe(true);
	});

	it("in filter mode lands on the first match at or after it", () => {
		const store = setup();
		for (const event of minutes(60, 30, "live")) store.ingest(event);
		store.setSearch("live 8", { mode: "filter" });
		drain();
		store.goToTime(PROJECT_A, base + 75 * minute);
		expect(store.selectedEntry()?.text).toBe("live 80");
	});

	it("after the newest row: the last row, and says nothing is there", () => {
		const store = setup();
		for (const event of minutes(60, 5, "live")) store.ingest(event);
		expect(store.goToTime(PROJECT_A, base + 100 * minute)).toBe(false);
		expect(store.selectedEntry()?.text).toBe("live 64");
	});

	it("resumes a paused pane to go there", () => {
		const store = setup();
		for (const event of minutes(60, 30, "live")) store.ingest(event);
		store.togglePause();
		store.goToTime(PROJECT_A, base + 62 * minute);
		expect(pane(store).paused).toBe(false);
		expect(store.selectedEntry()?.text).toBe("live 62");
	});
});

describe("go to a time before the pane's oldest row", () => {
	it("asks for a window up to the oldest row; a window that reaches it joins the run", () => {
		const store = setup();
		for (const event of minutes(60, 10, "live")) store.ingest(event);
		expect(store.planTimeJump(PROJECT_A, base + 50 * minute)).toEqual({
			load: true,
			untilMs: base + 60 * minute,
		});
		const window = { events: minutes(45, 15, "old"), reached: true, throughMs: base + 60 * minute };
		expect(store.placeTimeWindow(PROJECT_A, window)).toBe(15);
		store.goToTime(PROJECT_A, base + 50 * minute);
		expect(store.selectedEntry()?.text).toBe("old 50");
		const texts = allTexts(store);
		expect(texts).toEqual([
			...minutes(45, 15, "old").map((e) => e.logs[0]?.text),
			...minutes(60, 10, "live").map((e) => e.logs[0]?.text),
		]);
		// The window is part of the run now: a later time inside it needs nothing.
		expect(store.planTimeJump(PROJECT_A, base + 46 * minute)).toEqual({ load: false });
	});

	it("a window that stops short stands apart, with a marker row for what is not loaded", () => {
		const store = setup();
		for (const event of minutes(100, 10, "live")) store.ingest(event);
		const window = { events: minutes(10, 10, "old"), reached: false, throughMs: base + 20 * minute };
		store.placeTimeWindow(PROJECT_A, window);
		const texts = allTexts(store);
		expect(texts.slice(0, 10)).toEqual(minutes(10, 10, "old").map((e) => e.logs[0]?.text));
		expect(texts[10]).toMatch(/^not loaded: \d\d:\d\d:\d\d – \d\d:\d\d:\d\d \(1 h\)/);
		expect(texts.slice(11)).toEqual(minutes(100, 10, "live").map((e) => e.logs[0]?.text));
		// Inside the island, or after the stretch: nothing to load.
		expect(store.planTimeJump(PROJECT_A, base + 15 * minute)).toEqual({ load: false });
		expect(store.planTimeJump(PROJECT_A, base + 105 * minute)).toEqual({ load: false });
		// Into the stretch not loaded: the island goes, the window is asked up to the run again.
		expect(store.planTimeJump(PROJECT_A, base + 60 * minute)).toEqual({
			load: true,
			untilMs: base + 100 * minute,
		});
		expect(allTexts(store)).toEqual(minutes(100, 10, "live").map((e) => e.logs[0]?.text));
	});

	it("before an island: the island goes first (never two)", () => {
		const store = setup();
		for (const event of minutes(100, 5, "live")) store.ingest(event);
		store.placeTimeWindow(PROJECT_A, {
			events: minutes(50, 5, "mid"),
			reached: false,
			throughMs: base + 55 * minute,
		});
		expect(store.planTimeJump(PROJECT_A, base + 10 * minute)).toEqual({
			load: true,
			untilMs: base + 100 * minute,
		});
		store.placeTimeWindow(PROJECT_A, {
			events: minutes(10, 5, "old"),
			reached: false,
			throughMs: base + 15 * minute,
		});
		const texts = allTexts(store);
		expect(texts.filter((text) => text.startsWith("not loaded"))).toHaveLength(1);
		expect(texts.some((text) => text.startsWith("mid"))).toBe(false);
	});

	it("a full pane drops its oldest rows to make room: the cap holds, and the marker names the stretch", () => {
		const store = setup({ scrollback: 40 });
		for (const event of minutes(60, 40, "live")) store.ingest(event);
		expect(pane(store).size).toBe(40);
		store.placeTimeWindow(PROJECT_A, {
			events: minutes(10, 10, "old"),
			reached: true,
			throughMs: base + 60 * minute,
		});
		const p = pane(store);
		expect(p.size).toBeLessThanOrEqual(40);
		const texts = allTexts(store);
		expect(texts.slice(0, 10)).toEqual(minutes(10, 10, "old").map((e) => e.logs[0]?.text));
		// What was dropped lies between: the window does not join the run any more.
		expect(texts[10]).toMatch(/^not loaded: /);
		expect(texts.at(-1)).toBe("live 99");
		store.goToTime(PROJECT_A, base + 12 * minute);
		expect(store.selectedEntry()?.text).toBe("old 12");
	});
});
