import { render } from "ink-testing-library";
import stringWidth from "string-width";
import { afterEach, describe, expect, it } from "vitest";
import type { PaneSnapshot } from "../../source/store/types.js";
import { App } from "../../source/ui/app.js";
import { PaneView, paneBodyRows } from "../../source/ui/pane-view.js";
import {
	entry,
	event,
	pane,
	plain,
	projectA,
	projectB,
	projectC,
	row,
	ScriptedStore,
	search,
	snapshot,
	status,
	t0,
} from "./support/fixtures.js";

let cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups) cleanup();
	cleanups = [];
});

/** Renders one pane at a fixed size and returns its frame without colours. */
function drawPane(p: PaneSnapshot, width = 80, height = 10, focused = true): string {
	const app = render(
		<PaneView pane={p} index={0} width={width} height={height} focused={focused} timeFormat="utc" now={t0} />,
	);
	cleanups.push(app.unmount);
	return plain(app.lastFrame());
}

const cart = event({
	uuid: "e1",
	request: { method: "GET", url: "https://store.example.com/en/cart", status_code: 500 },
	logs: [{ timestamp: "2026-06-01T12:34:56.101Z", level: "error", messages: ["upstream failed"] }],
	exceptions: [{ name: "TypeError", message: "Cannot read property of undefined" }],
	timestamp: "2026-06-01T12:34:56.410Z",
});

describe("pane header", () => {
	it("counts skipped frames (torn, bad JSON, unknown shape, oversized) so none is silent", () => {
		const base = status("live");
		const frame = drawPane(
			pane({
				id: projectA,
				title: "storefront",
				status: {
					...base,
					counters: { ...base.counters, skipped: { torn: 1, json: 2, shape: 3, oversize: 1 } },
				},
			}),
			100,
		);
		expect(frame).toContain("7 skipped");
		expect(drawPane(pane({ id: projectA, title: "storefront" }), 100)).not.toContain("skipped");
	});

	it("shows the title, live state, totals and a sparkline", () => {
		const frame = drawPane(
			pane({
				id: projectA,
				title: "storefront",
				totals: { events: 123, serverErrors: 4, exceptions: 2 },
				rate: Array.from({ length: 60 }, (_, i) => (i < 30 ? 0 : 5)),
			}),
		);
		// The state before the name: a narrow header cuts the name, never the state.
		expect(frame).toContain("1 ● live  storefront");
		expect(frame).toContain("123 ev · 4 5xx · 2 exc");
		expect(frame).toMatch(/▁+[▂-▇]?█+ 123 ev/);
	});

	it("shows a reconnecting pane's attempt and countdown", () => {
		const frame = drawPane(
			pane({
				id: projectA,
				status: status("reconnecting", { attempt: 3, retryAt: t0 + 3_500, reason: "503" }),
			}),
		);
		expect(frame).toContain("↻ reconnecting 3 · 4s");
	});

	it("shows why a pane stopped", () => {
		const frame = drawPane(
			pane({
				id: projectA,
				status: status("stopped", {
					reason: "Your access token is invalid or has expired",
					shortReason: "token expired",
					fatal: true,
				}),
			}),
		);
		expect(frame).toContain("✖ stopped: token expired");
	});

	it("shows PAUSED +N, N new below and the filter's hidden count", () => {
		const frame = drawPane(
			pane({ id: projectA, paused: true, pausedNew: 17, follow: false, newBelow: 5, hidden: 9 }),
			100,
		);
		expect(frame).toContain("PAUSED +17");
		expect(frame).toContain("5 new ↓");
		expect(frame).toContain("filter: hidden 9");
	});

	it("does not claim new entries below while following", () => {
		expect(drawPane(pane({ id: projectA, follow: true, newBelow: 0 }))).not.toContain("new ↓");
	});

	it("fits a small pane's header on one line", () => {
		const frame = drawPane(pane({ id: projectA, title: "tiny", paused: true, pausedNew: 2 }), 60, 6);
		const lines = frame.split("\n");
		expect(lines[1]).toContain("tiny");
		expect(lines[1]).toContain("PAUSED +2");
		expect(paneBodyRows(6)).toBe(3);
	});
});

