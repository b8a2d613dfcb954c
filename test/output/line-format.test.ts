import { describe, expect, it } from "vitest";
import { parseEvent } from "../../source/model/normalize.js";
import type { TailEvent } from "../../source/model/types.js";
import {
	createLineFormatter,
	isLineFormat,
	type LineFormat,
	labelColour,
	lineFormats,
	shouldUseColor,
} from "../../source/output/line-format.js";
import { sampleLines } from "../model/sample-events.js";

const fallback = "00000000-0000-4000-8000-000000000000";
const receivedAt = Date.UTC(2026, 0, 2, 3, 4, 5, 6);

function eventOf(data: string): TailEvent {
	const result = parseEvent(data, fallback, receivedAt);
	if (!result.ok) throw new Error(result.cause);
	return result.event;
}

const samples = sampleLines.map(eventOf);

function render(format: LineFormat, events: readonly TailEvent[], color = false): string {
	const formatter = createLineFormatter({ format, color });
	return events.map(formatter).join("");
}

const fetchStack = ["      at fetchCart (worker.js:1:20931)", "      at async CartPage (worker.js:1:88410)"];

describe("golden lines for the sample events", () => {
	it("default", () => {
		expect(render("default", samples).split("\n")).toEqual([
			"[2024-06-15T10:30:00Z] [INFO] Request processed successfully",
			"[2024-06-15T10:31:00Z] [ERROR] Internal server error",
			"[2024-06-15T10:31:00Z] EXCEPTION TypeError: Cannot read property of undefined",
			"[2026-03-11T22:05:28.870Z] [INFO] hello world",
			'[2026-06-01T12:34:56.101Z] [LOG] cart lookup {"cartId":"c-42","items":3}',
			"[2026-06-01T12:34:56.250Z] [WARN] slow upstream 812",
			"[2026-06-01T12:34:56.402Z] [ERROR] BigCommerceAPIError: ⏎    BigCommerce API returned 530⏎    ⏎    ",
			"[2026-06-01T12:34:56.405Z] EXCEPTION BigCommerceAPIError: BigCommerce API returned 530",
			...fetchStack,
			"[2026-06-01T12:35:00.002Z] [LOG] DOQueueHandler: revalidated 3 tags",
			"",
		]);
	});

	it("default prints nothing for a request that logged nothing (line 4)", () => {
		expect(render("default", [samples[3]!])).toBe("");
		expect(render("short", [samples[3]!])).toBe("");
	});

	it("short", () => {
		expect(render("short", samples).split("\n")).toEqual([
			"Request processed successfully",
			"Internal server error",
			"EXCEPTION TypeError: Cannot read property of undefined",
			"hello world",
			'cart lookup {"cartId":"c-42","items":3}',
			"slow upstream 812",
			"BigCommerceAPIError: ⏎    BigCommerce API returned 530⏎    ⏎    ",
			"EXCEPTION BigCommerceAPIError: BigCommerce API returned 530",
			...fetchStack,
			"DOQueueHandler: revalidated 3 tags",
			"",
		]);
	});

	it("request", () => {
		expect(render("request", samples).split("\n")).toEqual([
			"[2024-06-15T10:30:00Z] GET /products (200) [INFO] Request processed successfully",
			"[2024-06-15T10:31:00Z] GET /checkout (500) [ERROR] Internal server error",
			"[2024-06-15T10:31:00Z] EXCEPTION TypeError: Cannot read property of undefined",
			"[2026-03-11T22:05:28.870Z] GET https://example.com/test (200) [INFO] hello world",
			"[2026-06-01T12:34:56.789Z] POST https://store.example.com/api/cart (204)",
			'[2026-06-01T12:34:56.101Z] GET https://store.example.com/en/cart (500) [LOG] cart lookup {"cartId":"c-42","items":3}',
			"[2026-06-01T12:34:56.250Z] GET https://store.example.com/en/cart (500) [WARN] slow upstream 812",
			"[2026-06-01T12:34:56.402Z] GET https://store.example.com/en/cart (500) [ERROR] BigCommerceAPIError: ⏎    BigCommerce API returned 530⏎    ⏎    ",
			"[2026-06-01T12:34:56.405Z] EXCEPTION BigCommerceAPIError: BigCommerce API returned 530",
			...fetchStack,
			// Line 6 has no request: the log part only.
			"[2026-06-01T12:35:00.002Z] [LOG] DOQueueHandler: revalidated 3 tags",
			"",
		]);
	});

	it("json: each event's JSON on one line", () => {
		expect(render("json", samples)).toBe(`${sampleLines.join("\n")}\n`);
	});

	it("pretty: indented JSON", () => {
		expect(render("pretty", [samples[0]!])).toBe(
			[
				"{",
				'  "uuid": "a1b2c3d4-e5f6-7890-abcd-ef1234567890",',
				'  "project_uuid": "019500e2-933d-7057-8e81-090dd7240795",',
				'  "request": {',
				'    "method": "GET",',
				'    "url": "/products",',
				'    "status_code": 200',
				"  },",
				'  "logs": [',
				"    {",
				'      "timestamp": "2024-06-15T10:30:00Z",',
				'      "level": "info",',
				'      "messages": [',
				'        "Request processed successfully"',
				"      ]",
				"    }",
				"  ],",
				'  "exceptions": [],',
				'  "timestamp": "2024-06-15T10:30:00Z"',
				"}",
				"",
			].join("\n"),
		);
		const pretty = render("pretty", [samples[4]!]);
		expect(JSON.parse(pretty)).toEqual(JSON.parse(sampleLines[4]!));
		expect(pretty).toContain('\n  "extra_field": "should be preserved"\n');
	});
});

