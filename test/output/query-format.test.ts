/**
 * Golden lines of `catalyst logs query` 1.4.1 for every entry of the sample page, written out by hand
 * from catalyst's rules (not produced by the code under test).
 */
import { describe, expect, it } from "vitest";
import { parseHistoryPage } from "../../source/model/history-entry.js";
import type { LineFormat } from "../../source/output/line-format.js";
import { formatQueryEntry, formatQuerySummary } from "../../source/output/query-format.js";
import { sampleLogQueryPage } from "../model/sample-events.js";

const page = parseHistoryPage(sampleLogQueryPage());
if (!page.ok) throw new Error(page.error);
const entries = page.entries;

const render = (format: LineFormat, color = false) =>
	entries.map((entry) => formatQueryEntry(entry, { format, color }));

const red = (text: string) => `\x1b[31m${text}\x1b[39m`;
const yellow = (text: string) => `\x1b[33m${text}\x1b[39m`;
const white = (text: string) => `\x1b[37m${text}\x1b[39m`;
const green = (text: string) => `\x1b[32m${text}\x1b[39m`;
const gray = (text: string) => `\x1b[90m${text}\x1b[39m`;

const typeError = "TypeError: Cannot read properties of undefined (reading 'items')";
const bcError = "BigCommerceAPIError: GraphQL request failed at fetchCart (worker.js:1:2231)";
const checkout = "GET https://store.example.com/en/checkout (500)";

