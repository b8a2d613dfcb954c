import { describe, expect, it } from "vitest";
import { initialStatus } from "../../source/model/connection-status.js";
import type { ConnectionStatus } from "../../source/model/types.js";
import { createTailStore } from "../../source/store/store.js";
import type { PaneSnapshot, StoreOptions, TailStore } from "../../source/store/types.js";
import { ManualClock } from "../../source/util/clock.js";
import { makeEvent, numberedEvents, PROJECT_A, PROJECT_B } from "./events.js";

/** A store on a manual clock with a search scheduler the test drains by hand. */
function setup(options: StoreOptions = {}) {
	const clock = new ManualClock();
	const queue: (() => void)[] = [];
	const store = createTailStore({ clock, schedule: (callback) => queue.push(callback), ...options });
	let notifications = 0;
	store.subscribe(() => notifications++);
	return {
		clock,
		store,
		queue,
		notifications: () => notifications,
		/** Runs every queued search slice (and those they queue), then publishes. */
		drain() {
			for (let guard = 0; queue.length > 0 && guard < 100_000; guard++) queue.shift()?.();
			store.flush();
		},
	};
}

function pane(store: TailStore, id = PROJECT_A): PaneSnapshot {
	const found = store.getSnapshot().panes.find((p) => p.id === id);
	if (found === undefined) throw new Error(`no pane ${id}`);
	return found;
}

const texts = (p: PaneSnapshot): string[] => p.rows.map((row) => row.entry.text);
const cursorText = (p: PaneSnapshot): string | undefined => p.rows.find((row) => row.cursor)?.entry.text;

function ingestAll(store: TailStore, events: ReturnType<typeof numberedEvents>): void {
	for (const event of events) store.ingest(event);
}

describe("change notification", () => {
	it("10,000 events in one frame interval give exactly one notification", () => {
		const { store, clock, notifications } = setup();
		ingestAll(store, numberedEvents(10_000));
		expect(notifications()).toBe(0);
		clock.advance(50);
		expect(notifications()).toBe(1);
		expect(pane(store).size).toBe(10_000);
	});

	it("publishes at most once per frame interval however events trickle in", () => {
		const { store, clock, notifications } = setup({ frameIntervalMs: 50 });
		store.ingest(makeEvent());
		clock.advance(0);
		expect(notifications()).toBe(1);
		for (let ms = 0; ms < 49; ms++) {
			store.ingest(makeEvent());
			clock.advance(1);
		}
		expect(notifications()).toBe(1);
		clock.advance(1);
		expect(notifications()).toBe(2);
		expect(pane(store).size).toBe(50);
	});

	it("keeps the snapshot object until a publish changed something", () => {
		const { store, clock, notifications } = setup();
		const first = store.getSnapshot();
		expect(store.getSnapshot()).toBe(first);
		store.flush();
		clock.advance(1000);
		expect(store.getSnapshot()).toBe(first);
		expect(notifications()).toBe(0);
		store.ingest(makeEvent());
		store.flush();
		const second = store.getSnapshot();
		expect(second).not.toBe(first);
		expect(second.version).toBeGreaterThan(first.version);
		expect(notifications()).toBe(1);
		store.flush();
		expect(store.getSnapshot()).toBe(second);
	});

	it("reuses an unchanged pane's snapshot object and bumps the changed pane's version", () => {
		const { store } = setup();
		store.ingest(makeEvent({ project: PROJECT_A }));
		store.ingest(makeEvent({ project: PROJECT_B }));
		store.flush();
		const before = store.getSnapshot();
		store.ingest(makeEvent({ project: PROJECT_A }));
		store.flush();
		const after = store.getSnapshot();
		expect(after.panes[1]).toBe(before.panes[1]);
		expect(after.panes[0]).not.toBe(before.panes[0]);
		expect(after.panes[0]?.version).toBeGreaterThan(before.panes[0]?.version ?? Number.POSITIVE_INFINITY);
	});

	it("key actions publish on the next microtask without waiting for the frame timer", async () => {
		const { store, notifications } = setup();
		store.ingest(makeEvent());
		store.flush();
		store.cycleLayout();
		store.toggleZoom();
		expect(notifications()).toBe(1);
		await Promise.resolve();
		expect(notifications()).toBe(2);
		expect(store.getSnapshot()).toMatchObject({ layout: "columns", zoom: true });
	});

	it("a keep-alive (only bytes and the last byte's time change) publishes nothing; a phase change does", () => {
		const { store, clock, notifications } = setup();
		const live: ConnectionStatus = {
			...initialStatus("live"),
			counters: { ...initialStatus("live").counters, connections: 1 },
		};
		store.status(PROJECT_A, live);
		clock.advance(1000);
		const published = notifications();
		expect(published).toBeGreaterThan(0);
		const first = store.getSnapshot();
		for (let n = 1; n <= 5; n++) {
			store.status(PROJECT_A, {
				...live,
				counters: { ...live.counters, bytes: n * 3, lastByteAt: n * 1000 },
			});
			clock.advance(1000);
		}
		expect(notifications()).toBe(published);
		expect(store.getSnapshot()).toBe(first);
		// A change the header shows (a skipped frame, then a reconnect) is published, with the traffic so far.
		store.status(PROJECT_A, {
			...live,
			counters: {
				...live.counters,
				bytes: 99,
				lastByteAt: 9000,
				skipped: { ...live.counters.skipped, json: 1 },
			},
		});
		clock.advance(1000);
		expect(notifications()).toBe(published + 1);
		expect(pane(store).status.counters).toMatchObject({ bytes: 99, skipped: { json: 1 } });
		store.status(PROJECT_A, { ...pane(store).status, phase: "reconnecting", attempt: 1 });
		clock.advance(1000);
		expect(notifications()).toBeGreaterThan(published + 1);
		expect(pane(store).status.phase).toBe("reconnecting");
	});

	it("stops publishing after dispose", () => {
		const { store, clock, notifications } = setup();
		store.dispose();
		store.ingest(makeEvent());
		clock.advance(1000);
		expect(notifications()).toBe(0);
		expect(clock.pending).toBe(0);
	});
});

