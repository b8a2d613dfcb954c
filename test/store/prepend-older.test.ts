/**
 * `prependOlder`: older history put in front of a pane's rows. The view must not move, the exception
 * index, search, counters and memory stay right, and a full pane (capacity or byte budget) takes only
 * the newest events that fit. Ends with seeded random interleavings of appends, prepends and sheds.
 */
import { describe, expect, it } from "vitest";
import type { TailEvent } from "../../source/model/types.js";
import { entryBytes } from "../../source/store/entries.js";
import { LogModel } from "../../source/store/log-model.js";
import type { PaneState } from "../../source/store/pane-state.js";
import { RingBuffer } from "../../source/store/ring-buffer.js";
import { createTailStore } from "../../source/store/store.js";
import type { PaneSnapshot, StoreOptions, TailStore } from "../../source/store/types.js";
import { ManualClock } from "../../source/util/clock.js";
import { makeEvent, numberedEvents, PROJECT_A, PROJECT_B } from "./events.js";

/** A store on a manual clock with a search scheduler the test drains by hand. */
function setup(options: StoreOptions = {}) {
	const clock = new ManualClock();
	const queue: (() => void)[] = [];
	const store = createTailStore({ clock, schedule: (callback) => queue.push(callback), ...options });
	return {
		store,
		queue,
		/** Runs every queued search slice (and those they queue), then publishes. */
		drain() {
			for (let guard = 0; queue.length > 0 && guard < 100_000; guard++) queue.shift()?.();
			store.flush();
		},
	};
}

function pane(store: TailStore, id = PROJECT_A): PaneSnapshot {
	store.flush();
	const found = store.getSnapshot().panes.find((p) => p.id === id);
	if (found === undefined) throw new Error(`no pane ${id}`);
	return found;
}

const texts = (p: PaneSnapshot): string[] => p.rows.map((row) => row.entry.text);
const cursorIndex = (p: PaneSnapshot): number => p.rows.findIndex((row) => row.cursor);
const cursorText = (store: TailStore): string | undefined => store.selectedEntry()?.text;

function ingestAll(store: TailStore, events: readonly TailEvent[]): void {
	for (const event of events) store.ingest(event);
}

/** Every row of the pane, top to bottom (the viewport made as tall as the buffer, following). */
function allRows(store: TailStore, id = PROJECT_A): PaneSnapshot["rows"] {
	store.setViewport(id, 1_000_000);
	store.toBottom();
	return pane(store, id).rows;
}

