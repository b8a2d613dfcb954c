import { describe, expect, it } from "vitest";
import { initialStatus } from "../../source/model/connection-status.js";
import { emitEventEntries } from "../../source/store/entries.js";
import { newPaneSearch } from "../../source/store/pane-search.js";
import { PaneState } from "../../source/store/pane-state.js";
import { parseQuery } from "../../source/store/query.js";
import { type CompiledQuery, compileQuery } from "../../source/store/search.js";
import { type ScanHost, SearchScan } from "../../source/store/search-scan.js";
import { makeEvent, PROJECT_A, PROJECT_B } from "./events.js";

function paneOf(id: string, texts: readonly string[]): PaneState {
	const pane = new PaneState(id, undefined, 1000, initialStatus("live"));
	for (const text of texts)
		emitEventEntries(makeEvent({ logs: [text] }), 0, (entry) => pane.ring.push(entry));
	return pane;
}

function compiled(query: string): CompiledQuery {
	const out = compileQuery(parseQuery(query));
	if (out === null) throw new Error("no query");
	return out;
}

/** A host over `panes` that records what the scan tells it, and a scheduler run by hand. */
function world(panes: PaneState[], focused?: PaneState) {
	const queued: (() => void)[] = [];
	const log: string[] = [];
	const host: ScanHost = {
		panes: () => panes,
		focused: () => focused,
		touch: (pane) => log.push(`touch ${pane.id.slice(0, 4)}`),
		markDirty: () => log.push("dirty"),
		soon: () => log.push("soon"),
	};
	const runNext = (): void => {
		const next = queued.shift();
		if (next === undefined) throw new Error("nothing queued");
		next();
	};
	return { host, queued, log, runNext };
}

function start(panes: readonly PaneState[], scan: SearchScan, query: string): void {
	const search = { scope: "all" as const, paneId: null, compiled: compiled(query) };
	for (const pane of panes) pane.search = newPaneSearch(pane, search);
	scan.restart();
}

describe("SearchScan", () => {
	it("scans the focused pane first, shows its first matches at once, and queues nothing once done", () => {
		const a = paneOf(PROJECT_A, ["x", "y"]);
		const b = paneOf(PROJECT_B, ["x"]);
		const { host, queued, log, runNext } = world([a, b], b);
		const scan = new SearchScan(host, (callback) => queued.push(callback), 1000);
		start([a, b], scan, "x");
		scan.schedule();
		scan.schedule();
		expect(queued).toHaveLength(1);
		runNext();
		expect(log).toEqual([
			`touch ${PROJECT_B.slice(0, 4)}`,
			`touch ${PROJECT_A.slice(0, 4)}`,
			"dirty",
			"soon",
		]);
		expect(a.search?.matches.toArray()).toEqual([0]);
		expect(b.search?.matches.toArray()).toEqual([0]);
		scan.schedule();
		expect(queued).toHaveLength(0);
	});

	it("runs the newer search when a slice queued for an older one comes due", () => {
		const a = paneOf(PROJECT_A, ["x", "y"]);
		const { host, queued, runNext } = world([a]);
		const scan = new SearchScan(host, (callback) => queued.push(callback), 1000);
		start([a], scan, "x");
		scan.schedule();
		start([a], scan, "y");
		runNext();
		// The stale slice only queued a new one.
		expect(a.search?.matches.length).toBe(0);
		runNext();
		expect(a.search?.matches.toArray()).toEqual([1]);
	});

	it("queues no more after dispose", () => {
		const a = paneOf(PROJECT_A, ["x"]);
		const { host, queued, log, runNext } = world([a]);
		const scan = new SearchScan(host, (callback) => queued.push(callback), 1000);
		start([a], scan, "x");
		scan.schedule();
		scan.dispose();
		runNext();
		expect(queued).toHaveLength(0);
		expect(log).toEqual([]);
	});

	it("goes on in a later slice when a slice's time runs out", () => {
		const a = paneOf(
			PROJECT_A,
			Array.from({ length: 200 }, (_, i) => `x${i}`),
		);
		const { host, queued, runNext } = world([a]);
		// A budget of 0 ms: every slice ends at its first clock check.
		const scan = new SearchScan(host, (callback) => queued.push(callback), 0);
		start([a], scan, "x");
		scan.schedule();
		runNext();
		expect(a.search?.matches.length).toBeLessThan(200);
		expect(queued).toHaveLength(1);
		while (queued.length > 0) runNext();
		expect(a.search?.matches.length).toBe(200);
	});
});
