/**
 * The app on the real store: events go in through the store's sink, keys go in through stdin, and the
 * frames show what a user would see. The store runs on a manual clock; its publishes after a key run
 * on a microtask, and after ingest the test flushes (the frame timer would do it in real time).
 */
import stringWidth from "string-width";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startApp } from "./support/app-flow.js";
import { event, keys, projectA, projectB, status } from "./support/fixtures.js";

let cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups) cleanup();
	cleanups = [];
});

const start = Date.UTC(2026, 5, 1, 12, 0, 0);

/** A request with one log line `message <i>` (and an exception when asked). */
function request(
	i: number,
	fields: { path?: string; status?: number; text?: string; exception?: boolean; project?: string } = {},
) {
	const project = fields.project ?? projectA;
	return event(
		{
			uuid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
			project_uuid: project,
			request: {
				method: "GET",
				url: `https://shop.example.com${fields.path ?? `/p/${i}`}`,
				status_code: fields.status ?? 200,
			},
			logs: [
				{
					timestamp: new Date(start + i * 10).toISOString(),
					level: "info",
					messages: [fields.text ?? `message ${i}`],
				},
			],
			exceptions: fields.exception
				? [
						{
							name: "TypeError",
							message: `bad thing ${i}`,
							stack: `TypeError: bad thing ${i}\n    at handler (worker.js:${i}:1)`,
						},
					]
				: [],
			timestamp: new Date(start + i * 10).toISOString(),
		},
		start + i * 10,
		project,
	);
}

const setup = (projects = [projectA], width = 100, height = 14) =>
	startApp({ projects, width, height, start, onCleanup: (cleanup) => cleanups.push(cleanup) });

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("follow mode", () => {
	it("follows the newest entry, anchors on k with N new below, and G resumes", async () => {
		const t = await setup();
		// 14 rows: 13 for the pane, 2 border + 2 header: 9 body rows.
		t.feed(range(0, 30).map((i) => request(i)));
		await vi.waitFor(() => expect(t.frame()).toContain("message 29"));
		expect(t.frame()).not.toContain("message 20 ");
		t.type("k");
		await vi.waitFor(() => expect(t.frame()).not.toMatch(/new ↓/));
		t.feed(range(30, 33).map((i) => request(i)));
		await vi.waitFor(() => expect(t.frame()).toContain("3 new ↓"));
		expect(t.frame()).not.toContain("message 32");
		t.type("G");
		await vi.waitFor(() => expect(t.frame()).toContain("message 32"));
		expect(t.frame()).not.toContain("new ↓");
	});
});

describe("pause", () => {
	it("Space freezes the pane and counts what arrives; Space again catches up", async () => {
		const t = await setup();
		t.feed(range(0, 5).map((i) => request(i)));
		await vi.waitFor(() => expect(t.frame()).toContain("message 4"));
		t.type(" ");
		await vi.waitFor(() => expect(t.frame()).toContain("PAUSED +0"));
		t.feed(range(5, 9).map((i) => request(i)));
		await vi.waitFor(() => expect(t.frame()).toContain("PAUSED +4"));
		expect(t.frame()).not.toContain("message 8");
		t.type(" ");
		await vi.waitFor(() => expect(t.frame()).toContain("message 8"));
		expect(t.frame()).not.toContain("PAUSED");
	});

	it("p pauses every pane while Space pauses only the focused one", async () => {
		const t = await setup([projectA, projectB], 120, 14);
		t.type(" ");
		await vi.waitFor(() => expect(t.frame().match(/PAUSED/g)).toHaveLength(1));
		t.type("p");
		await vi.waitFor(() => expect(t.frame().match(/PAUSED/g)).toHaveLength(2));
	});
});

describe("search and filter", () => {
	it("finds as you type, shows match i/n, and f hides what does not match", async () => {
		const t = await setup();
		t.feed(
			range(0, 6).map((i) =>
				request(i, i % 2 === 0 ? { path: "/checkout", text: `checkout step ${i}` } : {}),
			),
		);
		await vi.waitFor(() => expect(t.frame()).toContain("message 5"));
		t.type("/");
		await vi.waitFor(() => expect(t.frame()).toContain("SEARCH"));
		t.type("c", "h", "e", "c", "k", "o", "u", "t");
		t.type(keys.enter);
		// The search scans in slices and publishes on the store's frame timer: let store time pass.
		await vi.waitFor(() => {
			t.clock.advance(50);
			expect(t.frame()).toMatch(/\/checkout match \d\/3/);
		});
		// Find mode keeps every row.
		expect(t.frame()).toContain("message 5");
		t.type("f");
		await vi.waitFor(() => expect(t.frame()).toContain("FILTER"));
		await vi.waitFor(() => expect(t.frame()).toContain("filter: hidden 3"));
		expect(t.frame()).not.toContain("message 5");
		expect(t.frame()).toContain("checkout step 4");
		// Esc clears the search: every row is back.
		t.type(keys.escape);
		await vi.waitFor(() => expect(t.frame()).toContain("message 5"));
		expect(t.frame()).not.toContain("FILTER");
	});
});