describe("prependOlder keeps the view", () => {
	it("keeps the row under the cursor and the top row where they are on screen", () => {
		const { store } = setup();
		ingestAll(store, numberedEvents(100, "new"));
		store.setViewport(PROJECT_A, 10);
		store.moveCursor(-45);
		store.moveCursor(5);
		const before = pane(store);
		expect(before.follow).toBe(false);
		expect(cursorIndex(before)).toBe(5);
		expect(cursorText(store)).toBe("new 59");

		expect(store.prependOlder(PROJECT_A, numberedEvents(30, "old"))).toBe(30);
		const after = pane(store);
		expect(texts(after)).toEqual(texts(before));
		expect(cursorIndex(after)).toBe(5);
		expect(cursorText(store)).toBe("new 59");
		expect(after.follow).toBe(false);
		expect(after.size).toBe(130);
		expect(after.totals.events).toBe(130);
		expect(after.newBelow).toBe(before.newBelow);

		// The new rows are above: the top is now the oldest loaded, and moving up crosses the seam.
		store.moveCursor(-60);
		expect(cursorText(store)).toBe("old 29");
		store.toTop();
		expect(cursorText(store)).toBe("old 0");
	});

	it("keeps the view at the very top (the loader's usual case): the old first row stays put", () => {
		const { store } = setup();
		ingestAll(store, numberedEvents(40, "new"));
		store.setViewport(PROJECT_A, 8);
		store.toTop();
		const before = pane(store);
		expect(store.prependOlder(PROJECT_A, numberedEvents(5, "old"))).toBe(5);
		const after = pane(store);
		expect(texts(after)).toEqual(texts(before));
		expect(cursorText(store)).toBe("new 0");
		store.moveCursor(-1);
		expect(cursorText(store)).toBe("old 4");
	});

	it("keeps an anchored view on a row still held when rows were shed in the same frame", () => {
		const { store } = setup();
		ingestAll(store, numberedEvents(20, "new"));
		store.setViewport(PROJECT_A, 5);
		store.toTop();
		store.flush();
		expect(store.shedScrollback()).toBe(10);
		// No publish in between: the view still names the index of "new 0", which older rows may reuse.
		expect(store.prependOlder(PROJECT_A, numberedEvents(4, "old"))).toBe(4);
		expect(cursorText(store)).toBe("new 10");
		expect(texts(pane(store))[0]).toBe("new 10");
	});

	it("leaves a following pane following at the bottom", () => {
		const { store } = setup();
		ingestAll(store, numberedEvents(20, "new"));
		store.setViewport(PROJECT_A, 5);
		const before = pane(store);
		expect(before.follow).toBe(true);
		expect(store.prependOlder(PROJECT_A, numberedEvents(10, "old"))).toBe(10);
		const after = pane(store);
		expect(after.follow).toBe(true);
		expect(texts(after)).toEqual(texts(before));
		expect(after.newBelow).toBe(0);
		store.ingest(makeEvent({ logs: ["live"] }));
		expect(texts(pane(store)).at(-1)).toBe("live");
		expect(pane(store).follow).toBe(true);
	});

	it("leaves a paused pane paused on its frozen rows", () => {
		const { store } = setup();
		ingestAll(store, numberedEvents(20, "new"));
		store.setViewport(PROJECT_A, 5);
		store.moveCursor(-2);
		store.togglePause();
		const before = pane(store);
		expect(before.paused).toBe(true);
		expect(store.prependOlder(PROJECT_A, numberedEvents(10, "old"))).toBe(10);
		const after = pane(store);
		expect(after.paused).toBe(true);
		expect(texts(after)).toEqual(texts(before));
		expect(cursorIndex(after)).toBe(cursorIndex(before));
		expect(after.pausedNew).toBe(0);
		store.ingest(makeEvent({ logs: ["live"] }));
		expect(pane(store).pausedNew).toBe(1);
		store.togglePause();
		expect(pane(store).paused).toBe(false);
		expect(allRows(store).map((row) => row.entry.text)[0]).toBe("old 0");
	});

	it("gives the new rows seqs that ascend top to bottom, below every seq given so far", () => {
		const { store } = setup();
		ingestAll(store, numberedEvents(5, "a"));
		ingestAll(store, numberedEvents(5, "b", PROJECT_B));
		store.prependOlder(PROJECT_A, numberedEvents(3, "old a"));
		store.prependOlder(PROJECT_B, numberedEvents(3, "old b", PROJECT_B));
		store.prependOlder(PROJECT_A, numberedEvents(2, "older a"));
		const seqs: number[] = [];
		for (const id of [PROJECT_A, PROJECT_B]) {
			const rows = allRows(store, id);
			for (let i = 1; i < rows.length; i++) {
				expect((rows[i]?.entry.seq as number) > (rows[i - 1]?.entry.seq as number)).toBe(true);
			}
			seqs.push(...rows.map((row) => row.entry.seq));
		}
		expect(new Set(seqs).size).toBe(seqs.length);
		expect(allRows(store, PROJECT_A).map((row) => row.entry.text)).toEqual([
			"older a 0",
			"older a 1",
			"old a 0",
			"old a 1",
			"old a 2",
			"a 0",
			"a 1",
			"a 2",
			"a 3",
			"a 4",
		]);
	});
});