describe("follow mode and anchoring", () => {
	function scrolled() {
		const t = setup();
		t.store.addProject(PROJECT_A);
		t.store.setViewport(PROJECT_A, 5);
		ingestAll(t.store, numberedEvents(20));
		t.store.flush();
		return t;
	}

	it("follows the newest entry with the cursor on the last row", () => {
		const { store } = scrolled();
		const p = pane(store);
		expect(texts(p)).toEqual(["line 15", "line 16", "line 17", "line 18", "line 19"]);
		expect(p.follow).toBe(true);
		expect(cursorText(p)).toBe("line 19");
		expect(store.selectedEntry()?.text).toBe("line 19");
	});

	it("moving up anchors: new entries do not move the view and are counted below", () => {
		const { store } = scrolled();
		store.moveCursor(-1);
		store.flush();
		expect(pane(store).follow).toBe(false);
		expect(cursorText(pane(store))).toBe("line 18");
		ingestAll(store, numberedEvents(3, "new"));
		store.flush();
		const p = pane(store);
		expect(texts(p)).toEqual(["line 15", "line 16", "line 17", "line 18", "line 19"]);
		expect(p.newBelow).toBe(3);
		expect(cursorText(p)).toBe("line 18");
		store.toBottom();
		store.flush();
		expect(pane(store)).toMatchObject({ follow: true, newBelow: 0 });
		expect(texts(pane(store))).toEqual(["line 18", "line 19", "new 0", "new 1", "new 2"]);
	});

	it("scrolls minimally to keep the cursor visible, and moving down to the end resumes follow", () => {
		const { store } = scrolled();
		store.moveCursor(-10);
		store.flush();
		expect(texts(pane(store))).toEqual(["line 9", "line 10", "line 11", "line 12", "line 13"]);
		expect(cursorText(pane(store))).toBe("line 9");
		store.moveCursor(6);
		store.flush();
		expect(texts(pane(store))).toEqual(["line 11", "line 12", "line 13", "line 14", "line 15"]);
		expect(pane(store).follow).toBe(false);
		store.moveCursor(100);
		store.flush();
		expect(pane(store).follow).toBe(true);
		expect(cursorText(pane(store))).toBe("line 19");
	});

	it("pages and jumps to the top", () => {
		const { store } = scrolled();
		store.page(-1, 1);
		store.flush();
		expect(texts(pane(store))).toEqual(["line 10", "line 11", "line 12", "line 13", "line 14"]);
		expect(cursorText(pane(store))).toBe("line 14");
		store.page(-1, 0.5); // half of 5 rows rounds to 3
		store.flush();
		expect(cursorText(pane(store))).toBe("line 11");
		store.toTop();
		store.flush();
		expect(texts(pane(store))).toEqual(["line 0", "line 1", "line 2", "line 3", "line 4"]);
		expect(cursorText(pane(store))).toBe("line 0");
		expect(pane(store).newBelow).toBe(0);
		store.page(1, 1);
		store.flush();
		expect(texts(pane(store))).toEqual(["line 5", "line 6", "line 7", "line 8", "line 9"]);
	});

	it("an anchored view holds its entries until they are evicted, then shows the oldest kept", () => {
		const { store } = setup({ scrollback: 10 });
		store.addProject(PROJECT_A);
		store.setViewport(PROJECT_A, 3);
		ingestAll(store, numberedEvents(10));
		store.moveCursor(-1);
		store.flush();
		expect(texts(pane(store))).toEqual(["line 7", "line 8", "line 9"]);
		ingestAll(store, numberedEvents(5, "more"));
		store.flush();
		expect(texts(pane(store))).toEqual(["line 7", "line 8", "line 9"]);
		expect(pane(store)).toMatchObject({ evicted: 5, size: 10, newBelow: 5 });
		ingestAll(store, numberedEvents(5, "again"));
		store.flush();
		expect(texts(pane(store))).toEqual(["more 0", "more 1", "more 2"]);
		expect(pane(store).evicted).toBe(10);
	});

	it("shows nothing until the UI sets a viewport height", () => {
		const { store } = setup();
		store.ingest(makeEvent());
		store.flush();
		expect(pane(store).rows).toEqual([]);
		expect(pane(store).size).toBe(1);
	});
});

