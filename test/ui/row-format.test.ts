import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { highlightSpans, rowSpans } from "../../source/ui/row-format.js";
import { entry, event, row, t0 } from "./support/fixtures.js";

const options = { width: 80, timeFormat: "utc" as const, now: t0, focused: true };
const text = (spans: { text: string }[]) => spans.map((span) => span.text).join("");

const cart = event({
	uuid: "e1",
	request: { method: "GET", url: "https://store.example.com/en/cart?x=1", status_code: 500 },
	logs: [{ timestamp: "2026-06-01T12:34:56.101Z", level: "warn", messages: ["slow upstream", 812] }],
	exceptions: [{ timestamp: "2026-06-01T12:34:56.405Z", name: "TypeError", message: "boom" }],
	timestamp: "2026-06-01T12:34:56.410Z",
});

describe("rowSpans", () => {
	it("lays a log row out in the request style: time, status, method, path, level, message", () => {
		const log = entry("log", cart, {
			time: Date.parse("2026-06-01T12:34:56.101Z"),
			level: "warn",
			text: "slow upstream 812",
		});
		const { spans } = rowSpans(row(log), options);
		expect(text(spans)).toBe("12:34:56.101Z 500 GET  /en/cart?x=1 WARN  slow upstream 812");
		expect(spans.find((span) => span.text === "500")?.color).toBe("red");
		expect(spans.find((span) => span.text.startsWith("WARN"))?.color).toBe("yellow");
	});

	it("drops milliseconds and the method padding in a narrow pane, so the path keeps its columns", () => {
		const log = entry("log", cart, {
			time: Date.parse("2026-06-01T12:34:56.101Z"),
			level: "warn",
			text: "slow upstream 812",
		});
		const narrow = text(rowSpans(row(log), { ...options, width: 40 }).spans);
		expect(narrow.startsWith("12:34:56Z 500 GET /en/cart?x=1 WARN")).toBe(true);
		const local = text(rowSpans(row(log), { ...options, width: 40, timeFormat: "local" }).spans);
		expect(local).toMatch(/^\d\d:\d\d:\d\d 500 GET \/en\/cart/);
	});

	it("draws exceptions in red with a cross", () => {
		const ex = entry("exception", cart, {
			text: "TypeError: boom",
			time: Date.parse("2026-06-01T12:34:56.405Z"),
		});
		const { spans } = rowSpans(row(ex), options);
		expect(text(spans)).toContain("✖ TypeError: boom");
		expect(spans.find((span) => span.text.includes("TypeError"))?.color).toBe("red");
	});

	it("draws a gap as a marker", () => {
		const gap = entry("gap", null, {
			text: "disconnected 12.4 s: 503",
			gap: { start: t0, end: t0 + 12_400, cause: "503" },
		});
		expect(text(rowSpans(row(gap), options).spans)).toBe("12:34:56.789Z ── disconnected 12.4 s: 503 ──");
	});

	it("shows --- for an unknown status and no request columns without a request", () => {
		const unknown = event({ uuid: "e2", request: { method: "GET", url: "/x", status_code: 0 }, logs: [] });
		expect(text(rowSpans(row(entry("request", unknown)), options).spans)).toContain("--- GET  /x");
		const queue = event({ uuid: "e3", request: null, logs: [{ level: "log", messages: ["tick"] }] });
		expect(text(rowSpans(row(entry("log", queue, { level: "log", text: "tick" })), options).spans)).toMatch(
			/Z LOG {3}tick$/,
		);
	});

	it("cuts rows to the width, wide characters included", () => {
		const wide = entry("log", cart, {
			level: "info",
			text: "日本語のログメッセージ😀とても長い行です".repeat(3),
		});
		for (const width of [20, 41, 57, 80]) {
			const { spans } = rowSpans(row(wide), { ...options, width });
			expect(stringWidth(text(spans))).toBeLessThanOrEqual(width);
			expect(text(spans).endsWith("…")).toBe(true);
		}
	});

	it("pads the cursor row to the full width, only when the pane has focus", () => {
		const log = entry("log", cart, { level: "info", text: "hi" });
		const focused = rowSpans(row(log, { cursor: true }), options);
		expect(focused.cursor).toBe(true);
		expect(stringWidth(text(focused.spans))).toBe(80);
		expect(rowSpans(row(log, { cursor: true }), { ...options, focused: false }).cursor).toBe(false);
	});

	it("highlights search matches in the message", () => {
		const log = entry("log", cart, { level: "info", text: "cart lookup failed" });
		const { spans } = rowSpans(row(log, { match: true, ranges: [[5, 11]] }), options);
		const hit = spans.find((span) => span.backgroundColor === "yellow");
		expect(hit?.text).toBe("lookup");
	});
});

describe("highlightSpans", () => {
	it("splits along ranges, clipping and ordering them", () => {
		const spans = highlightSpans(
			"abcdefgh",
			[
				[6, 20],
				[1, 3],
			],
			{},
		);
		expect(spans.map((span) => [span.text, span.backgroundColor ?? ""])).toEqual([
			["a", ""],
			["bc", "yellow"],
			["def", ""],
			["gh", "yellow"],
		]);
	});
});