describe("prependOlder with a search", () => {
	const withCheckout = (n: number, every: number, prefix: string): TailEvent[] =>
		Array.from({ length: n }, (_, i) =>
			makeEvent({ logs: [i % every === 0 ? `${prefix} checkout ${i}` : `${prefix} plain ${i}`] }),
		);

	it("matches the new rows of a finished search at once; n and N cross the seam", () => {
		const { store, drain } = setup();
		ingestAll(store, withCheckout(50, 10, "new"));
		store.setViewport(PROJECT_A, 10);
		store.setSearch("checkout");
		drain();
		expect(store.getSnapshot().search).toMatchObject({ matchCount: 5, pending: false });
		expect(store.prependOlder(PROJECT_A, withCheckout(20, 4, "old"))).toBe(20);
		store.flush();
		expect(store.getSnapshot().search).toMatchObject({ matchCount: 10, pending: false });
		// From the oldest match before the seam, N goes to the newest loaded match.
		store.toTop();
		expect(cursorText(store)).toBe("old checkout 0");
		for (let i = 0; i < 4; i++) store.nextMatch();
		expect(cursorText(store)).toBe("old checkout 16");
		store.nextMatch();
		expect(cursorText(store)).toBe("new checkout 0");
		store.previousMatch();
		expect(cursorText(store)).toBe("old checkout 16");
		store.flush();
		expect(store.getSnapshot().search?.matchIndex).toBe(5);
	});

	it("lets a running scan go on over the new rows", () => {
		const { store, drain } = setup();
		ingestAll(store, withCheckout(50, 10, "new"));
		store.setSearch("checkout");
		store.flush();
		expect(store.getSnapshot().search?.pending).toBe(true);
		store.prependOlder(PROJECT_A, withCheckout(20, 4, "old"));
		drain();
		expect(store.getSnapshot().search).toMatchObject({ matchCount: 10, pending: false });
	});

	it("leaves what a large batch holds beyond a slice to the background scan", () => {
		const { store, drain } = setup({ scrollback: 12_000 });
		ingestAll(store, withCheckout(10, 10, "new"));
		store.setSearch("checkout");
		drain();
		expect(store.prependOlder(PROJECT_A, withCheckout(10_000, 100, "old"))).toBe(10_000);
		store.flush();
		const partial = store.getSnapshot().search;
		expect(partial?.pending).toBe(true);
		expect(partial?.matchCount).toBeGreaterThan(1);
		expect(partial?.matchCount).toBeLessThan(101);
		drain();
		expect(store.getSnapshot().search).toMatchObject({ matchCount: 101, pending: false });
	});

	it("in filter mode shows the new matches and counts the new hidden rows", () => {
		const { store, drain } = setup();
		ingestAll(store, withCheckout(30, 10, "new"));
		store.setViewport(PROJECT_A, 20);
		store.setSearch("checkout", { mode: "filter" });
		drain();
		expect(pane(store).hidden).toBe(27);
		store.prependOlder(PROJECT_A, withCheckout(8, 4, "old"));
		const p = pane(store);
		expect(texts(p)).toEqual([
			"old checkout 0",
			"old checkout 4",
			"new checkout 0",
			"new checkout 10",
			"new checkout 20",
		]);
		expect(p.hidden).toBe(33);
	});
});

describe("prependOlder and exceptions", () => {
	it("indexes new exception rows: [ and ] and the overlay list cross the seam", () => {
		const { store } = setup();
		const boom = (label: string): TailEvent =>
			makeEvent({ status: 500, logs: [label], exceptions: [{ name: "Error", message: label }] });
		ingestAll(store, [boom("new 0"), ...numberedEvents(5, "new plain"), boom("new 1"), makeEvent()]);
		store.setViewport(PROJECT_A, 5);
		expect(
			store.prependOlder(PROJECT_A, [boom("old 0"), ...numberedEvents(3, "old plain"), boom("old 1")]),
		).toBe(5);
		const p = pane(store);
		expect(p.totals).toEqual({ events: 13, serverErrors: 4, exceptions: 4 });
		expect(p.exceptionsHeld).toBe(4);
		expect(p.exceptionsEvicted).toBe(0);
		expect(store.exceptionsOf(PROJECT_A).map((entry) => entry.text)).toEqual([
			"Error: old 0",
			"Error: old 1",
			"Error: new 0",
			"Error: new 1",
		]);
		store.previousException();
		expect(cursorText(store)).toBe("Error: new 1");
		store.previousException();
		expect(cursorText(store)).toBe("Error: new 0");
		store.previousException();
		expect(cursorText(store)).toBe("Error: old 1");
		store.previousException();
		expect(cursorText(store)).toBe("Error: old 0");
		store.nextException();
		expect(cursorText(store)).toBe("Error: old 1");
		store.nextException();
		expect(cursorText(store)).toBe("Error: new 0");
	});
});