describe("pause and resume", () => {
	it("freezes the rows exactly while ingest goes on, and resume catches up", () => {
		const { store } = setup();
		store.addProject(PROJECT_A);
		store.setViewport(PROJECT_A, 3);
		ingestAll(store, numberedEvents(5));
		store.flush();
		const frozen = pane(store).rows;
		store.togglePause(PROJECT_A);
		ingestAll(store, numberedEvents(10, "during"));
		store.flush();
		const p = pane(store);
		expect(p.rows).toBe(frozen);
		expect(p).toMatchObject({ paused: true, pausedNew: 10, size: 15, follow: false });
		store.togglePause(PROJECT_A);
		store.flush();
		expect(pane(store)).toMatchObject({ paused: false, pausedNew: 0, follow: true });
		expect(texts(pane(store))).toEqual(["during 7", "during 8", "during 9"]);
	});

	it("keeps showing frozen rows whose entries were evicted, and counts the eviction", () => {
		const { store } = setup({ scrollback: 5 });
		store.addProject(PROJECT_A);
		store.setViewport(PROJECT_A, 3);
		ingestAll(store, numberedEvents(5));
		store.flush();
		const frozen = pane(store).rows;
		store.togglePause();
		ingestAll(store, numberedEvents(12, "later"));
		store.flush();
		expect(pane(store).rows).toBe(frozen);
		expect(texts(pane(store))).toEqual(["line 2", "line 3", "line 4"]);
		expect(pane(store)).toMatchObject({ evicted: 12, size: 5, pausedNew: 12 });
		// The cursor still moves over the frozen rows (to open one in the overlay).
		store.moveCursor(-2);
		store.flush();
		expect(texts(pane(store))).toEqual(["line 2", "line 3", "line 4"]);
		expect(cursorText(pane(store))).toBe("line 2");
		expect(store.selectedEntry()?.text).toBe("line 2");
	});

	it("pauses and resumes all panes", () => {
		const { store } = setup();
		store.ingest(makeEvent({ project: PROJECT_A }));
		store.ingest(makeEvent({ project: PROJECT_B }));
		store.togglePause(PROJECT_B);
		store.togglePauseAll();
		store.flush();
		expect(store.getSnapshot().panes.map((p) => p.paused)).toEqual([true, true]);
		store.togglePauseAll();
		store.flush();
		expect(store.getSnapshot().panes.map((p) => p.paused)).toEqual([false, false]);
	});
});

