/**
 * The scrollback's byte budget (issue 13, item 8): fat events are dropped oldest-first from the pane
 * that holds the most, the pane says so, the newest stay, and a huge message costs one copy.
 */
import { describe, expect, it } from "vitest";
import { ENTRY_OVERHEAD_BYTES, entryBytes, MAX_ROW_TEXT } from "../../source/store/entries.js";
import { RingBuffer } from "../../source/store/ring-buffer.js";
import { createTailStore } from "../../source/store/store.js";
import type { PaneSnapshot, TailStore } from "../../source/store/types.js";
import { ManualClock } from "../../source/util/clock.js";
import { makeEvent, PROJECT_A, PROJECT_B } from "./events.js";

const KB = 1024;
const MB = 1024 * KB;

function store(memoryBytes?: number): TailStore {
	return createTailStore({
		clock: new ManualClock(),
		schedule: () => {},
		...(memoryBytes === undefined ? {} : { memoryBytes }),
	});
}

function pane(s: TailStore, id = PROJECT_A): PaneSnapshot {
	s.setViewport(id, 5);
	s.flush();
	const found = s.getSnapshot().panes.find((p) => p.id === id);
	if (found === undefined) throw new Error(`no pane ${id}`);
	return found;
}

const fat = (n: number, size: number, project = PROJECT_A) =>
	makeEvent({ project, url: `https://shop.example/fat-${n}`, logs: [`${n} ${"x".repeat(size)}`] });

describe("the memory budget", () => {
	it("drops the oldest fat events early, says so, and keeps the newest", () => {
		const s = store(4 * MB);
		for (let n = 0; n < 100; n++) s.ingest(fat(n, 200 * KB));
		const p = pane(s);
		// 100 events of ~400 KB (JSON plus the row's text) cannot fit in 4 MB: most went early.
		expect(p.evictedForMemory).toBeGreaterThan(80);
		expect(p.evicted).toBe(p.evictedForMemory);
		expect(p.size + p.evicted).toBe(100);
		// The newest is always held.
		expect(p.rows.at(-1)?.entry.text.startsWith("99 ")).toBe(true);
	});

	it("without a budget only the scrollback capacity evicts", () => {
		const s = store();
		for (let n = 0; n < 100; n++) s.ingest(fat(n, 50 * KB));
		const p = pane(s);
		expect(p.evictedForMemory).toBe(0);
		expect(p.size).toBe(100);
	});

	it("takes from the pane that holds the most, not from a quiet one", () => {
		const s = store(8 * MB);
		for (let n = 0; n < 20; n++) s.ingest(makeEvent({ project: PROJECT_B, logs: [`small ${n}`] }));
		for (let n = 0; n < 200; n++) s.ingest(fat(n, 100 * KB));
		expect(pane(s, PROJECT_B).evictedForMemory).toBe(0);
		expect(pane(s, PROJECT_B).size).toBe(20);
		expect(pane(s).evictedForMemory).toBeGreaterThan(0);
	});

	it("under memory pressure sheds half, counted as dropped for memory", () => {
		const s = store();
		for (let n = 0; n < 64; n++) s.ingest(fat(n, 10 * KB));
		const before = pane(s).size;
		const dropped = s.shedScrollback();
		const after = pane(s);
		expect(dropped).toBe(before / 2);
		expect(after.size).toBe(before - dropped);
		expect(after.evictedForMemory).toBe(dropped);
	});

	it("a huge message is cut for its row; the event keeps it whole for the detail view", () => {
		const s = store();
		const event = fat(1, 3 * MB);
		s.ingest(event);
		const row = pane(s).rows.at(-1);
		expect(row?.entry.text.length).toBe(MAX_ROW_TEXT);
		expect(row?.entry.text.endsWith("…")).toBe(true);
		expect(row?.entry.event?.logs[0]?.text.length).toBe(3 * MB + 2);
		// The row's weight counts the JSON once, plus the cut text.
		const entry = row?.entry;
		if (entry === undefined) throw new Error("no row");
		expect(entryBytes(entry)).toBe(ENTRY_OVERHEAD_BYTES + 2 * MAX_ROW_TEXT + (entry.event?.json.length ?? 0));
	});
});

describe("RingBuffer.dropOldest", () => {
	it("drops from the start before the capacity would, keeping the newest", () => {
		const ring = new RingBuffer<number>(10);
		for (let i = 0; i < 6; i++) ring.push(i);
		const seen: number[] = [];
		expect(ring.dropOldest(4, 1, (item) => seen.push(item))).toBe(4);
		expect(seen).toEqual([0, 1, 2, 3]);
		expect(ring.start).toBe(4);
		expect(ring.has(3)).toBe(false);
		expect(ring.at(4)).toBe(4);
		// Keeps `keep` newest whatever is asked.
		expect(ring.dropOldest(10, 1, () => {})).toBe(1);
		expect(ring.size).toBe(1);
		// Wrapping past the capacity afterwards evicts as usual.
		for (let i = 6; i < 30; i++) ring.push(i);
		expect(ring.start).toBe(20);
		expect(ring.slice(0, 30)).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
	});
});