describe("prependOlder when the pane is full", () => {
	it("takes only the newest events that fit in free capacity, and none when full", () => {
		const { store } = setup({ scrollback: 50 });
		ingestAll(store, numberedEvents(45, "new"));
		expect(store.prependOlder(PROJECT_A, numberedEvents(10, "old"))).toBe(5);
		const rows = allRows(store).map((row) => row.entry.text);
		expect(rows.slice(0, 6)).toEqual(["old 5", "old 6", "old 7", "old 8", "old 9", "new 0"]);
		expect(pane(store)).toMatchObject({ size: 50, evicted: 0 });
		expect(pane(store).totals.events).toBe(50);
		expect(store.prependOlder(PROJECT_A, numberedEvents(3, "older"))).toBe(0);
		expect(pane(store).size).toBe(50);
	});

	it("takes whole events only: the newest event that does not fit stops it", () => {
		const { store } = setup({ scrollback: 10 });
		ingestAll(store, numberedEvents(8, "new"));
		const big = makeEvent({ logs: ["a", "b", "c"] });
		expect(store.prependOlder(PROJECT_A, [makeEvent({ logs: ["small"] }), big])).toBe(0);
		expect(store.prependOlder(PROJECT_A, [big, makeEvent({ logs: ["x", "y"] })])).toBe(1);
		expect(pane(store).size).toBe(10);
	});

	it("keeps within the memory budget and counts bytes exactly", () => {
		const host = { touch: () => {}, added: () => {}, now: () => 0, rateTime: () => 0 };
		const older = numberedEvents(10, "old");
		// What three of the older events cost, measured on an unlimited model.
		const probe = new LogModel(host, 100);
		const probePane = probe.pane(PROJECT_A, "live");
		probe.prependOlder(probePane, older.slice(7));
		const three = probe.memory.bytes;

		const unlimited = new LogModel(host, 100);
		const live = numberedEvents(20, "new");
		for (const event of live) unlimited.append(unlimited.pane(PROJECT_A, "live"), event);
		const budget = unlimited.memory.bytes + three + 10;

		const model = new LogModel(host, 100, budget);
		const p = model.pane(PROJECT_A, "live");
		for (const event of live) model.append(p, event);
		expect(model.prependOlder(p, older)).toBe(3);
		expect(model.memory.bytes).toBeLessThanOrEqual(budget);
		expect(model.memory.bytes).toBe(heldBytes(p));
		expect(p.bytes).toBe(heldBytes(p));
		expect(p.ring.at(p.ring.start)?.text).toBe("old 7");
		// New arrivals past the budget shed the oldest rows first: the loaded ones.
		for (const event of numberedEvents(5, "more")) model.append(p, event);
		expect(model.memory.bytes).toBeLessThanOrEqual(budget);
		expect(model.memory.bytes).toBe(heldBytes(p));
		expect(p.ring.at(p.ring.start)?.text.startsWith("old")).toBe(false);
	});
});