describe("projects and the sink", () => {
	const live: ConnectionStatus = {
		phase: "live",
		reason: null,
		shortReason: null,
		attempt: 0,
		retryAt: null,
		fatal: false,
		counters: {
			events: 1,
			bytes: 10,
			connections: 1,
			reconnects: 0,
			duplicates: 0,
			skipped: { torn: 0, json: 0, shape: 0, oversize: 0 },
			lastByteAt: null,
			gaps: 0,
		},
	};

	it("routes live events by the stream's project, replayed events by their own", () => {
		const { store } = setup();
		store.addProject(PROJECT_A, "storefront");
		store.event(PROJECT_A, makeEvent({ project: PROJECT_B, logs: ["via A's stream"] }));
		store.ingest(makeEvent({ project: PROJECT_B, logs: ["replayed"] }));
		store.flush();
		const [a, b] = store.getSnapshot().panes;
		expect(a).toMatchObject({ id: PROJECT_A, title: "storefront", size: 1 });
		expect(b).toMatchObject({ id: PROJECT_B, title: PROJECT_B.slice(0, 8), size: 1 });
	});

	it("takes status, gaps and names; drops late events of a removed project", () => {
		const { store } = setup();
		store.addProject(PROJECT_A);
		store.setViewport(PROJECT_A, 5);
		store.status(PROJECT_A, live);
		store.gap(PROJECT_A, { start: 0, end: 12_400, cause: "503" });
		store.setProjectNames([{ uuid: PROJECT_A, name: "shop\x1b[2J", hostnames: [] }]);
		store.flush();
		expect(pane(store)).toMatchObject({ status: live, title: "shop" });
		expect(pane(store).rows[0]?.entry).toMatchObject({ kind: "gap", text: "disconnected 12.4 s: 503" });
		store.removeProject(PROJECT_A);
		store.event(PROJECT_A, makeEvent());
		store.flush();
		expect(store.getSnapshot().panes).toEqual([]);
	});

	it("counts events, 5xx requests and exceptions, with a per-second rate", () => {
		const { store, clock } = setup();
		store.ingest(
			makeEvent({
				status: 500,
				exceptions: [
					{ name: "E", message: "1" },
					{ name: "E", message: "2" },
				],
			}),
		);
		store.ingest(makeEvent({ status: 200, logs: [{ level: "error", text: "bad" }] }));
		clock.advance(2000);
		store.ingest(makeEvent({ status: 503 }));
		store.flush();
		const p = pane(store);
		expect(p.totals).toEqual({ events: 3, serverErrors: 2, exceptions: 2 });
		expect(p.rate).toHaveLength(60);
		expect(p.rate.slice(-3)).toEqual([2, 0, 1]);
		// The window slides with time: the one-second tick republishes the pane.
		clock.advance(1000);
		expect(pane(store).rate.slice(-4)).toEqual([2, 0, 1, 0]);
	});
});