describe("overlays on real data", () => {
	it("x shows the newest exception's stack and Enter the detail of the row under the cursor", async () => {
		const t = await setup([projectA], 110, 40);
		t.feed([
			request(1, { exception: true, status: 500 }),
			request(2),
			request(3, { exception: true, status: 502 }),
		]);
		await vi.waitFor(() => expect(t.frame()).toContain("✖ TypeError: bad thing 3"));
		t.type("x");
		await vi.waitFor(() =>
			expect(t.frame()).toContain("Exception 2/2 · storefront · TypeError: bad thing 3"),
		);
		expect(t.frame()).toContain("at handler (worker.js:3:1)");
		t.type("[");
		await vi.waitFor(() => expect(t.frame()).toContain("at handler (worker.js:1:1)"));
		t.type(keys.escape);
		await vi.waitFor(() => expect(t.frame()).not.toContain("Exception 1/2"));
		t.type(keys.enter);
		await vi.waitFor(() => expect(t.frame()).toContain("Detail · storefront"));
		expect(t.frame()).toContain("Raw event");
	});
});

describe("header states from the stream", () => {
	it("shows reconnecting with attempt and countdown, then stopped with its reason", async () => {
		const t = await setup();
		t.store.status(
			projectA,
			status("reconnecting", { attempt: 3, retryAt: t.clock.now() + 4_000, reason: "503" }),
		);
		t.store.flush();
		await vi.waitFor(() => expect(t.frame()).toContain("↻ reconnecting 3 · 4s"));
		t.store.status(
			projectA,
			status("stopped", {
				reason: "Your access token is invalid or has expired",
				shortReason: "token expired",
				fatal: true,
			}),
		);
		t.store.flush();
		await vi.waitFor(() => expect(t.frame()).toContain("✖ stopped: token expired"));
		expect(t.frame()).toContain("1 stopped");
		// The focused pane's whole sentence, which the header has no room for, is in the status bar.
		expect(t.frame().replace(/\s+/g, " ")).toContain("Your access token is invalid or has expired");
	});
});

describe("unicode", () => {
	it("keeps the columns of every pane aligned with CJK and emoji messages", async () => {
		const t = await setup([projectA, projectB], 90, 14);
		const texts = [
			"注文の処理に失敗しました：在庫が不足しています",
			"🎉🚀 deploy finished 👩‍💻 in 3.2 s",
			"mixed 混合 text 😀 end",
		];
		t.feed(texts.map((text, i) => request(i, { text })));
		// (Not a spread of another event: events normalize lazily, their fields are not own data.)
		t.feed(
			texts.map((text, i) => request(i + 10, { text, project: projectB })),
			projectB,
		);
		await vi.waitFor(() => expect(t.frame()).toContain("🎉🚀"));
		const lines = t.frame().split("\n");
		for (const line of lines.slice(0, -1)) expect(stringWidth(line), line).toBe(90);
	});
});

describe("search finds what is on screen", () => {
	it("/sale finds the rows whose path shows sale, not a message holding 'locale'; ~ is fuzzy and says so", async () => {
		const t = await setup([projectA], 110, 16);
		t.feed([
			request(1, { path: "/fr/sale-🔥", status: 500, text: "boom" }),
			request(2, { path: "/de/account", text: '{"locale":"de-DE"}' }),
			request(3, { path: "/api/cart", text: "cart updated" }),
		]);
		await vi.waitFor(() => expect(t.frame()).toContain("cart updated"));
		t.type("/", ..."/sale".split(""), keys.enter);
		await vi.waitFor(() => {
			t.clock.advance(50);
			expect(t.frame()).toMatch(/\/\/sale match \d\/1/);
		});
		expect(t.frame()).not.toContain("fuzzy");
		t.type("f");
		await vi.waitFor(() => expect(t.frame()).toContain("FILTER"));
		await vi.waitFor(() => expect(t.frame()).not.toContain("locale"));
		expect(t.frame()).toContain("/fr/sale-🔥");
		t.type(keys.escape);
		await vi.waitFor(() => expect(t.frame()).toContain("locale"));
		t.type("/", ..."~crt".split(""), keys.enter);
		await vi.waitFor(() => {
			t.clock.advance(50);
			expect(t.frame()).toMatch(/\/~crt match \d\/1 fuzzy/);
		});
	});
});

