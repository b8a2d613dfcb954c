/**
 * Rows per density mode: one row per request (counts of logs and exceptions), scrolled sideways
 * (wide characters at the edge), wrapped (heights, wide characters at line ends), and the row cache
 * keyed on all of it.
 */
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { rowLinesSpans, rowSpans } from "../../source/ui/row-format.js";
import { bodyText, builtRow } from "../../source/ui/row-lines.js";
import { dropColumns, wrapSpans } from "../../source/ui/row-slice.js";
import { entry, event, plain, row, t0 } from "./support/fixtures.js";

const options = { width: 80, timeFormat: "utc" as const, now: t0, focused: true };
const text = (spans: readonly { text: string }[]) => spans.map((span) => span.text).join("");

const checkout = event({
	uuid: "e1",
	request: { method: "GET", url: "https://store.example.com/checkout", status_code: 500 },
	logs: [
		{ timestamp: "2026-06-01T12:34:56.101Z", level: "error", messages: ["payment failed"] },
		{ timestamp: "2026-06-01T12:34:56.102Z", level: "info", messages: ["retrying"] },
		{ timestamp: "2026-06-01T12:34:56.103Z", level: "info", messages: ["gave up"] },
	],
	exceptions: [{ timestamp: "2026-06-01T12:34:56.405Z", name: "TypeError", message: "boom" }],
	timestamp: "2026-06-01T12:34:56.410Z",
});

const firstLog = entry("log", checkout, {
	time: Date.parse("2026-06-01T12:34:56.101Z"),
	level: "error",
	text: "payment failed",
});

describe("one row per request", () => {
	it("says how many logs and exceptions the event holds, then the first entry's message", () => {
		const { spans } = rowSpans(row(firstLog), { ...options, compact: true });
		expect(text(spans)).toBe("12:34:56.101Z 500 GET  /checkout · 3 logs · 1 exc  ERROR payment failed");
		expect(spans.find((span) => span.text.includes("exc"))?.color).toBe("red");
	});

	it("shows the event's entry that matched a search, highlighted, when it is not the first", () => {
		const exception = entry("exception", checkout, { text: "TypeError: boom" });
		const { spans } = rowSpans(
			{ ...row(firstLog, { match: true, ranges: [[11, 15]] }), shown: exception },
			{ ...options, compact: true },
		);
		expect(text(spans)).toBe("12:34:56.101Z 500 GET  /checkout · 3 logs · 1 exc  ✖ TypeError: boom");
		expect(spans.find((span) => span.text === "boom")?.backgroundColor).toBe("yellow");
	});

	it("shows a bare request without counts, and is the full row when not compact", () => {
		const bare = event({ uuid: "e2", request: { method: "POST", url: "/cart", status_code: 204 } });
		expect(text(rowSpans(row(entry("request", bare)), { ...options, compact: true }).spans)).toBe(
			"12:34:56.789Z 204 POST /cart ",
		);
		expect(text(rowSpans(row(firstLog), options).spans)).not.toContain("logs");
	});
});

describe("sideways", () => {
	it("drops the first columns of the row, the path no longer clipped", () => {
		const long = event({
			uuid: "e3",
			request: { method: "GET", url: `/${"p".repeat(60)}`, status_code: 200 },
			logs: [{ level: "info", messages: ["the end of the row"] }],
		});
		const log = entry("log", long, { level: "info", text: "the end of the row" });
		const at0 = text(rowSpans(row(log), { ...options, width: 40 }).spans);
		expect(at0).toContain("…");
		const at10 = text(rowSpans(row(log), { ...options, width: 40, offset: 10 }).spans);
		// A narrow pane's time (9 columns) and the gutter: offset 10 starts at the status.
		expect(at10.startsWith("200 GET /ppp")).toBe(true);
		expect(stringWidth(at10)).toBe(40);
		const far = text(rowSpans(row(log), { ...options, width: 40, offset: 80 }).spans);
		expect(far).toContain("the end of the row");
	});

	it("keeps wide characters aligned at any offset: a cut one leaves spaces", () => {
		const spans = [{ text: "ab" }, { text: "🔥日本", color: "red" }, { text: "z" }];
		for (let offset = 0; offset <= 9; offset++) {
			const rest = dropColumns(spans, offset);
			expect(stringWidth(text(rest))).toBe(Math.max(0, 9 - offset));
		}
		expect(text(dropColumns(spans, 3))).toBe(" 日本z");
		expect(dropColumns(spans, 3)[0]?.color).toBe("red");
		expect(text(dropColumns(spans, 4))).toBe("日本z");
		expect(text(dropColumns(spans, 5))).toBe(" 本z");
	});
});

describe("wrap", () => {
	it("cuts a long row into lines of the width, wide characters never split", () => {
		const lines = wrapSpans([{ text: "abcd" }, { text: "日本語", color: "blue" }], 5);
		expect(lines.map(text)).toEqual(["abcd", "日本", "語"]);
		for (const line of lines) expect(stringWidth(text(line))).toBeLessThanOrEqual(5);
		expect(lines[1]?.[0]?.color).toBe("blue");
		expect(wrapSpans([{ text: "abcde" }], 5).map(text)).toEqual(["abcde"]);
		// A character wider than the line goes on a line of its own, not lost.
		expect(wrapSpans([{ text: "日x" }], 1).map(text)).toEqual(["日", "x"]);
	});

	it("gives a row as many lines as it needs, the full path and message on them", () => {
		const { lines } = rowLinesSpans(row(firstLog), { ...options, width: 20, wrap: true });
		const joined = lines.map(text).join("");
		expect(joined).toBe("12:34:56Z 500 GET /checkout ERROR payment failed");
		expect(lines).toHaveLength(Math.ceil(stringWidth(joined) / 20));
		expect(builtRow(row(firstLog), { ...options, width: 20, wrap: true }).lines).toHaveLength(lines.length);
	});

	it("keeps the cursor's row whole on screen when the rows take more lines than the body", () => {
		const rows = ["first message that is long", "second message that is long", "third"].map((t, i) =>
			row(entry("log", checkout, { level: "info", text: t }), { cursor: i === 2 }),
		);
		const wrapped = { ...options, width: 24, wrap: true };
		const body = plain(bodyText(rows, wrapped, 4)).split("\n");
		expect(body).toHaveLength(4);
		expect(body.at(-1)).toContain("third");
		// Not following, cursor on top: the body starts at the first row.
		const top = rows.map((r, i) => ({ ...r, cursor: i === 0 }));
		expect(plain(bodyText(top, wrapped, 4)).split("\n")[0]).toContain("12:34:56");
	});
});

describe("the row cache", () => {
	it("builds a row again only when its density changed", () => {
		const view = row(firstLog);
		const a = builtRow(view, { ...options, compact: true });
		expect(builtRow(view, { ...options, compact: true })).toBe(a);
		const b = builtRow(view, { ...options, compact: true, offset: 10 });
		expect(b).not.toBe(a);
		expect(builtRow(view, { ...options, compact: true, offset: 10 })).toBe(b);
		const c = builtRow(view, { ...options, compact: true, offset: 10, wrap: true });
		expect(c).not.toBe(b);
	});
});