describe("search", () => {
	function searchable() {
		const t = setup();
		t.store.addProject(PROJECT_A);
		t.store.setViewport(PROJECT_A, 4);
		for (let i = 0; i < 12; i++) {
			t.store.ingest(
				makeEvent({
					logs: [i % 3 === 0 ? { level: "error", text: `checkout failed ${i}` } : `all good ${i}`],
				}),
			);
		}
		t.store.flush();
		return t;
	}

	it("find: every row stays, matches are flagged with ranges, after the background scan", () => {
		const { store, drain } = searchable();
		store.setSearch("~chekout");
		store.flush();
		expect(store.getSnapshot().search).toMatchObject({
			query: "~chekout",
			fuzzy: true,
			mode: "find",
			pending: true,
		});
		drain();
		const p = pane(store);
		expect(store.getSnapshot().search).toMatchObject({ pending: false, matchCount: 4, matchIndex: 0 });
		expect(texts(p)).toEqual(["all good 8", "checkout failed 9", "all good 10", "all good 11"]);
		expect(p.rows.map((r) => r.match)).toEqual([false, true, false, false]);
		expect(p.rows[1]?.ranges).toEqual([[0, 8]]);
		expect(p.hidden).toBe(0);
	});

	it("n/N move the cursor between matches, wrapping, and report the match index", () => {
		const { store, drain } = searchable();
		store.setSearch("level:error");
		drain();
		store.previousMatch();
		store.flush();
		expect(store.selectedEntry()?.text).toBe("checkout failed 9");
		expect(store.getSnapshot().search).toMatchObject({ matchIndex: 4, matchCount: 4 });
		store.previousMatch();
		store.previousMatch();
		store.flush();
		expect(store.selectedEntry()?.text).toBe("checkout failed 3");
		expect(texts(pane(store))[0]).toBe("checkout failed 3");
		expect(store.getSnapshot().search?.matchIndex).toBe(2);
		store.nextMatch();
		store.flush();
		expect(store.selectedEntry()?.text).toBe("checkout failed 6");
		store.nextMatch();
		store.nextMatch();
		store.flush();
		expect(store.selectedEntry()?.text).toBe("checkout failed 0");
		expect(store.getSnapshot().notice).toMatch(/wrapped/);
	});

	it("filter: only matching rows, with the count hidden; toggling returns to find", () => {
		const { store, drain } = searchable();
		store.setSearch("failed", { mode: "filter" });
		drain();
		let p = pane(store);
		expect(texts(p)).toEqual([
			"checkout failed 0",
			"checkout failed 3",
			"checkout failed 6",
			"checkout failed 9",
		]);
		expect(p.rows.every((r) => r.match)).toBe(true);
		expect(p.hidden).toBe(8);
		store.toggleFilterMode();
		store.flush();
		p = pane(store);
		expect(store.getSnapshot().search?.mode).toBe("find");
		expect(p.rows).toHaveLength(4);
		expect(p.hidden).toBe(0);
	});

	it("new entries that match join the results without rescanning the buffer", () => {
		const { store, drain, queue } = searchable();
		store.setSearch("failed", { mode: "filter" });
		drain();
		store.ingest(makeEvent({ logs: ["payment failed 99"] }));
		store.ingest(makeEvent({ logs: ["fine 100"] }));
		expect(queue).toHaveLength(0);
		store.flush();
		expect(queue).toHaveLength(0);
		expect(texts(pane(store)).at(-1)).toBe("payment failed 99");
		expect(store.getSnapshot().search?.matchCount).toBe(5);
		expect(pane(store).hidden).toBe(9);
	});

	it("a new query cancels the running one", () => {
		const { store, drain } = searchable();
		store.setSearch("good");
		store.setSearch("failed 6");
		drain();
		expect(store.getSnapshot().search).toMatchObject({ query: "failed 6", pending: false });
		expect(
			pane(store)
				.rows.filter((r) => r.match)
				.map((r) => r.entry.text),
		).toEqual([]);
		store.previousMatch();
		store.flush();
		expect(store.selectedEntry()?.text).toBe("checkout failed 6");
	});

	it("setting the same query again is a no-op (cheap to call on every keystroke)", () => {
		const { store, drain, queue } = searchable();
		store.setSearch("failed");
		drain();
		const before = store.getSnapshot();
		store.setSearch("failed");
		store.flush();
		expect(queue).toHaveLength(0);
		expect(store.getSnapshot()).toBe(before);
	});

	it("scope pane searches only the focused pane; project: narrows to panes", () => {
		const { store, drain } = setup();
		for (const project of [PROJECT_A, PROJECT_B]) {
			store.addProject(project, project === PROJECT_A ? "storefront" : "admin");
			store.setViewport(project, 5);
			store.ingest(makeEvent({ project, logs: [{ level: "error", text: "boom" }] }));
			store.ingest(makeEvent({ project, logs: ["ok"] }));
		}
		store.focusPane(1);
		store.setSearch("boom", { scope: "pane" });
		drain();
		expect(pane(store, PROJECT_A).rows.some((r) => r.match)).toBe(false);
		expect(pane(store, PROJECT_B).rows.some((r) => r.match)).toBe(true);

		store.setSearch("project:store level:error", { mode: "filter", scope: "all" });
		drain();
		expect(texts(pane(store, PROJECT_A))).toEqual(["boom"]);
		expect(pane(store, PROJECT_B)).toMatchObject({ rows: [], hidden: 2 });
		store.setSearch(`project:${PROJECT_B.slice(0, 6)}`);
		drain();
		expect(pane(store, PROJECT_A).rows).toEqual([]);
		expect(texts(pane(store, PROJECT_B))).toEqual(["boom", "ok"]);
	});

	it("reports a bad token without failing, and an empty query shows everything", () => {
		const { store, drain } = searchable();
		store.setSearch("status:abc", { mode: "filter" });
		drain();
		expect(store.getSnapshot().search?.error).toMatch(/status:abc/);
		expect(pane(store).rows).toHaveLength(4);
		expect(pane(store).hidden).toBe(0);
		store.clearSearch();
		store.flush();
		expect(store.getSnapshot().search).toBeNull();
	});

	it("a search started while paused flags the frozen rows", () => {
		const { store, drain } = searchable();
		store.togglePause();
		store.setSearch("failed");
		drain();
		expect(pane(store).rows.map((r) => r.match)).toEqual([false, true, false, false]);
	});
});