describe("pane body", () => {
	it("draws only the rows it has room for", () => {
		const rows = Array.from({ length: 20 }, (_, i) =>
			row(entry("log", cart, { level: "info", text: `line ${i}` })),
		);
		const frame = drawPane(pane({ id: projectA, rows }), 80, 8);
		expect(paneBodyRows(8)).toBe(4);
		expect(frame).toContain("line 3");
		expect(frame).not.toContain("line 4");
	});

	it("draws request, log, exception and gap rows", () => {
		const rows = [
			row(
				entry("log", cart, {
					level: "error",
					text: "upstream failed",
					time: Date.parse("2026-06-01T12:34:56.101Z"),
				}),
			),
			row(entry("exception", cart, { text: "TypeError: Cannot read property of undefined" })),
			row(
				entry("gap", null, {
					text: "disconnected 12.4 s: 503",
					time: t0,
					gap: { start: t0, end: t0 + 12_400, cause: "503" },
				}),
			),
			row(
				entry(
					"request",
					event({ uuid: "e2", request: { method: "POST", url: "/api/cart", status_code: 204 } }),
				),
			),
		];
		const frame = drawPane(pane({ id: projectA, rows }), 100, 9);
		expect(frame).toContain("12:34:56.101Z 500 GET  /en/cart ERROR upstream failed");
		expect(frame).toContain("✖ TypeError: Cannot read property of undefined");
		expect(frame).toContain("── disconnected 12.4 s: 503 ──");
		expect(frame).toContain("204 POST /api/cart");
	});

	it("keeps borders aligned with CJK and emoji rows cut to the width", () => {
		const texts = [
			"日本語のログメッセージがとても長い行になります",
			"emoji 😀👩‍💻🎉 in the middle of text that runs on",
			"混合 mixed テキスト😀",
		];
		const rows = texts.map((text) => row(entry("log", cart, { level: "info", text })));
		for (const width of [41, 50, 63]) {
			const frame = drawPane(pane({ id: projectA, rows }), width, 8);
			const lines = frame.split("\n");
			expect(lines).toHaveLength(8);
			for (const line of lines) expect(stringWidth(line), line).toBe(width);
			// Every row ends on the right border.
			for (const line of lines.slice(1, -1)) expect(line.endsWith("│")).toBe(true);
			expect(frame).toContain("…");
		}
	});

	it("a replay pane says replay, not stopped; a stopped pane is not waiting for events", () => {
		const replay = drawPane(pane({ id: projectA, replay: true, status: status("stopped") }));
		expect(replay).toContain("▶ replay");
		expect(replay).not.toContain("stopped");
		expect(replay).toContain("no events in the recording");
		const stopped = drawPane(pane({ id: projectA, status: status("stopped", { reason: "stopped" }) }));
		expect(stopped).toContain("no events received");
		expect(stopped).not.toContain("waiting for events");
	});

	it("says it is waiting when there are no rows, and what the filter hides", () => {
		expect(drawPane(pane({ id: projectA }))).toContain("waiting for events…");
		expect(drawPane(pane({ id: projectA, hidden: 4 }))).toContain("no matching entries");
	});
});

describe("app layout", () => {
	function drawApp(panes: PaneSnapshot[], width: number, height: number, fields = {}) {
		const store = new ScriptedStore(snapshot({ panes, ...fields }));
		const app = render(<App store={store} onQuit={() => {}} width={width} height={height} />);
		cleanups.push(app.unmount);
		return { frame: plain(app.lastFrame()), store };
	}

	it("puts three panes side by side and four in a 2x2 grid", () => {
		const three = drawApp(
			[pane({ id: projectA }), pane({ id: projectB }), pane({ id: projectC })],
			120,
			20,
		).frame.split("\n");
		expect(three[0]?.match(/╭/g)).toHaveLength(3);
		const four = drawApp(
			[pane({ id: projectA }), pane({ id: projectB }), pane({ id: projectC }), pane({ id: "d-pane-0000" })],
			120,
			20,
		).frame.split("\n");
		expect(four[0]?.match(/╭/g)).toHaveLength(2);
		expect(four.filter((line) => line.startsWith("╭"))).toHaveLength(2);
	});

	it("shows only the focused pane when zoomed", () => {
		const { frame } = drawApp(
			[pane({ id: projectA, title: "alpha" }), pane({ id: projectB, title: "beta" })],
			100,
			20,
			{ zoom: true, focus: 1 },
		);
		expect(frame).toContain("beta");
		expect(frame).not.toContain("alpha");
	});

	it("sets each pane's viewport from the layout arithmetic", async () => {
		const { store } = drawApp([pane({ id: projectA }), pane({ id: projectB })], 100, 21);
		// 20 rows for panes: 2 border + 2 header = 16 body rows each.
		await expect.poll(() => store.calls).toContain(`setViewport("${projectA}", 16)`);
		expect(store.calls).toContain(`setViewport("${projectB}", 16)`);
	});

	it("says the terminal is too small below 40x10", () => {
		expect(drawApp([pane({ id: projectA })], 39, 20).frame).toContain("terminal too small");
		expect(drawApp([pane({ id: projectA })], 80, 9).frame).toContain("terminal too small");
		expect(drawApp([pane({ id: projectA })], 40, 10).frame).not.toContain("terminal too small");
	});

	it("shows the overall state, the search and its match count in the status bar", () => {
		const { frame } = drawApp(
			[
				pane({ id: projectA }),
				pane({ id: projectB, status: status("reconnecting", { attempt: 1 }) }),
				pane({ id: projectC, status: status("live") }),
			],
			120,
			12,
			{
				search: search("status:5xx", { matchIndex: 2, matchCount: 7, mode: "filter" }),
				notice: "copied event",
			},
		);
		const last = frame.split("\n").at(-1) ?? "";
		expect(last).toContain("/status:5xx match 2/7 FILTER");
		expect(last).toContain("copied event");
		expect(last).toContain("2 live · 1 reconnecting");
	});

	it("shows a pending search and a query error", () => {
		const pending = drawApp([pane({ id: projectA })], 100, 12, {
			search: search("cart", { matchIndex: 0, matchCount: 3, pending: true }),
		});
		expect(pending.frame).toContain("match 0/3 …");
		const error = drawApp([pane({ id: projectA })], 100, 12, {
			search: search("status:abc", { error: "status: expects 500, 5xx or >=400" }),
		});
		expect(error.frame).toContain("status: expects 500, 5xx or >=400");
	});
});