describe("oldestTime and olderState", () => {
	it("gives the event time of the oldest event row, skipping marker rows", () => {
		const { store } = setup();
		expect(store.oldestTime(PROJECT_A)).toBeNull();
		store.gap(PROJECT_A, { start: Date.UTC(2026, 0, 2), end: Date.UTC(2026, 0, 2, 0, 1), cause: "503" });
		expect(store.oldestTime(PROJECT_A)).toBeNull();
		store.ingest(makeEvent({ logs: ["new"], time: "2026-01-01T10:00:00.000Z" }));
		expect(store.oldestTime(PROJECT_A)).toBe(Date.UTC(2026, 0, 1, 10));
		store.prependOlder(PROJECT_A, [
			makeEvent({ logs: ["older"], time: "2026-01-01T08:00:00.000Z" }),
			makeEvent({ logs: ["old"], time: "2026-01-01T09:00:00.000Z" }),
		]);
		expect(store.oldestTime(PROJECT_A)).toBe(Date.UTC(2026, 0, 1, 8));
	});

	it("exposes the older-history state in the pane snapshot", () => {
		const { store } = setup();
		store.ingest(makeEvent());
		expect(pane(store).olderState).toBe("idle");
		store.setOlderState(PROJECT_A, "loading");
		expect(pane(store).olderState).toBe("loading");
		store.setOlderState(PROJECT_A, "exhausted");
		expect(pane(store).olderState).toBe("exhausted");
		store.setOlderState(PROJECT_B, "off");
		expect(pane(store, PROJECT_B).olderState).toBe("off");
		store.removeProject(PROJECT_B);
		store.setOlderState(PROJECT_B, "idle");
		expect(store.prependOlder(PROJECT_B, numberedEvents(2, "x", PROJECT_B))).toBe(0);
		store.flush();
		expect(store.getSnapshot().panes.some((p) => p.id === PROJECT_B)).toBe(false);
	});
});

describe("RingBuffer.unshift", () => {
	it("grows in front below index 0 while there is room; a full buffer takes nothing", () => {
		const ring = new RingBuffer<string>(40);
		for (let i = 0; i < 20; i++) ring.push(`n${i}`);
		for (let i = 0; i < 20; i++) expect(ring.unshift(`o${i}`)).toBe(true);
		expect([ring.start, ring.end, ring.size, ring.evicted]).toEqual([-20, 20, 40, 0]);
		expect(ring.unshift("x")).toBe(false);
		expect(ring.at(-1)).toBe("o0");
		expect(ring.at(-20)).toBe("o19");
		expect(ring.at(0)).toBe("n0");
		expect(ring.push("n20")).toBe("o19");
		expect([ring.start, ring.evicted]).toEqual([-19, 1]);
		expect(ring.slice(-19, -17)).toEqual(["o18", "o17"]);
		expect(ring.last()).toBe("n20");
	});
});

/** What the held entries of a pane cost, counted afresh. */
function heldBytes(p: PaneState): number {
	let bytes = 0;
	for (let i = p.ring.start; i < p.ring.end; i++)
		bytes += entryBytes(p.ring.at(i) as NonNullable<ReturnType<typeof p.ring.at>>);
	return bytes;
}

