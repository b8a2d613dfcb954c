import { describe, expect, it } from "vitest";
import { initialStatus } from "../../source/model/connection-status.js";
import { emitEventEntries } from "../../source/store/entries.js";
import {
	knownMisses,
	matchArrivals,
	matchPosition,
	matchPrepended,
	newPaneSearch,
	PREPEND_MATCH_ROWS,
	type SearchReach,
	scanPane,
	scanPending,
} from "../../source/store/pane-search.js";
import { type PaneSearch, PaneState } from "../../source/store/pane-state.js";
import { parseQuery } from "../../source/store/query.js";
import { type CompiledQuery, compileQuery } from "../../source/store/search.js";
import type { Entry } from "../../source/store/types.js";
import { makeEvent, PROJECT_A } from "./events.js";

/** One log row with this text. */
function row(text: string): Entry {
	let out: Entry | undefined;
	emitEventEntries(makeEvent({ logs: [text] }), 0, (entry) => {
		out = entry;
	});
	return out as Entry;
}

function paneOf(texts: readonly string[], capacity = 1000): PaneState {
	const pane = new PaneState(PROJECT_A, "shop", capacity, initialStatus("live"));
	for (const text of texts) pane.ring.push(row(text));
	return pane;
}

const reach = (
	query: string,
	scope: SearchReach["scope"] = "all",
	paneId: string | null = null,
): SearchReach => ({
	scope,
	paneId,
	compiled: compileQuery(parseQuery(query)),
});

/** Starts a search of `query` on the pane; returns its compiled query. */
function searched(pane: PaneState, query: string): CompiledQuery {
	const search = reach(query);
	if (search.compiled === null) throw new Error(`${query} did not compile`);
	pane.search = newPaneSearch(pane, search);
	return search.compiled;
}

const matchesOf = (pane: PaneState): number[] => pane.search?.matches.toArray() ?? [];

describe("newPaneSearch", () => {
	it("starts the scan at the newest row, live matching after it", () => {
		const pane = paneOf(["a", "b", "c"]);
		expect(newPaneSearch(pane, reach("b"))).toMatchObject({ eligible: true, scanNext: 2, liveFrom: 3 });
	});

	it("gives no share to a pane out of scope or for an empty query, and nothing to scan to an excluded pane", () => {
		const pane = paneOf(["a"]);
		expect(newPaneSearch(pane, reach("a", "pane", "another"))).toBeNull();
		expect(newPaneSearch(pane, reach("a", "pane", PROJECT_A))).not.toBeNull();
		expect(newPaneSearch(pane, { scope: "all", paneId: null, compiled: null })).toBeNull();
		const excluded = newPaneSearch(pane, reach("a project:blog"));
		expect(excluded?.eligible).toBe(false);
		pane.search = excluded ?? null;
		expect(scanPending(pane)).toBe(false);
		expect(knownMisses(pane, pane.search as PaneSearch)).toBe(1);
	});
});

describe("scanPane", () => {
	it("scans down to the oldest row when time allows", () => {
		const pane = paneOf(["x1", "y", "x2", "y", "x3"]);
		searched(pane, "x");
		expect(scanPending(pane)).toBe(true);
		expect(scanPane(pane, Number.POSITIVE_INFINITY)).toBe(false);
		expect(matchesOf(pane)).toEqual([0, 2, 4]);
		expect(scanPending(pane)).toBe(false);
		expect(knownMisses(pane, pane.search as PaneSearch)).toBe(2);
	});

	it("stops at a multiple of 32 once the deadline has passed, and goes on from there", () => {
		const pane = paneOf(Array.from({ length: 100 }, (_, i) => `x${i}`));
		searched(pane, "x");
		expect(scanPane(pane, Number.NEGATIVE_INFINITY)).toBe(true);
		expect(pane.search?.scanNext).toBe(96);
		expect(matchesOf(pane)).toEqual([97, 98, 99]);
		expect(knownMisses(pane, pane.search as PaneSearch)).toBe(0);
		expect(scanPane(pane, Number.POSITIVE_INFINITY)).toBe(false);
		expect(matchesOf(pane)).toHaveLength(100);
	});
});

describe("matchArrivals", () => {
	it("matches only rows that arrived since the last call", () => {
		const pane = paneOf(["x old"]);
		searched(pane, "x");
		pane.ring.push(row("x new"));
		pane.ring.push(row("other"));
		matchArrivals(pane);
		expect(matchesOf(pane)).toEqual([1]);
		matchArrivals(pane);
		expect(matchesOf(pane)).toEqual([1]);
		expect(pane.search?.liveFrom).toBe(3);
	});

	it("drops matches of rows evicted meanwhile", () => {
		const pane = paneOf([], 2);
		searched(pane, "x");
		for (const text of ["x0", "x1", "x2"]) pane.ring.push(row(text));
		matchArrivals(pane);
		expect(matchesOf(pane)).toEqual([1, 2]);
	});
});

describe("matchPrepended", () => {
	it("matches rows put in front of a finished scan, at most PREPEND_MATCH_ROWS of them", () => {
		const pane = paneOf(["x"], PREPEND_MATCH_ROWS + 100);
		searched(pane, "x");
		scanPane(pane, Number.POSITIVE_INFINITY);
		for (let i = 0; i < PREPEND_MATCH_ROWS + 10; i++) pane.ring.unshift(row("x older"));
		matchPrepended(pane, 0);
		expect(pane.search?.matches.length).toBe(PREPEND_MATCH_ROWS + 1);
		expect(pane.search?.scanNext).toBe(-PREPEND_MATCH_ROWS - 1);
		expect(scanPending(pane)).toBe(true);
	});

	it("leaves rows put in front of a running scan to the scan", () => {
		const pane = paneOf(["x", "x"]);
		searched(pane, "x");
		pane.ring.unshift(row("x older"));
		matchPrepended(pane, 0);
		expect(matchesOf(pane)).toEqual([]);
		scanPane(pane, Number.POSITIVE_INFINITY);
		expect(matchesOf(pane)).toEqual([-1, 0, 1]);
	});
});

describe("matchPosition", () => {
	it("says the rank of the match under the cursor, 0 off a match, and the count", () => {
		const pane = paneOf(["x", "y", "x"]);
		searched(pane, "x");
		scanPane(pane, Number.POSITIVE_INFINITY);
		expect(matchPosition(pane, () => 2)).toEqual({ index: 2, count: 2 });
		expect(matchPosition(pane, () => 1)).toEqual({ index: 0, count: 2 });
		expect(matchPosition(pane, () => null)).toEqual({ index: 0, count: 2 });
		pane.search = null;
		expect(matchPosition(pane, () => 0)).toEqual({ index: 0, count: 0 });
	});
});