describe("exceptions", () => {
	function withExceptions() {
		const t = setup();
		t.store.addProject(PROJECT_A);
		t.store.setViewport(PROJECT_A, 3);
		for (let i = 0; i < 10; i++) {
			t.store.ingest(
				makeEvent({
					logs: [`req ${i}`],
					exceptions: i === 2 || i === 6 ? [{ name: "TypeError", message: `bad ${i}` }] : [],
				}),
			);
		}
		t.store.flush();
		return t;
	}

	it("jumps to the previous and next exception and lists them for the overlay", () => {
		const { store } = withExceptions();
		expect(store.exceptionsOf(PROJECT_A).map((e) => e.text)).toEqual([
			"TypeError: bad 2",
			"TypeError: bad 6",
		]);
		store.previousException();
		store.flush();
		expect(store.selectedEntry()?.text).toBe("TypeError: bad 6");
		expect(pane(store).follow).toBe(false);
		store.previousException();
		store.flush();
		expect(store.selectedEntry()?.text).toBe("TypeError: bad 2");
		store.previousException();
		store.flush();
		expect(store.selectedEntry()?.text).toBe("TypeError: bad 2");
		expect(store.getSnapshot().notice).toBe("no earlier exception");
		store.nextException();
		store.flush();
		expect(store.selectedEntry()?.text).toBe("TypeError: bad 6");
		expect(cursorText(pane(store))).toBe("TypeError: bad 6");
	});

	it("forgets evicted exceptions", () => {
		const { store } = setup({ scrollback: 4 });
		store.ingest(makeEvent({ exceptions: [{ name: "E", message: "old" }] }));
		store.ingest(makeEvent({ exceptions: [{ name: "E", message: "newer" }] }));
		store.flush();
		expect(pane(store)).toMatchObject({ exceptionsHeld: 2, exceptionsEvicted: 0 });
		store.ingest(makeEvent({ logs: ["x", "y"] }));
		expect(store.exceptionsOf(PROJECT_A).map((e) => e.text)).toEqual(["E: newer"]);
		store.flush();
		// The snapshot says how many are held and how many went, for the overlay's "n/m".
		expect(pane(store)).toMatchObject({ exceptionsHeld: 1, exceptionsEvicted: 1 });
		store.ingest(makeEvent({ logs: ["x", "y"] }));
		expect(store.exceptionsOf(PROJECT_A)).toEqual([]);
	});
});

