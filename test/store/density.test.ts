/**
 * Density in the store: one row per request (`toggleCompact`), and the per-pane wrap and sideways
 * offset flags published in the snapshot.
 */
import { describe, expect, it } from "vitest";
import { createTailStore } from "../../source/store/store.js";
import type { PaneSnapshot, TailStore } from "../../source/store/types.js";
import { ManualClock } from "../../source/util/clock.js";
import { makeEvent, PROJECT_A } from "./events.js";

function setup(scrollback?: number) {
	const clock = new ManualClock();
	const queue: (() => void)[] = [];
	const store = createTailStore({ clock, schedule: (callback) => queue.push(callback), scrollback });
	store.addProject(PROJECT_A, "a");
	store.setViewport(PROJECT_A, 10);
	const drain = () => {
		for (let guard = 0; queue.length > 0 && guard < 100_000; guard++) queue.shift()?.();
		store.flush();
	};
	return { store, drain };
}

function pane(store: TailStore): PaneSnapshot {
	store.flush();
	const found = store.getSnapshot().panes[0];
	if (found === undefined) throw new Error("no pane");
	return found;
}

const texts = (p: PaneSnapshot): string[] => p.rows.map((row) => row.entry.text);
const cursorText = (p: PaneSnapshot): string | undefined => p.rows.find((row) => row.cursor)?.entry.text;

/** Four events: a 500 with 3 logs and an exception, a 200 with one log, a bare 204, a 200 with 2 logs. */
function ingestIncident(store: TailStore): void {
	store.ingest(
		makeEvent({
			status: 500,
			url: "/checkout",
			logs: ["a1", "a2", "a3"],
			exceptions: [{ name: "TypeError", message: "boom" }],
		}),
	);
	store.ingest(makeEvent({ url: "/b", logs: ["b1"] }));
	store.ingest(makeEvent({ status: 204, url: "/c" }));
	store.ingest(makeEvent({ url: "/d", logs: ["d1", "d2"] }));
}

