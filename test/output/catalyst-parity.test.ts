/**
 * Golden lines for the cases where bctail once differed from `catalyst logs tail` 1.4.1 without saying
 * so (issue 12, item 11). The expected lines are what catalyst's formatter prints for the same events
 * (dist/cli.js `formatLogEvent` / `formatRequestLine`): times as sent, and in `request` a log with no
 * message prints the request part without a level.
 */
import { describe, expect, it } from "vitest";
import { parseEvent } from "../../source/model/normalize.js";
import type { TailEvent } from "../../source/model/types.js";
import { createLineFormatter, type LineFormat } from "../../source/output/line-format.js";

const receivedAt = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
const request = { method: "GET", url: "/en/cart", status_code: 200 };

function eventOf(value: object): TailEvent {
	const result = parseEvent(JSON.stringify(value), "00000000-0000-4000-8000-000000000000", receivedAt);
	if (!result.ok) throw new Error(result.cause);
	return result.event;
}

const events = [
	eventOf({
		uuid: "1",
		request,
		timestamp: "2026-06-01T10:31:04Z",
		logs: [{ timestamp: "2026-06-01T10:31:04Z", level: "info", messages: ["whole seconds"] }],
		exceptions: [],
	}),
	eventOf({
		uuid: "2",
		request,
		timestamp: "2026-06-01T10:31:04.5Z",
		logs: [{ timestamp: "2026-06-01T10:31:04.5Z", level: "warn", messages: ["half a second"] }],
		exceptions: [],
	}),
	eventOf({
		uuid: "3",
		request,
		timestamp: "2026-06-01T10:31:05.123456Z",
		logs: [{ timestamp: "2026-06-01T10:31:05.123456Z", level: "trace", messages: [] }],
		exceptions: [],
	}),
	eventOf({
		uuid: "4",
		request,
		timestamp: "2026-06-01T10:31:06+02:00",
		logs: [{ timestamp: "2026-06-01T10:31:06+02:00", level: "debug", messages: [""] }],
		exceptions: [],
	}),
];

const render = (format: LineFormat): string[] =>
	events
		.map(createLineFormatter({ format, color: false }))
		.join("")
		.split("\n");

describe("lines as catalyst 1.4.1 prints them", () => {
	it("default keeps every timestamp as sent", () => {
		expect(render("default")).toEqual([
			"[2026-06-01T10:31:04Z] [INFO] whole seconds",
			"[2026-06-01T10:31:04.5Z] [WARN] half a second",
			// catalyst's `[${ts}] [${level}] ${msg}` keeps the space before an empty message.
			"[2026-06-01T10:31:05.123456Z] [TRACE] ",
			"[2026-06-01T10:31:06+02:00] [DEBUG] ",
			"",
		]);
	});

	it("request prints a log with no message as the request line without a level", () => {
		expect(render("request")).toEqual([
			"[2026-06-01T10:31:04Z] GET /en/cart (200) [INFO] whole seconds",
			"[2026-06-01T10:31:04.5Z] GET /en/cart (200) [WARN] half a second",
			"[2026-06-01T10:31:05.123456Z] GET /en/cart (200)",
			"[2026-06-01T10:31:06+02:00] GET /en/cart (200)",
			"",
		]);
	});

	it("never prints a hostile timestamp raw", () => {
		const hostile = eventOf({
			uuid: "5",
			request,
			timestamp: "2026-06-01T10:31:04Z",
			logs: [{ timestamp: "2026-06-01T10:31:04Z\u001b[2J", level: "info", messages: ["x"] }],
		});
		const line = createLineFormatter({ format: "default", color: false })(hostile);
		expect(line).not.toContain("\u001b");
	});
});