describe("view state", () => {
	it("cycles focus, layout, zoom and time format", () => {
		const { store } = setup();
		store.addProject(PROJECT_A);
		store.addProject(PROJECT_B);
		store.focusNext();
		store.flush();
		expect(store.getSnapshot().focus).toBe(1);
		store.focusNext();
		store.flush();
		expect(store.getSnapshot().focus).toBe(0);
		store.focusPrevious();
		store.flush();
		expect(store.getSnapshot().focus).toBe(1);
		const layouts: string[] = [];
		const formats: string[] = [];
		for (let i = 0; i < 4; i++) {
			store.cycleLayout();
			if (i < 3) store.cycleTimeFormat();
			store.flush();
			layouts.push(store.getSnapshot().layout);
			if (i < 3) formats.push(store.getSnapshot().timeFormat);
		}
		expect(layouts).toEqual(["columns", "rows", "grid", "auto"]);
		expect(formats).toEqual(["utc", "relative", "local"]);
		store.toggleZoom();
		store.flush();
		expect(store.getSnapshot().zoom).toBe(true);
		store.removeProject(PROJECT_B);
		store.flush();
		expect(store.getSnapshot().focus).toBe(0);
	});

	it("shows a notice until it expires on the clock", () => {
		const { store, clock } = setup();
		store.setNotice("copied event", 3000);
		store.flush();
		expect(store.getSnapshot().notice).toBe("copied event");
		clock.advance(2999);
		expect(store.getSnapshot().notice).toBe("copied event");
		clock.advance(1);
		store.flush();
		expect(store.getSnapshot().notice).toBeNull();
	});
});

describe("filter mode details", () => {
	function mixed() {
		const t = setup({ scrollback: 30 });
		t.store.addProject(PROJECT_A);
		t.store.setViewport(PROJECT_A, 3);
		for (let i = 0; i < 20; i++) {
			t.store.ingest(
				makeEvent({
					status: i % 2 === 0 ? 500 : 200,
					logs: [`req ${i}`],
					exceptions: i % 4 === 0 ? [{ name: "E", message: `x${i}` }] : [],
				}),
			);
		}
		t.store.setSearch("status:5xx", { mode: "filter" });
		t.drain();
		return t;
	}

	it("anchors within the filtered rows and counts new matches below", () => {
		const { store } = mixed();
		expect(texts(pane(store))).toEqual(["req 16", "E: x16", "req 18"]);
		store.moveCursor(-2);
		store.flush();
		expect(cursorText(pane(store))).toBe("req 16");
		store.ingest(makeEvent({ status: 503, logs: ["new match"] }));
		store.ingest(makeEvent({ status: 200, logs: ["not shown"] }));
		store.flush();
		expect(texts(pane(store))).toEqual(["req 16", "E: x16", "req 18"]);
		expect(pane(store).newBelow).toBe(1);
		store.toggleFilterMode();
		store.flush();
		// Back in find mode the cursor stays on the same entry.
		expect(cursorText(pane(store))).toBe("req 16");
		expect(store.selectedEntry()?.text).toBe("req 16");
	});

	it("exception jumps skip exceptions the filter hides", () => {
		const { store, drain } = mixed();
		store.setSearch("~'req", { mode: "filter" });
		drain();
		store.previousException();
		store.flush();
		expect(store.getSnapshot().notice).toBe("no earlier exception");
		// Every 5xx row except the exception `E: x8`.
		store.setSearch("status:5xx ~!x8", { mode: "filter" });
		drain();
		const seen: (string | undefined)[] = [];
		for (let i = 0; i < 3; i++) {
			store.previousException();
			store.flush();
			seen.push(store.selectedEntry()?.text);
		}
		expect(seen).toEqual(["E: x16", "E: x12", "E: x4"]);
	});

	it("forgets matches whose entries were evicted", () => {
		const { store, drain } = mixed();
		expect(store.getSnapshot().search?.matchCount).toBe(15);
		for (let i = 0; i < 20; i++) store.ingest(makeEvent({ status: 200, logs: [`filler ${i}`] }));
		drain();
		// 30 rows kept: the last 10 of the first batch (events 12-19), 6 of them rows of 5xx events.
		expect(store.getSnapshot().search?.matchCount).toBe(6);
		expect(pane(store)).toMatchObject({ size: 30, evicted: 15, hidden: 24 });
	});
});