/** A small seeded PRNG (mulberry32) so random interleavings are reproducible. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe("random interleavings of appends and prepends", () => {
	/** An event of 1-3 log rows and sometimes an exception, labelled uniquely. */
	function randomEvent(random: () => number, label: string): TailEvent {
		const logs = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) =>
			random() < 0.2 ? `${label}.${i} hit` : `${label}.${i}`,
		);
		const exceptions = random() < 0.2 ? [{ name: "E", message: `${label} hit` }] : [];
		return makeEvent({ logs, exceptions, status: random() < 0.1 ? 503 : 200 });
	}
	const rowsOf = (event: TailEvent): string[] => [
		...event.logs.map((log) => log.text),
		...event.exceptions.map((e) => `${e.name}: ${e.message}`),
	];

	for (const seed of [1, 2, 3, 4, 5]) {
		it(`keeps the buffer, indexes, counts and view consistent (seed ${seed})`, () => {
			const random = prng(seed);
			const capacity = 60;
			const { store, drain } = setup({ scrollback: capacity });
			store.ingest(makeEvent({ logs: ["first"] }));
			store.setSearch("hit");
			/** The rows the pane should hold, top to bottom. */
			let expected: string[] = ["first"];
			let events = 1;
			let n = 0;
			for (let step = 0; step < 300; step++) {
				const op = random();
				if (op < 0.4) {
					const event = randomEvent(random, `live${n++}`);
					store.ingest(event);
					events++;
					expected.push(...rowsOf(event));
					if (expected.length > capacity) expected = expected.slice(expected.length - capacity);
				} else if (op < 0.75) {
					const batch = Array.from({ length: Math.floor(random() * 6) }, () =>
						randomEvent(random, `old${n++}`),
					);
					// The model's own rule: newest first while whole events fit.
					let free = capacity - expected.length;
					let fit = 0;
					for (let i = batch.length - 1; i >= 0; i--) {
						const rows = rowsOf(batch[i] as TailEvent).length;
						if (rows > free) break;
						free -= rows;
						fit++;
					}
					const view = pane(store);
					const viewCursor = cursorIndex(view);
					const taken = store.prependOlder(PROJECT_A, batch);
					expect(taken).toBe(fit);
					events += taken;
					expected = [...batch.slice(batch.length - taken).flatMap(rowsOf), ...expected];
					// Whatever the view showed, it still shows (a window that was full).
					const after = pane(store);
					if (view.rows.length === after.rows.length) {
						expect(texts(after)).toEqual(texts(view));
						expect(cursorIndex(after)).toBe(viewCursor);
					}
				} else if (op < 0.8) {
					store.shedScrollback();
					expected = expected.slice(Math.floor(expected.length / 2));
				} else if (op < 0.9) {
					store.setViewport(PROJECT_A, 1 + Math.floor(random() * 12));
					store.moveCursor(Math.floor(random() * 21) - 10);
				} else if (op < 0.95) {
					store.togglePause();
				} else {
					drain();
				}
				// The window is a contiguous run of the expected rows.
				const shown = texts(pane(store));
				if (shown.length > 0 && !pane(store).paused) {
					const at = expected.indexOf(shown[0] as string);
					expect(at).toBeGreaterThanOrEqual(0);
					expect(expected.slice(at, at + shown.length)).toEqual(shown);
				}
			}
			if (pane(store).paused) store.togglePause();
			drain();
			const p = pane(store);
			expect(p.size).toBe(expected.length);
			expect(p.totals.events).toBe(events);
			const rows = allRows(store);
			expect(rows.map((row) => row.entry.text)).toEqual(expected);
			for (let i = 1; i < rows.length; i++) {
				expect((rows[i]?.entry.seq as number) > (rows[i - 1]?.entry.seq as number)).toBe(true);
			}
			expect(store.exceptionsOf(PROJECT_A).map((entry) => entry.text)).toEqual(
				expected.filter((text) => text.startsWith("E: ")),
			);
			const hits = expected.filter((text) => text.includes("hit")).length;
			expect(store.getSnapshot().search).toMatchObject({ matchCount: hits, pending: false });
			expect(rows.filter((row) => row.match).length).toBe(hits);
		});
	}

	it("keeps memory accounting and the exception index exact on the log model (budget)", () => {
		const random = prng(99);
		const host = { touch: () => {}, added: () => {}, now: () => 0, rateTime: () => 0 };
		const budget = 40_000;
		const model = new LogModel(host, 80, budget);
		const p = model.pane(PROJECT_A, "live");
		let n = 0;
		for (let step = 0; step < 400; step++) {
			const op = random();
			if (op < 0.45) model.append(p, randomEvent(random, `live${n++}`));
			else if (op < 0.9) {
				const batch = Array.from({ length: Math.floor(random() * 5) }, () =>
					randomEvent(random, `old${n++}`),
				);
				model.prependOlder(p, batch);
			} else model.evictOldestHalf();
			expect(model.memory.bytes).toBe(heldBytes(p));
			expect(model.memory.bytes).toBeLessThanOrEqual(budget);
			expect(p.ring.size).toBeLessThanOrEqual(80);
			p.prune();
			const exceptionRows: number[] = [];
			for (let i = p.ring.start; i < p.ring.end; i++)
				if (p.ring.at(i)?.kind === "exception") exceptionRows.push(i);
			expect(p.exceptionIndex.toArray()).toEqual(exceptionRows);
		}
	});
});
