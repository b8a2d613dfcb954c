import { describe, expect, it, vi } from "vitest";
import { createTailStore } from "../../source/store/store.js";
import type { PaneSnapshot, TailStore } from "../../source/store/types.js";
import { ManualClock } from "../../source/util/clock.js";
import { makeEvent, PROJECT_A, PROJECT_B } from "./events.js";

/**
 * Two panes with the same traffic: even requests go to /checkout, odd ones to /cart; 3, 4 and 7
 * throw; 4 and 5 answer 500. Each event is one log row (`req i`), plus an exception row when it threw.
 */
function twoPanes(height = 20) {
	const clock = new ManualClock();
	const queue: (() => void)[] = [];
	const store = createTailStore({ clock, schedule: (callback) => queue.push(callback) });
	for (const project of [PROJECT_A, PROJECT_B]) {
		store.addProject(project, project === PROJECT_A ? "production" : "preview");
		store.setViewport(project, height);
		for (let i = 0; i < 10; i++) {
			store.ingest(
				makeEvent({
					project,
					url: i % 2 === 0 ? "/checkout" : "/cart",
					status: i === 4 || i === 5 ? 500 : 200,
					logs: [`req ${i}`],
					exceptions: [3, 4, 7].includes(i) ? [{ name: "TypeError", message: `bad ${i}` }] : [],
					time: `2026-01-01T00:00:0${i}.000Z`,
				}),
			);
		}
	}
	store.flush();
	const drain = (): void => {
		for (let guard = 0; queue.length > 0 && guard < 100_000; guard++) queue.shift()?.();
		store.flush();
	};
	return { store, queue, drain };
}

function pane(store: TailStore, id = PROJECT_A): PaneSnapshot {
	const found = store.getSnapshot().panes.find((p) => p.id === id);
	if (found === undefined) throw new Error(`no pane ${id}`);
	return found;
}

const texts = (p: PaneSnapshot): string[] => p.rows.map((row) => row.entry.text);
const matched = (p: PaneSnapshot): string[] => p.rows.filter((row) => row.match).map((row) => row.entry.text);
const checkoutRows = ["req 0", "req 2", "req 4", "TypeError: bad 4", "req 6", "req 8"];
const everyRow = 13;

describe("per-pane filters", () => {
	it("filter one pane only: the other shows everything; the header's filter and hidden count", () => {
		const { store, drain } = twoPanes();
		store.setPaneFilter(PROJECT_A, "path:/checkout");
		drain();
		expect(texts(pane(store))).toEqual(checkoutRows);
		expect(pane(store).filter).toEqual({ query: "path:/checkout", error: null });
		expect(pane(store).hidden).toBe(everyRow - checkoutRows.length);
		expect(pane(store, PROJECT_B).rows).toHaveLength(everyRow);
		expect(pane(store, PROJECT_B)).toMatchObject({ filter: null, hidden: 0 });
		// No global search: the status bar has nothing to say.
		expect(store.getSnapshot().search).toBeNull();
	});

	it("the same language: literal text over the row as shown, ~ fuzzy, a bad token reported", () => {
		const { store, drain } = twoPanes();
		store.setPaneFilter(PROJECT_A, "/cart");
		drain();
		expect(texts(pane(store))).toEqual(
			["req 1", "TypeError: bad 3", "req 3", "req 5", "req 7", "TypeError: bad 7", "req 9"].sort(
				bySeq(pane(store)),
			),
		);
		store.setPaneFilter(PROJECT_A, "~TypError");
		drain();
		expect(texts(pane(store))).toEqual(["TypeError: bad 3", "TypeError: bad 4", "TypeError: bad 7"]);
		store.setPaneFilter(PROJECT_A, "status:abc");
		drain();
		expect(pane(store).filter?.error).toMatch(/status:abc/);
		expect(pane(store).rows).toHaveLength(everyRow);
	});

	it("combines with the global search by AND: find highlights within the pane filter, filter narrows it", () => {
		const { store, drain } = twoPanes();
		store.setPaneFilter(PROJECT_A, "path:/checkout");
		store.setSearch("status:500");
		drain();
		// Find mode: the pane still shows only /checkout; the global matches within it are flagged.
		expect(texts(pane(store))).toEqual(checkoutRows);
		expect(matched(pane(store))).toEqual(["req 4", "TypeError: bad 4"]);
		expect(matched(pane(store, PROJECT_B))).toEqual(["req 4", "TypeError: bad 4", "req 5"]);
		expect(store.getSnapshot().search?.matchCount).toBe(2);
		store.toggleFilterMode();
		drain();
		expect(texts(pane(store))).toEqual(["req 4", "TypeError: bad 4"]);
		expect(pane(store).hidden).toBe(everyRow - 2);
		expect(texts(pane(store, PROJECT_B))).toEqual(["req 4", "TypeError: bad 4", "req 5"]);
		// Clearing the global search keeps the pane's own filter; quick filters combine too.
		store.clearSearch();
		drain();
		expect(texts(pane(store))).toEqual(checkoutRows);
		store.toggleQuickFilter("errors");
		drain();
		expect(texts(pane(store))).toEqual(["TypeError: bad 4"]);
		expect(pane(store, PROJECT_B).rows.map((r) => r.entry.text)).toEqual([
			"TypeError: bad 3",
			"TypeError: bad 4",
			"TypeError: bad 7",
		]);
	});

	it("clears with an empty query; new arrivals join the filtered rows", () => {
		const { store, drain } = twoPanes();
		store.setPaneFilter(PROJECT_A, "path:/checkout");
		drain();
		store.ingest(makeEvent({ project: PROJECT_A, url: "/checkout", logs: ["req 10"] }));
		store.ingest(makeEvent({ project: PROJECT_A, url: "/cart", logs: ["req 11"] }));
		store.flush();
		expect(texts(pane(store)).at(-1)).toBe("req 10");
		expect(pane(store).hidden).toBe(everyRow - checkoutRows.length + 1);
		store.setPaneFilter(PROJECT_A, "");
		store.flush();
		expect(pane(store)).toMatchObject({ filter: null, hidden: 0 });
		expect(pane(store).rows).toHaveLength(everyRow + 2);
	});
});