describe("catalyst logs query formats", () => {
	it("default, colour off and on: request rows hidden", () => {
		expect(render("default")).toEqual([
			`[2026-06-15T10:31:00.412Z] [ERROR] ${typeError}`,
			`[2026-06-15T10:31:00.405Z] [WARN] cart lookup {"cartId":"c-455","items":null}`,
			null,
			null,
			"[unknown] [LOG] DOQueueHandler: revalidated 3 tags",
			`[2026-06-15T10:30:58.001Z] [ERROR] ${bcError}`,
		]);
		expect(render("default", true)).toEqual([
			`[2026-06-15T10:31:00.412Z] [${red("ERROR")}] ${typeError}`,
			`[2026-06-15T10:31:00.405Z] [${yellow("WARN")}] cart lookup {"cartId":"c-455","items":null}`,
			null,
			null,
			`[unknown] [${white("LOG")}] DOQueueHandler: revalidated 3 tags`,
			`[2026-06-15T10:30:58.001Z] [${red("ERROR")}] ${bcError}`,
		]);
	});

	it("short, colour off and on: the message only", () => {
		const expected = [
			typeError,
			'cart lookup {"cartId":"c-455","items":null}',
			null,
			null,
			"DOQueueHandler: revalidated 3 tags",
			bcError,
		];
		expect(render("short")).toEqual(expected);
		expect(render("short", true)).toEqual(expected);
	});

	it("request, colour off and on: request rows as the request alone", () => {
		expect(render("request")).toEqual([
			`[2026-06-15T10:31:00.412Z] ${checkout} [ERROR] ${typeError}`,
			`[2026-06-15T10:31:00.405Z] ${checkout} [WARN] cart lookup {"cartId":"c-455","items":null}`,
			`[2026-06-15T10:31:00.398Z] ${checkout}`,
			"[2026-06-15T10:30:59.120Z] POST https://store.example.com/api/cart (204)",
			"[unknown] [LOG] DOQueueHandler: revalidated 3 tags",
			`[2026-06-15T10:30:58.001Z] POST /en/cart (502) [ERROR] ${bcError}`,
		]);
		expect(render("request", true)).toEqual([
			`[2026-06-15T10:31:00.412Z] ${checkout} [${red("ERROR")}] ${typeError}`,
			`[2026-06-15T10:31:00.405Z] ${checkout} [${yellow("WARN")}] cart lookup {"cartId":"c-455","items":null}`,
			`[2026-06-15T10:31:00.398Z] ${checkout}`,
			"[2026-06-15T10:30:59.120Z] POST https://store.example.com/api/cart (204)",
			`[unknown] [${white("LOG")}] DOQueueHandler: revalidated 3 tags`,
			`[2026-06-15T10:30:58.001Z] POST /en/cart (502) [${red("ERROR")}] ${bcError}`,
		]);
	});

	const json = [
		`{"timestamp":"2026-06-15T10:31:00.412Z","entry_type":"log","level":"error","messages":["${typeError}"],"is_exception":true,"exception_name":"TypeError","request":{"method":"GET","url":"https://store.example.com/en/checkout","status_code":500}}`,
		'{"timestamp":"2026-06-15T10:31:00.405Z","entry_type":"log","level":"warn","messages":["cart lookup",{"cartId":"c-455","items":null}],"is_exception":false,"request":{"method":"GET","url":"https://store.example.com/en/checkout","status_code":500}}',
		'{"timestamp":"2026-06-15T10:31:00.398Z","entry_type":"request","level":"info","messages":["GET https://store.example.com/en/checkout"],"is_exception":false,"request":{"method":"GET","url":"https://store.example.com/en/checkout","status_code":500}}',
		'{"timestamp":"2026-06-15T10:30:59.120Z","level":"info","messages":["POST https://store.example.com/api/cart"],"request":{"method":"POST","url":"https://store.example.com/api/cart","status_code":204}}',
		'{"timestamp":null,"entry_type":"log","level":"log","messages":["DOQueueHandler: revalidated 3 tags"],"is_exception":false,"request":null}',
		'{"timestamp":"2026-06-15T10:30:58.001Z","entry_type":"log","level":"error","messages":["BigCommerceAPIError: GraphQL request failed\\n    at fetchCart (worker.js:1:2231)"],"is_exception":true,"exception_name":"BigCommerceAPIError: <*> request failed","request":{"method":"POST","url":"/en/cart","status_code":502},"worker_version":"unknown fields must be kept"}',
	];

	it("json, colour off and on: every entry, request rows too, unknown fields kept", () => {
		expect(render("json")).toEqual(json);
		expect(render("json", true)).toEqual(json);
	});

	it("pretty, colour off and on: indented by two spaces", () => {
		const pretty = [
			[
				"{",
				'  "timestamp": "2026-06-15T10:31:00.412Z",',
				'  "entry_type": "log",',
				'  "level": "error",',
				'  "messages": [',
				`    "${typeError}"`,
				"  ],",
				'  "is_exception": true,',
				'  "exception_name": "TypeError",',
				'  "request": {',
				'    "method": "GET",',
				'    "url": "https://store.example.com/en/checkout",',
				'    "status_code": 500',
				"  }",
				"}",
			],
			[
				"{",
				'  "timestamp": "2026-06-15T10:31:00.405Z",',
				'  "entry_type": "log",',
				'  "level": "warn",',
				'  "messages": [',
				'    "cart lookup",',
				"    {",
				'      "cartId": "c-455",',
				'      "items": null',
				"    }",
				"  ],",
				'  "is_exception": false,',
				'  "request": {',
				'    "method": "GET",',
				'    "url": "https://store.example.com/en/checkout",',
				'    "status_code": 500',
				"  }",
				"}",
			],
			[
				"{",
				'  "timestamp": "2026-06-15T10:31:00.398Z",',
				'  "entry_type": "request",',
				'  "level": "info",',
				'  "messages": [',
				'    "GET https://store.example.com/en/checkout"',
				"  ],",
				'  "is_exception": false,',
				'  "request": {',
				'    "method": "GET",',
				'    "url": "https://store.example.com/en/checkout",',
				'    "status_code": 500',
				"  }",
				"}",
			],
			[
				"{",
				'  "timestamp": "2026-06-15T10:30:59.120Z",',
				'  "level": "info",',
				'  "messages": [',
				'    "POST https://store.example.com/api/cart"',
				"  ],",
				'  "request": {',
				'    "method": "POST",',
				'    "url": "https://store.example.com/api/cart",',
				'    "status_code": 204',
				"  }",
				"}",
			],
			[
				"{",
				'  "timestamp": null,',
				'  "entry_type": "log",',
				'  "level": "log",',
				'  "messages": [',
				'    "DOQueueHandler: revalidated 3 tags"',
				"  ],",
				'  "is_exception": false,',
				'  "request": null',
				"}",
			],
			[
				"{",
				'  "timestamp": "2026-06-15T10:30:58.001Z",',
				'  "entry_type": "log",',
				'  "level": "error",',
				'  "messages": [',
				'    "BigCommerceAPIError: GraphQL request failed\\n    at fetchCart (worker.js:1:2231)"',
				"  ],",
				'  "is_exception": true,',
				'  "exception_name": "BigCommerceAPIError: <*> request failed",',
				'  "request": {',
				'    "method": "POST",',
				'    "url": "/en/cart",',
				'    "status_code": 502',
				"  },",
				'  "worker_version": "unknown fields must be kept"',
				"}",
			],
		].map((lines) => lines.join("\n"));
		expect(render("pretty")).toEqual(pretty);
		expect(render("pretty", true)).toEqual(pretty);
	});
});

