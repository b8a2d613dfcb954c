/**
 * The literal default of the search: a case-insensitive substring of the row as the screen shows it
 * (time, status, method, path, level, message), and fuzzy text only behind a leading `~`.
 */
import { describe, expect, it } from "vitest";
import { emitEventEntries } from "../../source/store/entries.js";
import { parseQuery } from "../../source/store/query.js";
import { compileQuery } from "../../source/store/search.js";
import { createTailStore } from "../../source/store/store.js";
import type { Entry } from "../../source/store/types.js";
import { ManualClock } from "../../source/util/clock.js";
import { type EventSpec, makeEvent, PROJECT_A } from "./events.js";

const specs: readonly EventSpec[] = [
	{ url: "/fr/sale-🔥", status: 500, logs: [{ level: "error", text: "boom" }] },
	{ url: "/de/account", status: 200, logs: ['{"locale":"de-DE","cart":3}'] },
	{ method: "POST", url: "/api/cart", status: 204 },
	{ url: "/en/login", status: 302, logs: ["SALE banner rendered"] },
];

function rowsOf(list: readonly EventSpec[]): Entry[] {
	const rows: Entry[] = [];
	for (const spec of list) emitEventEntries(makeEvent(spec), rows.length, (entry) => rows.push(entry));
	return rows;
}

const rows = rowsOf(specs);

function matching(query: string, utc = false): string[] {
	const compiled = compileQuery(parseQuery(query), { utc });
	return rows
		.filter((entry) => compiled.test(entry))
		.map((entry) => `${entry.event?.request?.path ?? ""} ${entry.text}`.trim());
}

describe("literal search (the default)", () => {
	it("`/sale` finds the row whose path shows /fr/sale-🔥, not a JSON message holding 'locale'", () => {
		expect(matching("/sale")).toEqual(["/fr/sale-🔥 boom"]);
		expect(parseQuery("/sale").fuzzy).toBe(false);
	});

	it("is case-insensitive and covers the message, the path, the status, the method and the level", () => {
		expect(matching("sale")).toEqual(["/fr/sale-🔥 boom", "/en/login SALE banner rendered"]);
		expect(matching("500 get")).toEqual(["/fr/sale-🔥 boom"]);
		expect(matching("post /api")).toEqual(["/api/cart"]);
		expect(matching("error boom")).toEqual(["/fr/sale-🔥 boom"]);
		expect(matching('"locale":"de')).toEqual(['/de/account {"locale":"de-DE","cart":3}']);
	});

	it("matches the clock time as shown (UTC rows show a Z)", () => {
		expect(matching("00:00:00.000z 500", true)).toEqual(["/fr/sale-🔥 boom"]);
		expect(matching("00:00:00.000z", false)).toEqual([]);
	});

	it("keeps field tokens, ANDed with the text", () => {
		expect(matching("status:5xx sale")).toEqual(["/fr/sale-🔥 boom"]);
		expect(matching("path:/en sale")).toEqual(["/en/login SALE banner rendered"]);
		expect(matching("level:error")).toEqual(["/fr/sale-🔥 boom"]);
	});

	it("highlights every occurrence in the message and in the path", () => {
		const compiled = compileQuery(parseQuery("sale"));
		const [first, , , banner] = rows;
		expect(compiled.pathRanges(first as Entry)).toEqual([[4, 8]]);
		expect(compiled.ranges(banner as Entry)).toEqual([[0, 4]]);
	});
});

describe("fuzzy search (a leading ~)", () => {
	it("`~crt` finds cart; the literal `crt` does not", () => {
		expect(parseQuery("~crt").fuzzy).toBe(true);
		expect(matching("~crt")).toContain("/api/cart");
		expect(matching("crt")).toEqual([]);
	});

	it("highlights what fuse.js matched", () => {
		const compiled = compileQuery(parseQuery("~banner"));
		expect(compiled.ranges(rows[3] as Entry)).toEqual([[5, 11]]);
	});

	it("says fuzzy in the search snapshot", () => {
		const store = createTailStore({ clock: new ManualClock(), schedule: (callback) => callback() });
		store.addProject(PROJECT_A);
		store.setViewport(PROJECT_A, 10);
		for (const spec of specs) store.ingest(makeEvent(spec));
		store.setSearch("~crt");
		store.flush();
		// The cart of the JSON message and the /api/cart request.
		expect(store.getSnapshot().search).toMatchObject({ fuzzy: true, matchCount: 2 });
		store.setSearch("/sale", { mode: "filter" });
		store.flush();
		const snapshot = store.getSnapshot();
		expect(snapshot.search).toMatchObject({ fuzzy: false, matchCount: 1 });
		const [row] = snapshot.panes[0]?.rows ?? [];
		expect(snapshot.panes[0]?.rows.length).toBe(1);
		expect(row?.entry.event?.request?.path).toBe("/fr/sale-🔥");
		expect(row?.pathRanges).toEqual([[3, 8]]);
		store.dispose();
	});
});

describe("quick filters", () => {
	it("route: is the whole path, where path: is a substring", () => {
		expect(matching("route:/api/cart")).toEqual(["/api/cart"]);
		expect(matching("route:/api")).toEqual([]);
		expect(matching("path:/api")).toEqual(["/api/cart"]);
	});

	it("toggle chips ANDed with the typed query; the route comes from the row under the cursor", () => {
		const store = createTailStore({ clock: new ManualClock(), schedule: (callback) => callback() });
		store.addProject(PROJECT_A);
		store.setViewport(PROJECT_A, 10);
		store.ingest(makeEvent({ request: null, logs: ["queue job"] }));
		// The newest row has no request: no route to filter on.
		store.toggleQuickFilter("route");
		store.flush();
		expect(store.getSnapshot().notice).toBe("no route under the cursor");
		expect(store.getSnapshot().search).toBeNull();
		for (const spec of specs) store.ingest(makeEvent(spec));
		store.toggleQuickFilter("serverErrors");
		store.flush();
		expect(store.getSnapshot().search).toMatchObject({
			query: "",
			chips: ["5xx"],
			mode: "filter",
			matchCount: 1,
		});
		store.setSearch("sale");
		store.toggleQuickFilter("route");
		store.flush();
		// The row under the cursor is the newest one the filter shows: /fr/sale-🔥.
		expect(store.getSnapshot().search).toMatchObject({ query: "sale", chips: ["5xx", "route /fr/sale-🔥"] });
		store.toggleQuickFilter("serverErrors");
		store.toggleQuickFilter("route");
		store.flush();
		expect(store.getSnapshot().search).toMatchObject({ query: "sale", chips: [], matchCount: 2 });
		store.clearSearch();
		store.toggleQuickFilter("errors");
		store.toggleQuickFilter("errors");
		store.flush();
		expect(store.getSnapshot().search).toBeNull();
		store.dispose();
	});
});