describe("colour", () => {
	it("colours levels (INFO green, WARN yellow, ERROR red, DEBUG gray, others plain) and EXCEPTION", () => {
		const event = eventOf(
			JSON.stringify({
				uuid: "c",
				timestamp: "2026-01-01T00:00:00Z",
				logs: ["info", "warn", "error", "debug", "log", "trace"].map((level) => ({
					level,
					messages: [level],
				})),
				exceptions: [{ name: "E", message: "m" }],
			}),
		);
		expect(render("default", [event], true).split("\n")).toEqual([
			"[2026-01-01T00:00:00Z] [\x1b[32mINFO\x1b[39m] info",
			"[2026-01-01T00:00:00Z] [\x1b[33mWARN\x1b[39m] warn",
			"[2026-01-01T00:00:00Z] [\x1b[31mERROR\x1b[39m] error",
			"[2026-01-01T00:00:00Z] [\x1b[90mDEBUG\x1b[39m] debug",
			"[2026-01-01T00:00:00Z] [LOG] log",
			"[2026-01-01T00:00:00Z] [TRACE] trace",
			"[2026-01-01T00:00:00Z] \x1b[31mEXCEPTION\x1b[39m E: m",
			"",
		]);
	});

	it("is off entirely without the flag, and never applies to json or pretty", () => {
		for (const format of ["default", "short", "request"] as const) {
			expect(render(format, samples, false)).not.toContain("\x1b");
		}
		for (const format of ["json", "pretty"] as const) {
			expect(render(format, samples, true)).not.toContain("\x1b");
		}
	});
});