describe("catalyst rules beyond the sample", () => {
	const ts = "2026-06-15T10:00:00.000Z";
	const f = (entry: object, format: LineFormat, color = false) => formatQueryEntry(entry, { format, color });

	it("shows an exception name the message does not contain, red when coloured", () => {
		const entry = {
			timestamp: ts,
			level: "error",
			messages: ["boom"],
			is_exception: true,
			exception_name: "RangeError",
		};
		expect(f(entry, "default")).toBe(`[${ts}] [ERROR] [RangeError] boom`);
		expect(f(entry, "default", true)).toBe(`[${ts}] [${red("ERROR")}] ${red("[RangeError]")} boom`);
		// Not an exception: no tag; a template whose parts all appear: no tag; one part missing: tag.
		expect(f({ ...entry, is_exception: false }, "default")).toBe(`[${ts}] [ERROR] boom`);
		expect(f({ ...entry, messages: ["E: bad x here"], exception_name: "E: <*> x" }, "default")).toBe(
			`[${ts}] [ERROR] E: bad x here`,
		);
		expect(f({ ...entry, messages: ["E: bad"], exception_name: "E: <*> x" }, "default")).toBe(
			`[${ts}] [ERROR] [E: <*> x] E: bad`,
		);
	});

	it("levels: missing is UNKNOWN, debug gray, info green, others white", () => {
		expect(f({ timestamp: ts, messages: ["m"] }, "default")).toBe(`[${ts}] [UNKNOWN] m`);
		expect(f({ timestamp: ts, messages: ["m"] }, "default", true)).toBe(`[${ts}] [${white("UNKNOWN")}] m`);
		expect(f({ timestamp: ts, level: "debug", messages: ["m"] }, "default", true)).toBe(
			`[${ts}] [${gray("DEBUG")}] m`,
		);
		expect(f({ timestamp: ts, level: "info", messages: ["m"] }, "default", true)).toBe(
			`[${ts}] [${green("INFO")}] m`,
		);
		expect(f({ timestamp: ts, level: "Trace", messages: ["m"] }, "default")).toBe(`[${ts}] [TRACE] m`);
	});

	it("messages: whitespace collapsed and trimmed, non-strings as JSON, times as sent", () => {
		const entry = {
			timestamp: "2026-06-15T10:00:00Z",
			level: "info",
			messages: ["  a\t\tb\n", 3, null, ["x"], " "],
		};
		expect(f(entry, "default")).toBe('[2026-06-15T10:00:00Z] [INFO] a b 3 null ["x"]');
		expect(f({ level: "info" }, "default")).toBe("[unknown] [INFO] ");
	});

	it("request: no status part for a missing or zero status; an untyped row is a request row", () => {
		const request = { method: "GET", url: "/x" };
		expect(f({ timestamp: ts, level: "info", messages: ["m"], request }, "request")).toBe(
			`[${ts}] GET /x [INFO] m`,
		);
		expect(
			f({ timestamp: ts, messages: ["GET /x"], request: { ...request, status_code: 0 } }, "request"),
		).toBe(`[${ts}] GET /x`);
		expect(f({ timestamp: ts, messages: ["GET /x"], request }, "default")).toBeNull();
		expect(
			f({ timestamp: ts, entry_type: "log", level: "info", messages: ["GET /x"], request }, "default"),
		).toBe(`[${ts}] [INFO] GET /x`);
	});

	it("neutralises terminal controls in every format", () => {
		const hostile = {
			timestamp: `${ts}\u001b[2J`,
			level: "in\u001b]0;t\u0007fo",
			messages: ["a\u001b[31mb\u202e", { k: "\u009b2J" }],
			is_exception: true,
			exception_name: "X\u001b[5m",
			request: { method: "GET\u0007", url: "/x\u001b]8;;http://e\u001b\\", status_code: 500 },
		};
		expect(f(hostile, "request")).toBe(`[${ts}] GET /x (500) [INFO] [X] ab {"k":"\\u009b2J"}`);
		for (const format of ["default", "short", "request", "json", "pretty"] as const) {
			expect(f(hostile, format)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
		}
		expect(JSON.parse(f(hostile, "json") ?? "")).toEqual(hostile);
	});
});

describe("formatQuerySummary", () => {
	it("says how many were shown and hidden", () => {
		expect(formatQuerySummary(4, 2)).toBe(
			"4 entries shown, 2 request rows hidden (oldest first, times in UTC). Use --format request to see request rows.",
		);
		expect(formatQuerySummary(6, 0)).toBe("6 entries shown (oldest first, times in UTC).");
		expect(formatQuerySummary(0, 0)).toBe("No log entries found for the given window and filters.");
	});
});