describe("the events it is given", () => {
	it("keeps its own compact copy and leaves the caller's event as it was", () => {
		const { store } = setup();
		// Non-Latin-1 text: the stored copy of the JSON is re-encoded, the caller's must not be.
		const event = makeEvent({ logs: ["ärger 💥 im Warenkorb"], exceptions: [{ name: "E", message: "ü" }] });
		const jsonBefore = event.json;
		store.ingest(event);
		store.flush();
		expect(event.json).toBe(jsonBefore);
		expect((event as { compacted?: boolean }).compacted).toBe(false);
		const stored = store.selectedEntry()?.event;
		expect(stored).not.toBe(event);
		expect((stored as { compacted?: boolean } | null)?.compacted).toBe(true);
		expect(stored?.uuid).toBe(event.uuid);
		expect(stored?.logs).toEqual(event.logs);
		expect(stored?.exceptions).toEqual(event.exceptions);
		expect(JSON.parse(stored?.json ?? "null")).toEqual(JSON.parse(jsonBefore));
	});
});

describe("shedding scrollback under memory pressure", () => {
	it("drops the oldest half of every pane, with their exceptions, and goes on as after any eviction", () => {
		const { store } = setup({ scrollback: 1000 });
		ingestAll(store, numberedEvents(10, "a"));
		for (let i = 0; i < 4; i++) {
			store.ingest(makeEvent({ logs: [`x ${i}`], exceptions: [{ name: "Err", message: `boom ${i}` }] }));
		}
		ingestAll(store, numberedEvents(7, "b", PROJECT_B));
		store.setViewport(PROJECT_A, 40);
		store.setViewport(PROJECT_B, 40);
		store.flush();
		const before = pane(store).size;
		expect(store.shedScrollback()).toBe(Math.floor(before / 2) + 3);
		store.flush();
		expect(pane(store)).toMatchObject({
			evicted: Math.floor(before / 2),
			size: before - Math.floor(before / 2),
		});
		expect(pane(store, PROJECT_B)).toMatchObject({ evicted: 3, size: 4 });
		expect(texts(pane(store, PROJECT_B)).at(-1)).toBe("b 6");
		// The newest rows (the exceptions) are kept and still indexed.
		expect(pane(store).exceptionsHeld).toBe(4);
		// New events land after the kept ones; a second shed halves again.
		ingestAll(store, numberedEvents(2, "c"));
		store.flush();
		expect(texts(pane(store)).at(-1)).toBe("c 1");
		const size = pane(store).size;
		expect(store.shedScrollback()).toBe(Math.floor(size / 2) + 2);
	});
});

describe("closed panes", () => {
	it("keep their buffer: adding the project again brings the pane back as it was, searched and focused", () => {
		const { store, drain } = setup();
		store.addProject(PROJECT_A, "storefront");
		store.addProject(PROJECT_B, "checkout");
		store.setViewport(PROJECT_A, 5);
		for (let i = 0; i < 8; i++) store.ingest(makeEvent({ status: i === 3 ? 500 : 200, logs: [`line ${i}`] }));
		store.ingest(makeEvent({ status: 500, exceptions: [{ name: "E", message: "boom" }] }));
		store.moveCursor(-2);
		store.flush();
		const before = store.selectedEntry();
		expect(before?.text).toBe("line 7");
		store.removeProject(PROJECT_A);
		store.event(PROJECT_A, makeEvent({ logs: ["while closed"] }));
		store.flush();
		expect(store.getSnapshot().panes.map((p) => p.id)).toEqual([PROJECT_B]);
		expect(store.closedProjects()).toEqual([{ uuid: PROJECT_A, name: "storefront", hostnames: [] }]);
		store.setSearch("line", { mode: "filter" });
		store.addProject(PROJECT_A, "storefront");
		drain();
		const snapshot = store.getSnapshot();
		expect(snapshot.panes.map((p) => p.id)).toEqual([PROJECT_B, PROJECT_A]);
		expect(snapshot.focus).toBe(1);
		expect(snapshot.panes[1]).toMatchObject({
			size: 10,
			totals: { events: 9, serverErrors: 2, exceptions: 1 },
			exceptionsHeld: 1,
		});
		expect(store.closedProjects()).toEqual([]);
		expect(store.selectedEntry()).toBe(before);
		// The search that began while it was closed covers it once it is back.
		expect(snapshot.search?.matchCount).toBe(8);
		expect(snapshot.panes[1]?.hidden).toBe(2);
	});
});