describe("navigation inside what a pane-filtered pane shows", () => {
	it("e/E, x's list, n/N, the selection (y) and T stay on rows the pane shows", () => {
		const { store, drain } = twoPanes();
		store.focusPane(0);
		store.setPaneFilter(PROJECT_A, "path:/checkout");
		drain();
		// x, [ and ]: only the exceptions shown (bad 3 and bad 7 are /cart).
		expect(store.exceptionsShown(PROJECT_A)?.map((e) => e.text)).toEqual(["TypeError: bad 4"]);
		expect(store.exceptionsShown(PROJECT_B)).toBeNull();
		/** The entry selected after a move. */
		const selectedAfter = (move: () => void): string | undefined => {
			move();
			store.flush();
			return store.selectedEntry()?.text;
		};
		expect(selectedAfter(store.previousException)).toBe("TypeError: bad 4");
		expect(selectedAfter(store.previousException)).toBe("TypeError: bad 4");
		expect(selectedAfter(store.toTop)).toBe("req 0");
		expect(selectedAfter(store.nextException)).toBe("TypeError: bad 4");
		// n/N step through the global matches within the pane filter.
		store.setSearch("req");
		drain();
		store.toTop();
		expect(selectedAfter(store.nextMatch)).toBe("req 2");
		expect(selectedAfter(store.nextMatch)).toBe("req 4");
		// T: the first row shown at or after 00:00:05 is req 6 (req 5 is /cart).
		expect(selectedAfter(() => store.goToTime(PROJECT_A, Date.UTC(2026, 0, 1, 0, 0, 5)))).toBe("req 6");
	});

	it("o maps what the pane shows to server-side filters: the pane's own and the global filter's", () => {
		const { store, drain } = twoPanes();
		expect(store.olderSearch(PROJECT_A)).toBeNull();
		store.setPaneFilter(PROJECT_A, "path:/checkout sale");
		drain();
		expect(store.olderSearch(PROJECT_A)?.words).toEqual(["url:like=/checkout"]);
		expect(store.olderSearch(PROJECT_B)).toBeNull();
		store.setSearch("status:500", { mode: "filter" });
		drain();
		expect(store.olderSearch(PROJECT_A)?.words).toEqual(["status_code=500", "url:like=/checkout"]);
		expect(store.olderSearch(PROJECT_B)?.words).toEqual(["status_code=500"]);
		// Find mode: only the pane's own filter hides rows, so only it goes to the server.
		store.toggleFilterMode();
		expect(store.olderSearch(PROJECT_A)?.words).toEqual(["url:like=/checkout"]);
		// A filter with nothing that maps still searches older history: every entry, filtered locally.
		store.setPaneFilter(PROJECT_A, "sale");
		expect(store.olderSearch(PROJECT_A)?.words).toEqual([]);
	});

	it("older rows put in front of a pane-filtered pane are filtered as they arrive", () => {
		const { store, drain } = twoPanes();
		store.setPaneFilter(PROJECT_A, "path:/checkout");
		drain();
		const older = [
			makeEvent({ url: "/checkout", logs: ["old checkout"], time: "2025-12-31T23:59:00.000Z" }),
			makeEvent({ url: "/cart", logs: ["old cart"], time: "2025-12-31T23:59:01.000Z" }),
		];
		expect(store.prependOlder(PROJECT_A, older)).toBe(2);
		drain();
		expect(texts(pane(store))[0]).toBe("old checkout");
		expect(texts(pane(store))).not.toContain("old cart");
	});
});