describe("project labels", () => {
	const shop = "019500e2-933d-7057-8e81-090dd7240795";
	const names = new Map([[shop, "shop"]]);
	const label = (uuid: string): string => names.get(uuid) ?? uuid.slice(0, 8);

	it("start every text line, stack lines included", () => {
		const formatter = createLineFormatter({ format: "default", color: false, label });
		expect(formatter(samples[1]!).split("\n")).toEqual([
			"shop [2024-06-15T10:31:00Z] [ERROR] Internal server error",
			"shop [2024-06-15T10:31:00Z] EXCEPTION TypeError: Cannot read property of undefined",
			"",
		]);
		expect(formatter(samples[4]!).split("\n").slice(3, 6)).toEqual([
			"6b202364 [2026-06-01T12:34:56.405Z] EXCEPTION BigCommerceAPIError: BigCommerce API returned 530",
			`6b202364 ${fetchStack[0]}`,
			`6b202364 ${fetchStack[1]}`,
		]);
		const short = createLineFormatter({ format: "short", color: false, label });
		expect(short(samples[0]!)).toBe("shop Request processed successfully\n");
		const request = createLineFormatter({ format: "request", color: false, label });
		expect(request(samples[3]!)).toBe(
			"6b202364 [2026-06-01T12:34:56.789Z] POST https://store.example.com/api/cart (204)\n",
		);
	});

	it("are coloured with a stable, non-red colour per project", () => {
		const formatter = createLineFormatter({ format: "short", color: true, label });
		const line = formatter(samples[0]!);
		const match = /^\x1b\[(\d+)mshop\x1b\[39m Request processed successfully\n$/.exec(line);
		expect(match).not.toBeNull();
		expect(match?.[1]).not.toBe("31");
		// The same project gets the same colour from a new formatter (a new run) too.
		expect(createLineFormatter({ format: "short", color: true, label })(samples[0]!)).toBe(line);
		expect(labelColour(shop)).toBe(labelColour(`${shop}`));
		const colours = new Set(Array.from({ length: 50 }, (_, i) => labelColour(`project-${i}`)));
		expect(colours.size).toBeGreaterThan(3);
		expect(colours.has("red")).toBe(false);
	});

	it("are left out when the label function gives null, and sanitized when hostile", () => {
		const none = createLineFormatter({ format: "short", color: false, label: () => null });
		expect(none(samples[0]!)).toBe("Request processed successfully\n");
		const hostile = createLineFormatter({ format: "short", color: false, label: () => "ev\x1b[2Jil\nname" });
		expect(hostile(samples[0]!)).toBe("evil⏎name Request processed successfully\n");
	});

	it("never touch json or pretty output", () => {
		const json = createLineFormatter({ format: "json", color: true, label });
		expect(json(samples[0]!)).toBe(`${sampleLines[0]}\n`);
	});
});

describe("edge cases", () => {
	it("shows newlines in URLs, methods and exception text as ⏎, one line each", () => {
		const event = eventOf(
			JSON.stringify({
				uuid: "e",
				timestamp: "2026-01-01T00:00:00Z",
				request: { method: "get", url: "/a\r\nb", status_code: 0 },
				logs: [],
				exceptions: [{ name: "E", message: "two\nlines", stack: "E: two\nlines\n  at f\n\n" }],
			}),
		);
		expect(render("request", [event]).split("\n")).toEqual([
			"[2026-01-01T00:00:00Z] GET /a⏎b (0)",
			"[2026-01-01T00:00:00Z] EXCEPTION E: two⏎lines",
			"    at f",
			"",
		]);
	});

	it("prints exceptions with missing parts, a stack that does not repeat the header, and own times", () => {
		const event = eventOf(
			JSON.stringify({
				uuid: "e",
				timestamp: "2026-01-01T00:00:00Z",
				exceptions: [
					{ message: "only a message" },
					{ name: "OnlyName", timestamp: "2026-01-01T00:00:01.5Z" },
					{},
					{ name: "E", message: "m", stack: "Error: something else\nat plain (x.js:1:1)" },
				],
			}),
		);
		expect(render("default", [event]).split("\n")).toEqual([
			"[2026-01-01T00:00:00Z] EXCEPTION only a message",
			"[2026-01-01T00:00:01.5Z] EXCEPTION OnlyName",
			"[2026-01-01T00:00:00Z] EXCEPTION",
			"[2026-01-01T00:00:00Z] EXCEPTION E: m",
			"  Error: something else",
			"  at plain (x.js:1:1)",
			"",
		]);
	});

	it("uses the event's time for a log without one, and the receive time when the event has none", () => {
		const event = eventOf(JSON.stringify({ uuid: "t", logs: [{ level: "info", messages: ["m"] }] }));
		expect(render("default", [event])).toBe("[2026-01-02T03:04:05.006Z] [INFO] m\n");
	});

	it("never lets a hostile event put an escape on the terminal", () => {
		const event = eventOf(
			JSON.stringify({
				uuid: "h\x1b[2J",
				request: { method: "G\x1b]0;t\x07ET", url: "/\x1b]8;;http://evil\x1b\\x\u009b2J", status_code: 200 },
				logs: [{ level: "er\x1b[5mror", messages: ["\x1b[31mred", { k: "\u009b\u202e" }, "\u202eevil"] }],
				exceptions: [{ name: "\x1bcE", message: "\x07m", stack: "\x1b[1A\x1b[2K\tat x" }],
				extra: "\u009b31m\u2028",
			}),
		);
		for (const format of lineFormats) {
			const out = createLineFormatter({ format, color: false, label: () => "l\x1b[0m" })(event);
			expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
		}
	});
});

describe("lineFormats", () => {
	it("lists the catalyst formats, each recognized", () => {
		expect(lineFormats).toEqual(["default", "short", "request", "json", "pretty"]);
		for (const format of lineFormats) expect(isLineFormat(format)).toBe(true);
		expect(isLineFormat("yaml")).toBe(false);
	});
});

describe("shouldUseColor", () => {
	it.each([
		[{}, true, true],
		[{}, false, false],
		[{ NO_COLOR: "1" }, true, false],
		[{ NO_COLOR: "" }, true, true],
		[{ FORCE_COLOR: "1" }, false, true],
		[{ FORCE_COLOR: "" }, false, true],
		[{ FORCE_COLOR: "3" }, false, true],
		[{ FORCE_COLOR: "0" }, true, false],
		[{ FORCE_COLOR: "false" }, true, false],
		[{ FORCE_COLOR: "1", NO_COLOR: "1" }, false, true],
		[{ FORCE_COLOR: "0", NO_COLOR: "" }, true, false],
		[{ TERM: "dumb" }, true, false],
		[{ TERM: "xterm-256color" }, true, true],
	])("%j on a TTY=%s gives %s", (env, isTTY, expected) => {
		expect(shouldUseColor(env, isTTY)).toBe(expected);
	});
});