describe("navigation stays inside the filter", () => {
	it("x, [ and ] go through only the exceptions the filter shows; e/E and g/G too", async () => {
		const t = await setup([projectA], 110, 40);
		t.feed([
			request(1, { path: "/checkout", exception: true, status: 500 }),
			request(2, { path: "/de/sale-🔥", exception: true, status: 500 }),
			request(3, { path: "/checkout", exception: true, status: 500 }),
			request(4, { path: "/en/login", exception: true, status: 500 }),
			request(5, { path: "/checkout", text: "ok 5" }),
		]);
		await vi.waitFor(() => expect(t.frame()).toContain("✖ TypeError: bad thing 4"));
		t.type("/", ..."status:500 path:/checkout".split(""), keys.enter);
		await vi.waitFor(() => expect(t.frame()).toMatch(/match \d\/4/));
		t.type("f");
		await vi.waitFor(() => expect(t.frame()).not.toContain("bad thing 4"));
		t.type("x");
		// The newest exception the filter shows (not bad thing 4 on /en/login), counted among those shown.
		await vi.waitFor(() =>
			expect(t.frame()).toContain("Exception 2/2 · storefront · TypeError: bad thing 3"),
		);
		t.type("[");
		await vi.waitFor(() =>
			expect(t.frame()).toContain("Exception 1/2 · storefront · TypeError: bad thing 1"),
		);
		t.type("[");
		await vi.waitFor(() => expect(t.frame()).toContain("no older exception"));
		t.type("]");
		await vi.waitFor(() => expect(t.frame()).toContain("bad thing 3"));
		t.type("]");
		await vi.waitFor(() => expect(t.frame()).toContain("no newer exception"));
		t.type(keys.escape);
		await vi.waitFor(() => expect(t.frame()).not.toContain("Exception 2/2"));
		// e/E and g/G move over the filtered rows only: the cursor never lands on bad thing 2 or 4.
		t.type("g");
		t.type(keys.enter);
		await vi.waitFor(() => expect(t.frame()).toContain("Detail · storefront"));
		expect(t.frame()).toContain("/checkout");
		expect(t.frame()).not.toContain("bad thing 2");
		t.type(keys.escape);
		await vi.waitFor(() => expect(t.frame()).not.toContain("Detail ·"));
		t.type("G", "E", "E", keys.enter);
		await vi.waitFor(() => expect(t.frame()).toContain("Detail · storefront"));
		expect(t.frame()).toContain("bad thing 1");
		expect(t.frame()).not.toMatch(/bad thing [24]/);
	});
});

describe("pause and the filter agree", () => {
	it("Esc on a pane paused while filtered unfilters its frozen rows: header and rows agree", async () => {
		const t = await setup([projectA], 110, 16);
		t.feed(
			range(0, 8).map((i) =>
				request(i, i % 2 === 0 ? { path: "/checkout", text: `checkout step ${i}` } : {}),
			),
		);
		await vi.waitFor(() => expect(t.frame()).toContain("message 7"));
		t.type("/", ..."checkout".split(""), keys.enter);
		await vi.waitFor(() => expect(t.frame()).toMatch(/\/checkout match \d\/4/));
		t.type("f");
		await vi.waitFor(() => expect(t.frame()).toContain("filter: hidden 4"));
		t.type(" ");
		await vi.waitFor(() => expect(t.frame()).toContain("PAUSED +0"));
		expect(t.frame()).not.toContain("message 7");
		// Arrivals while paused stay out of the frozen rows.
		t.feed([request(8, { text: "late arrival 8" })]);
		await vi.waitFor(() => expect(t.frame()).toContain("PAUSED +1"));
		t.type(keys.escape);
		await vi.waitFor(() => expect(t.frame()).not.toContain("FILTER"));
		await vi.waitFor(() => expect(t.frame()).toContain("message 7"));
		const frame = t.frame();
		expect(frame).not.toContain("filter: hidden");
		expect(frame).toContain("PAUSED +1");
		expect(frame).toContain("message 1");
		expect(frame).toContain("checkout step 6");
		expect(frame).not.toContain("late arrival 8");
		// f back to find mode does the same for a pane paused while filtered.
		t.type(" ");
		await vi.waitFor(() => expect(t.frame()).toContain("late arrival 8"));
		t.type("/", ..."checkout".split(""), keys.enter);
		await vi.waitFor(() => expect(t.frame()).toMatch(/\/checkout match \d\/4/));
		t.type("f");
		await vi.waitFor(() => expect(t.frame()).toContain("filter: hidden 5"));
		t.type(" ");
		await vi.waitFor(() => expect(t.frame()).toContain("PAUSED +0"));
		t.type("f");
		await vi.waitFor(() => expect(t.frame()).not.toContain("FILTER"));
		await vi.waitFor(() => expect(t.frame()).toContain("late arrival 8"));
		expect(t.frame()).toContain("message 7");
	});
});