describe("pause with a pane filter: header and rows agree", () => {
	it("refreezes when the pane's filter is set, changed or cleared while paused", () => {
		const { store, drain } = twoPanes(4);
		store.focusPane(0);
		store.togglePause(PROJECT_A);
		store.flush();
		expect(texts(pane(store))).toHaveLength(4);
		// Frozen unfiltered: a filter set now shows the frozen rows that match it.
		store.setPaneFilter(PROJECT_A, "req");
		drain();
		expect(texts(pane(store)).every((t) => t.startsWith("req"))).toBe(true);
		// Frozen filtered: a different filter refreezes from the buffer as it was at the pause.
		store.setPaneFilter(PROJECT_A, "path:/checkout");
		drain();
		expect(pane(store).filter?.query).toBe("path:/checkout");
		expect(texts(pane(store))).toEqual(["req 4", "TypeError: bad 4", "req 6", "req 8"]);
		store.ingest(makeEvent({ project: PROJECT_A, url: "/checkout", logs: ["after the pause"] }));
		store.setPaneFilter(PROJECT_A, "");
		drain();
		expect(pane(store).filter).toBeNull();
		const rows = texts(pane(store));
		expect(rows).toHaveLength(4);
		expect(rows).not.toContain("after the pause");
		expect(rows.some((t) => t === "req 7" || t === "req 9")).toBe(true);
		expect(pane(store).paused).toBe(true);
	});

	it("Esc on the global search while paused keeps the pane filter's rows", () => {
		const { store, drain } = twoPanes(4);
		store.setPaneFilter(PROJECT_A, "path:/checkout");
		store.setSearch("status:500", { mode: "filter" });
		drain();
		store.togglePause(PROJECT_A);
		store.flush();
		expect(texts(pane(store))).toEqual(["req 4", "TypeError: bad 4"]);
		store.clearSearch();
		drain();
		// Now it shows the pane filter alone (more than the 500s), the cursor row where it was.
		expect(texts(pane(store))).toEqual(["req 4", "TypeError: bad 4", "req 6", "req 8"]);
		expect(pane(store).rows[1]?.cursor).toBe(true);
	});
});

describe("a closed pane keeps its filter", () => {
	it("u (adding the project again) brings it back filtered", () => {
		const { store, drain } = twoPanes();
		store.setPaneFilter(PROJECT_A, "path:/checkout");
		drain();
		store.removeProject(PROJECT_A);
		store.addProject(PROJECT_A, "production");
		store.setViewport(PROJECT_A, 20);
		drain();
		expect(pane(store).filter?.query).toBe("path:/checkout");
		expect(texts(pane(store))).toEqual(checkoutRows);
	});
});

/** Sorts texts in the order the pane holds them. */
function bySeq(p: PaneSnapshot): (a: string, b: string) => number {
	const order = new Map(p.rows.map((row, i) => [row.entry.text, i]));
	return (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0);
}

describe("a pane filter's scan", () => {
	it("runs in the search's time-budgeted slices, not at once, and ends with every match", () => {
		const queue: (() => void)[] = [];
		const store = createTailStore({ scrollback: 2000, schedule: (callback) => queue.push(callback) });
		store.addProject(PROJECT_A);
		store.setViewport(PROJECT_A, 5);
		for (let i = 0; i < 2000; i++)
			store.ingest(makeEvent({ url: i % 4 === 0 ? "/checkout" : "/cart", logs: [`req ${i}`] }));
		store.flush();
		// A clock that moves 1 ms each time it is read: a 6 ms slice gets through a few 32-row checks.
		let now = 0;
		const clock = vi.spyOn(performance, "now").mockImplementation(() => now++);
		try {
			store.setPaneFilter(PROJECT_A, "path:/checkout");
			expect(queue).toHaveLength(1);
			let slices = 0;
			for (let guard = 0; queue.length > 0 && guard < 10_000; guard++) {
				queue.shift()?.();
				slices++;
			}
			store.flush();
			expect(slices).toBeGreaterThan(5);
			expect(pane(store).hidden).toBe(1500);
			expect(texts(pane(store)).at(-1)).toBe("req 1996");
		} finally {
			clock.mockRestore();
		}
	});
});