describe("one row per request", () => {
	it("with only the pane's own filter (F), one row per request it matches, and the hidden count in events", () => {
		const { store, drain } = setup();
		ingestIncident(store);
		store.setPaneFilter(PROJECT_A, "path:/d");
		drain();
		store.toggleCompact();
		drain();
		const compact = pane(store);
		expect(texts(compact)).toEqual(["d1"]);
		// Three requests hidden, of six rows.
		expect(compact.hiddenEvents).toBe(3);
		expect(compact.hidden).toBeGreaterThan(3);
	});

	it("shows one row per event, its first entry, and toggles back", () => {
		const { store } = setup();
		ingestIncident(store);
		expect(texts(pane(store))).toEqual(["a1", "a2", "a3", "TypeError: boom", "b1", "", "d1", "d2"]);
		store.toggleCompact();
		const compact = pane(store);
		expect(compact.compact).toBe(true);
		expect(texts(compact)).toEqual(["a1", "b1", "", "d1"]);
		expect(cursorText(compact)).toBe("d1");
		store.toggleCompact();
		expect(texts(pane(store))).toHaveLength(8);
	});

	it("moves, pages and jumps by events; e goes past the event under the cursor", () => {
		const { store } = setup();
		ingestIncident(store);
		store.ingest(makeEvent({ url: "/e", logs: ["e1"], exceptions: [{ name: "RangeError", message: "r" }] }));
		store.toggleCompact();
		store.toTop();
		expect(cursorText(pane(store))).toBe("a1");
		store.moveCursor(1);
		expect(cursorText(pane(store))).toBe("b1");
		store.previousException();
		expect(cursorText(pane(store))).toBe("a1");
		// The cursor's event holds the first exception: e goes on to the next event's.
		store.nextException();
		expect(cursorText(pane(store))).toBe("e1");
		expect(store.selectedEntry()?.event?.request?.path).toBe("/e");
	});

	it("in filter mode, one row per event with a match, and the hidden count says events and rows", () => {
		const { store, drain } = setup();
		ingestIncident(store);
		store.toggleCompact();
		store.setSearch("a", { mode: "filter" });
		drain();
		const p = pane(store);
		// a1, a2, a3 and "TypeError: boom" (no "a"... "TypeError" has none) match in the first event only.
		expect(texts(p)).toEqual(["a1"]);
		expect(p.hiddenEvents).toBe(3);
		expect(p.hidden).toBe(5);
	});

	it("stays one row per event while a background search finds matches in slices", () => {
		const queue: (() => void)[] = [];
		const store = createTailStore({
			clock: new ManualClock(),
			schedule: (callback) => queue.push(callback),
			searchSliceMs: 0,
		});
		store.addProject(PROJECT_A, "a");
		store.setViewport(PROJECT_A, 5);
		for (let i = 0; i < 3000; i++) store.ingest(makeEvent({ logs: [`x ${i}.1`, `x ${i}.2`, `y ${i}`] }));
		store.toggleCompact();
		store.setSearch("x", { mode: "filter" });
		let slices = 0;
		while (queue.length > 0) {
			queue.shift()?.();
			slices++;
			const rows = pane(store).rows;
			// Never two rows of one event, whatever part of the scan has run.
			const events = rows.map((row) => row.entry.event);
			expect(new Set(events).size).toBe(events.length);
		}
		expect(slices).toBeGreaterThan(1);
		store.toTop();
		expect(cursorText(pane(store))).toBe("x 0.1");
		store.nextMatch();
		expect(cursorText(pane(store))).toBe("x 1.1");
		store.moveCursor(1);
		expect(cursorText(pane(store))).toBe("x 2.1");
		expect(pane(store).hiddenEvents).toBe(0);
		expect(pane(store).hidden).toBe(3000);
	});

	it("in find mode, a row matches when any entry of its event does, and shows that entry", () => {
		const { store, drain } = setup();
		ingestIncident(store);
		store.toggleCompact();
		store.setSearch("boom");
		drain();
		const [first, ...others] = pane(store).rows;
		expect(first?.entry.text).toBe("a1");
		expect(first?.match).toBe(true);
		expect(first?.shown?.text).toBe("TypeError: boom");
		expect(first?.ranges).toEqual([[11, 15]]);
		expect(others.map((row) => row.match)).toEqual([false, false, false]);
		expect(others.every((row) => row.shown === undefined)).toBe(true);
	});

	it("counts new rows below as events and their entries", () => {
		const { store } = setup();
		ingestIncident(store);
		store.setViewport(PROJECT_A, 3);
		store.toggleCompact();
		store.moveCursor(-1);
		store.ingest(makeEvent({ logs: ["f1", "f2", "f3"] }));
		store.ingest(makeEvent({ logs: ["g1"] }));
		const p = pane(store);
		expect(p.newBelow).toBe(2);
		expect(p.newBelowRows).toBe(4);
	});

	it("counts events and rows since a pause", () => {
		const { store } = setup();
		ingestIncident(store);
		store.toggleCompact();
		store.togglePause();
		store.ingest(makeEvent({ logs: ["f1", "f2", "f3"] }));
		const p = pane(store);
		expect(p.pausedNew).toBe(3);
		expect(p.pausedNewEvents).toBe(1);
		expect(texts(p)).toEqual(["a1", "b1", "", "d1"]);
	});

	it("a paused pane made compact collapses its frozen rows, and back gets them again", () => {
		const { store } = setup();
		ingestIncident(store);
		store.togglePause();
		pane(store);
		store.toggleCompact();
		expect(texts(pane(store))).toEqual(["a1", "b1", "", "d1"]);
		store.toggleCompact();
		expect(texts(pane(store))).toEqual(["a1", "a2", "a3", "TypeError: boom", "b1", "", "d1", "d2"]);
	});

	it("a pane paused while compact shows every row of the frozen events when made full", () => {
		const { store } = setup();
		ingestIncident(store);
		store.toggleCompact();
		store.toTop();
		store.moveCursor(1);
		store.togglePause();
		store.ingest(makeEvent({ logs: ["late"] }));
		expect(cursorText(pane(store))).toBe("b1");
		store.toggleCompact();
		const p = pane(store);
		// Nothing that arrived after the pause, and the cursor on the same entry.
		expect(texts(p)).toEqual(["a1", "a2", "a3", "TypeError: boom", "b1", "", "d1", "d2"]);
		expect(cursorText(p)).toBe("b1");
	});

	it("keeps one row per event as the oldest entries are evicted mid-event", () => {
		const { store } = setup(5);
		store.toggleCompact();
		pane(store);
		store.ingest(makeEvent({ logs: ["a1", "a2", "a3"] }));
		store.ingest(makeEvent({ logs: ["b1", "b2"] }));
		expect(texts(pane(store))).toEqual(["a1", "b1"]);
		store.ingest(makeEvent({ logs: ["c1"] }));
		// a1 went: a2 now begins the first event's row.
		expect(texts(pane(store))).toEqual(["a2", "b1", "c1"]);
		store.ingest(makeEvent({ logs: ["d1", "d2", "d3"] }));
		expect(texts(pane(store))).toEqual(["b2", "c1", "d1"]);
	});
});

describe("wrap and sideways offset", () => {
	it("are per pane, published, and do not mix", () => {
		const { store } = setup();
		ingestIncident(store);
		store.scrollSideways(1);
		store.scrollSideways(1);
		expect(pane(store).offset).toBe(20);
		store.scrollSideways(-5);
		expect(pane(store).offset).toBe(0);
		store.scrollSideways(3);
		store.toggleWrap();
		let p = pane(store);
		expect(p.wrap).toBe(true);
		expect(p.offset).toBe(0);
		store.scrollSideways(1);
		store.flush();
		expect(store.getSnapshot().notice).toContain("W unwraps");
		store.toggleWrap();
		p = pane(store);
		expect(p.offset).toBe(30);
		store.scrollSideways(0);
		expect(pane(store).offset).toBe(0);
	});
});
