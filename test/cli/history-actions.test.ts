/**
 * The TUI's history keys end to end below the UI: a session controller and a store against the
 * emulator over real loopback HTTP. "Search older history" sends the search's server-side filters
 * and follows the page cursor (the requests the emulator receives are checked), and its matches
 * enter the scrollback exactly once, in time order; going to a time loads the window around it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { goToTime, loadOlder, searchOlder } from "../../source/cli/history-actions.js";
import { createSessionController, type SessionController } from "../../source/cli/session-controller.js";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { parseEvent } from "../../source/model/normalize.js";
import { createTailStore } from "../../source/store/store.js";
import type { PaneSnapshot, TailStore } from "../../source/store/types.js";

let emulator: Emulator;
let session: SessionController | undefined;
let store: TailStore | undefined;
beforeEach(async () => {
	emulator = await createEmulator({ rate: 0, keepAliveMs: 100, streamEndMs: 0 });
});
afterEach(async () => {
	await session?.stopAll();
	store?.dispose();
	await emulator.close();
});

let counter = 0;
/** One invocation at `at`: a request and a log row naming it. */
function invocation(at: number, url: string, status: number): Record<string, unknown> {
	counter += 1;
	const ts = new Date(at).toISOString();
	return {
		uuid: `inv-${counter}`,
		timestamp: ts,
		request: { method: "GET", url, status_code: status },
		logs: [
			{ timestamp: ts, level: status >= 500 ? "error" : "info", messages: [`${url} ${status} #${counter}`] },
		],
		exceptions: [],
	};
}

function setup(pageSize: number) {
	const p = emulator.projects[0]?.uuid as string;
	store = createTailStore({ schedule: (slice) => setImmediate(slice) });
	session = createSessionController({
		target: { origin: emulator.origin, storeHash: emulator.storeHash, token: emulator.token },
		sink: store,
		idleTimeoutMs: 30_000,
		maxEventBytes: 1 << 20,
		history: { sinceMs: 0, pageSize, fillSeams: false, fillGaps: false },
	});
	session.open({ uuid: p, name: "shop" });
	return { p, store, session };
}

/** Every row of the pane, top to bottom. */
function allRows(s: TailStore): PaneSnapshot["rows"] {
	s.setViewport(emulator.projects[0]?.uuid as string, 1_000_000);
	s.flush();
	return (s.getSnapshot().panes[0] as PaneSnapshot).rows;
}

/** The history queries the emulator received, as parameter maps. */
const queries = (p: string) => emulator.historyQueries(p).map((query) => new URLSearchParams(query));

describe("search older history (filter mode)", () => {
	it("sends the server-side filters, follows the cursor, and places every match once in time order", async () => {
		const { p, store: s, session: c } = setup(3);
		const now = Date.now();
		const hour = 3_600_000;
		const wanted: string[] = [];
		for (let i = 0; i < 48; i++) {
			const at = now - 3 * 24 * hour + i * hour;
			const url = i % 3 === 0 ? "/en/checkout" : "/en/cart";
			const status = i % 2 === 0 ? 500 : 200;
			const event = invocation(at, url, status);
			emulator.push(p, event);
			if (url === "/en/checkout" && status === 500) wanted.push(`${url} ${status} #${counter}`);
		}
		// Something recent in the pane already: the search goes back from its oldest row.
		const recent = invocation(now - 1000, "/en", 200);
		emulator.push(p, recent);
		const parsed = parseEvent(JSON.stringify({ ...recent, project_uuid: p }), p, now);
		if (!parsed.ok) throw new Error("bad test event");
		s.ingest(parsed.event);
		s.setSearch("status:500 path:/checkout", { mode: "filter" });
		s.flush();
		expect(s.olderSearch()?.words).toEqual(["status_code=500", "url:like=/checkout"]);

		const before = queries(p).length;
		for (let step = 0; step < 10; step++) {
			await searchOlder(s, c, p);
			s.flush();
			if (s.getSnapshot().notice?.includes("the last 7 days searched")) break;
		}
		expect(s.getSnapshot().notice).toMatch(/the last 7 days searched/);
		const sent = queries(p).slice(before);
		// 8 invocations match, 16 entries (a request row and a log row each): 6 pages of 3, each with
		// the filters and the first page's window; after the first, each the cursor of the one before.
		expect(sent).toHaveLength(6);
		for (const query of sent) {
			expect(query.get("status_code")).toBe("500");
			expect(query.get("url:like")).toBe("/checkout");
			expect(query.get("limit")).toBe("3");
			expect(query.get("start")).toBe(sent[0]?.get("start"));
			expect(query.get("end")).toBe(sent[0]?.get("end"));
		}
		expect(sent[0]?.get("after")).toBeNull();
		const afters = sent.slice(1).map((query) => query.get("after"));
		expect(afters.every((after) => after !== null && after !== "")).toBe(true);
		expect(new Set(afters).size).toBe(afters.length);

		// The filter view: each match once, oldest first. Then every row: the marker under them.
		// The search re-reads the pane in slices (setImmediate): wait until it has.
		await vi.waitFor(() => expect(allRows(s).map((row) => row.entry.text)).toEqual(wanted));
		s.toggleFilterMode();
		const rows = allRows(s);
		const texts = rows.map((row) => row.entry.text);
		const mark = texts.findIndex((text) => text.startsWith("above: older history, only status_code=500"));
		expect(mark).toBe(wanted.length);
		expect(texts.filter((text) => text.startsWith("above:"))).toHaveLength(1);
		const times = rows.slice(0, mark).map((row) => row.entry.time);
		expect([...times].sort((a, b) => a - b)).toEqual(times);
	});
});

