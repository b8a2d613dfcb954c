import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { overlayContent, wrapOverlayLines } from "../../source/ui/overlay-content.js";
import { sampleLines } from "../model/sample-events.js";
import { entry, event, t0 } from "./support/fixtures.js";

const sample5 = event(JSON.parse(sampleLines[4] ?? "{}"));
const sample6 = event(JSON.parse(sampleLines[5] ?? "{}"), t0);

const textOf = (lines: { text: string }[]) => lines.map((line) => line.text).join("\n");

describe("overlayContent", () => {
	it("shows the exception, its full stack, the request, every log, project and uuid", () => {
		const ex = entry("exception", sample5, {
			index: 0,
			text: "BigCommerceAPIError: BigCommerce API returned 530",
		});
		const text = textOf(overlayContent(ex, { project: "storefront", raw: false }));
		expect(text).toContain("✖ BigCommerceAPIError: BigCommerce API returned 530");
		expect(text).toContain("    at fetchCart (worker.js:1:20931)");
		expect(text).toContain("    at async CartPage (worker.js:1:88410)");
		expect(text).toContain("Request   GET https://store.example.com/en/cart");
		expect(text).toContain("Status    500");
		expect(text).toContain("Logs (3)");
		expect(text).toMatch(/LOG {3}cart lookup \{"cartId":"c-42","items":3\}/);
		expect(text).toMatch(/WARN {2}slow upstream 812/);
		expect(text).toMatch(/ERROR BigCommerceAPIError: /);
		expect(text).toContain("storefront (6b202364-10f3-11f1-8bc7-fe9b9d8b14ab)");
		expect(text).toContain("e3a9d2b0-5c41-4c7e-8f0a-6b9d1c2e3f40");
		expect(text).not.toContain("extra_field");
	});

	it("adds the raw event with unknown fields in the detail view", () => {
		const log = entry("log", sample5, { index: 0, level: "log", text: "cart lookup" });
		const text = textOf(overlayContent(log, { project: "storefront", raw: true }));
		expect(text).toContain("Raw event");
		expect(text).toContain('  "extra_field": "should be preserved"');
	});

	it("says when the event had no time, and when it had no request", () => {
		const log = entry("log", sample6, { level: "log", text: "DOQueueHandler: revalidated 3 tags" });
		const text = textOf(overlayContent(log, { project: "p", raw: false }));
		expect(text).toContain("time missing: shown at receive time");
		expect(text).toContain("Request   none");
		expect(text).toContain(new Date(t0).toISOString());
	});

	it("keeps hostile text out of the raw JSON lines", () => {
		const hostile = event({ uuid: "h", note: "\u001b]52;c;ZXZpbA==\u0007 \u009b31m \u202e", logs: [] });
		const text = textOf(overlayContent(entry("request", hostile), { project: "p", raw: true }));
		expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
		expect(text).toContain("\\u001b]52;c;ZXZpbA==");
	});

	it("describes a gap", () => {
		const gap = entry("gap", null, {
			text: "disconnected 12.4 s: 503",
			gap: { start: t0, end: t0 + 12_400, cause: "503" },
		});
		const text = textOf(overlayContent(gap, { project: "p", raw: true }));
		expect(text).toContain("── disconnected 12.4 s: 503 ──");
		expect(text).toContain("Cause     503");
	});
});

describe("wrapOverlayLines", () => {
	it("wraps long lines to the width and keeps their style", () => {
		const lines = wrapOverlayLines(
			[{ text: "x".repeat(25), color: "red" }, { text: "日本語".repeat(4) }],
			10,
		);
		expect(lines.map((line) => line.text)).toEqual([
			"x".repeat(10),
			"x".repeat(10),
			"x".repeat(5),
			"日本語日本",
			"語日本語日",
			"本語",
		]);
		expect(lines[2]?.color).toBe("red");
		for (const line of lines) expect(stringWidth(line.text)).toBeLessThanOrEqual(10);
	});
});
