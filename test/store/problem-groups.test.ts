import { describe, expect, it } from "vitest";
import { routeOf, SPARK_BUCKETS } from "../../source/store/problem-groups.js";
import { createTailStore } from "../../source/store/store.js";
import { ManualClock } from "../../source/util/clock.js";
import { type EventSpec, makeEvent, PROJECT_A, PROJECT_B } from "./events.js";

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();

/** A 500 with one exception whose message carries `n` (masked away) and a frame in `fn`. */
function failure(n: number, fields: Partial<EventSpec> & { fn?: string; name?: string } = {}) {
	const name = fields.name ?? "TypeError";
	return makeEvent({
		status: 500,
		url: `https://shop.test${fields.url ?? "/en/cart?id=1"}`,
		time: at(n),
		...fields,
		exceptions: [
			{
				name,
				message: `cart ${n} broke`,
				stack: `${name}: x\n    at ${fields.fn ?? "Cart"} (worker.js:1:${n})`,
			},
		],
	});
}

function setup(scrollback = 1000) {
	const store = createTailStore({
		clock: new ManualClock(Date.UTC(2026, 0, 1)),
		scrollback,
		schedule: () => {},
	});
	store.addProject(PROJECT_A, "storefront");
	store.addProject(PROJECT_B, "checkout");
	return store;
}

describe("problem groups", () => {
	it("groups a pane's exceptions by fingerprint: count, first and last seen, routes, sparkline", () => {
		const store = setup();
		for (let n = 1; n <= 4; n++)
			store.ingest(failure(n, { url: n === 4 ? "/en/checkout" : "/en/cart?id=2" }));
		store.ingest(failure(5, { fn: "Header" }));
		store.ingest(makeEvent({ url: "/fine", time: at(6) }));
		const report = store.problems(PROJECT_A);
		expect(report.exceptions).toBe(5);
		expect(report.groups.map((g) => [g.count, g.message, g.frame])).toEqual([
			[4, "cart <*> broke", "Cart (worker.js:<*>:<*>)"],
			[1, "cart <*> broke", "Header (worker.js:<*>:<*>)"],
		]);
		const [cart] = report.groups;
		expect(cart?.firstSeen).toBe(Date.parse(at(1)));
		expect(cart?.lastSeen).toBe(Date.parse(at(4)));
		expect(cart?.routes).toEqual([
			{ path: "/en/cart", count: 3 },
			{ path: "/en/checkout", count: 1 },
		]);
		expect(cart?.spark).toHaveLength(SPARK_BUCKETS);
		expect(cart?.spark.reduce((a, b) => a + b, 0)).toBe(4);
		expect(cart?.occurrences.map((o) => o.entry.text)).toEqual(
			[1, 2, 3, 4].map((n) => `TypeError: cart ${n} broke`),
		);
		expect(report.routes).toEqual([
			{ method: "GET", path: "/en/cart", count: 4, lastSeen: Date.parse(at(5)) },
			{ method: "GET", path: "/en/checkout", count: 1, lastSeen: Date.parse(at(4)) },
		]);
		expect(report.serverErrors).toBe(5);
		store.dispose();
	});

	it("one pane or every pane: the same fingerprint across panes is one group with both panes", () => {
		const store = setup();
		store.ingest(failure(1));
		store.ingest(failure(2, { project: PROJECT_B }));
		store.ingest(failure(3, { project: PROJECT_B, name: "RangeError" }));
		expect(store.problems(PROJECT_A).groups.map((g) => g.count)).toEqual([1]);
		const all = store.problems(null);
		expect(all.groups.map((g) => [g.name, g.count, g.paneIds])).toEqual([
			["TypeError", 2, [PROJECT_A, PROJECT_B]],
			["RangeError", 1, [PROJECT_B]],
		]);
		expect(all.groups[0]?.occurrences.map((o) => o.paneId)).toEqual([PROJECT_A, PROJECT_B]);
		store.dispose();
	});

	it("covers what the buffers hold: evicted rows leave their groups, older history joins them", () => {
		// Each failure is two rows (a request row, an exception row): 6 rows hold 3 failures.
		const store = setup(6);
		for (let n = 10; n < 14; n++) store.ingest(failure(n, { fn: n === 10 ? "Gone" : "Cart" }));
		let report = store.problems(PROJECT_A);
		expect(report.groups.map((g) => [g.frame, g.count])).toEqual([["Cart (worker.js:<*>:<*>)", 3]]);
		expect(report.serverErrors).toBe(3);
		store.ingest(failure(14, { fn: "New" }));
		report = store.problems(PROJECT_A);
		expect(report.groups.map((g) => [g.frame.split(" ")[0], g.count])).toEqual([
			["Cart", 2],
			["New", 1],
		]);
		expect(report.groups[0]?.firstSeen).toBe(Date.parse(at(12)));
		store.dispose();
		// History put in front counts like arrivals.
		const roomy = setup();
		roomy.ingest(failure(20));
		expect(roomy.prependOlder(PROJECT_A, [failure(1), failure(2)])).toBe(2);
		const older = roomy.problems(PROJECT_A).groups[0];
		expect(older?.count).toBe(3);
		expect(older?.firstSeen).toBe(Date.parse(at(1)));
		roomy.dispose();
	});

	it("counts a 5xx once per event, without its query, and none for a pane without", () => {
		const store = setup();
		store.ingest(makeEvent({ status: 502, url: "/api?x=1", logs: ["a", "b", "c"], time: at(1) }));
		store.ingest(makeEvent({ status: 404, url: "/api", time: at(2) }));
		const report = store.problems(PROJECT_A);
		expect(report.routes).toEqual([{ method: "GET", path: "/api", count: 1, lastSeen: Date.parse(at(1)) }]);
		expect(store.problems(PROJECT_B)).toMatchObject({
			groups: [],
			routes: [],
			exceptions: 0,
			serverErrors: 0,
		});
		expect(routeOf("/a/b?c#d")).toBe("/a/b");
		store.dispose();
	});
});