describe("go to a time", () => {
	it("loads the window around a time older than the pane and puts the cursor there", async () => {
		const { p, store: s, session: c } = setup(50);
		const now = Date.now();
		const minute = 60_000;
		const base = now - 10 * 3_600_000;
		for (let i = 0; i < 590; i++) emulator.push(p, invocation(base + i * minute, `/m/${i}`, 200));
		const before = queries(p).length;
		const asked = base + 300 * minute + 30_000;
		await goToTime(s, c, p, asked, true);
		s.flush();
		expect(s.selectedEntry()?.text).toMatch(/^\/m\/301 200 /);
		const pane = s.getSnapshot().panes[0] as PaneSnapshot;
		expect(pane.at).toEqual({ ms: asked, seconds: true });
		expect(pane.follow).toBe(false);
		// The page before the time, then the time on (slices of a minute first): a few requests.
		const sent = queries(p).slice(before);
		expect(sent.length).toBeGreaterThan(1);
		expect(sent.length).toBeLessThan(12);
		expect(Date.parse(sent[0]?.get("end") ?? "")).toBe(asked - 1);
		// Every row once, in time order, and the stretch not loaded is marked.
		const rows = allRows(s);
		const texts = rows.map((row) => row.entry.text);
		expect(new Set(texts).size).toBe(texts.length);
		const events = rows.filter((row) => row.entry.kind !== "gap").map((row) => row.entry.time);
		expect([...events].sort((a, b) => a - b)).toEqual(events);
	});
});

describe("scroll back", () => {
	it("hours back, page after page: every entry once, an invocation never cut at a page edge", async () => {
		const { p, store: s, session: c } = setup(5);
		const now = Date.now();
		const base = now - 6 * 3_600_000;
		const wanted: string[] = [];
		// Two invocations share each millisecond: page edges fall inside a millisecond too.
		for (let i = 0; i < 20; i++) {
			const at = base + Math.floor(i / 2) * 60_000;
			emulator.push(p, invocation(at, `/back/${i}`, 200));
			wanted.push(`/back/${i} 200 #${counter}`);
		}
		for (let step = 0; step < 30; step++) {
			await loadOlder(s, c, p);
			s.flush();
			if ((s.getSnapshot().panes[0] as PaneSnapshot).olderState === "exhausted") break;
		}
		expect((s.getSnapshot().panes[0] as PaneSnapshot).olderState).toBe("exhausted");
		const texts = allRows(s).map((row) => row.entry.text);
		expect([...texts].sort()).toEqual([...wanted].sort());
		const times = allRows(s).map((row) => row.entry.time);
		expect([...times].sort((a, b) => a - b)).toEqual(times);
	});
});