describe("closing a pane keeps its buffer", () => {
	it("w closes with a notice, u brings the pane back as it was (rows, exceptions, cursor)", async () => {
		const t = await setup([projectA, projectB], 140, 16);
		t.feed(range(0, 6).map((i) => request(i, i === 2 ? { exception: true, status: 500 } : {})));
		t.feed([request(50, { project: projectB, text: "other pane 50" })], projectB);
		await vi.waitFor(() => expect(t.frame()).toContain("message 5"));
		// The cursor two rows up, on message 3 (message 2's exception is a row of its own).
		t.type("k", "k");
		t.type("w");
		await vi.waitFor(() => expect(t.frame()).toContain("closed storefront — u brings it back"));
		expect(t.frame()).not.toContain("message 5");
		expect(t.frame()).toContain("other pane 50");
		t.type("u");
		await vi.waitFor(() => expect(t.frame()).toContain("message 5"));
		const frame = t.frame();
		expect(frame).toContain("6 ev · 1 5xx · 1 exc");
		expect(frame).toContain("✖ TypeError: bad thing 2");
		// Focused again, with the cursor where it was.
		t.type(keys.enter);
		await vi.waitFor(() => expect(t.frame()).toContain("Detail · storefront"));
		expect(t.frame()).toContain("message 3");
		t.type(keys.escape);
		await vi.waitFor(() => expect(t.frame()).not.toContain("Detail ·"));
		t.type("u");
		await vi.waitFor(() => expect(t.frame()).toContain("no closed pane to bring back"));
	});
});

describe("quick filters", () => {
	it("S, X and R toggle only 5xx, only errors and exceptions, only this route: chips combined with the query", async () => {
		const t = await setup([projectA], 140, 16);
		t.feed([
			request(1, { path: "/checkout", status: 500, text: "checkout down 1" }),
			request(2, { path: "/cart", text: "cart fine 2" }),
			request(3, { path: "/cart", status: 503, exception: true, text: "cart broke 3" }),
			request(4, { path: "/checkout", text: "checkout fine 4" }),
		]);
		await vi.waitFor(() => expect(t.frame()).toContain("checkout fine 4"));
		// Each step waits for the whole screen it expects: a filter's matches arrive as its scan runs, so
		// a row gone is not yet a row shown.
		const screen = (shown: readonly string[], gone: readonly string[]) =>
			vi.waitFor(() => {
				const frame = t.frame();
				for (const text of shown) expect(frame).toContain(text);
				for (const text of gone) expect(frame).not.toContain(text);
			});
		t.type("S");
		await screen(["[5xx]", "FILTER", "checkout down 1", "cart broke 3"], ["fine"]);
		// Combined with the typed query by AND.
		t.type("/", ..."cart".split(""), keys.enter);
		await screen(["[5xx] /cart", "cart broke 3"], ["checkout down 1"]);
		// X: only errors and exceptions: the exception row of event 3 (its log is info).
		t.type("X");
		await screen(["[5xx] [errors] /cart", "✖ TypeError: bad thing 3"], ["INFO  cart broke 3"]);
		// Esc clears the query and every chip.
		t.type(keys.escape);
		await screen(["checkout fine 4"], ["[5xx]"]);
		// R: the route of the row under the cursor (the newest row, /checkout).
		t.type("R");
		await screen(["[route /checkout]", "checkout down 1", "checkout fine 4"], ["cart fine 2"]);
		t.type("R");
		await screen(["cart fine 2"], ["[route", "FILTER"]);
	});
});
