import { describe, expect, it } from "vitest";
import { parseEvent } from "../../source/model/normalize.js";
import type { RequestInfo, TailEvent } from "../../source/model/types.js";
import { sampleLines } from "./sample-events.js";

const fallback = "00000000-0000-4000-8000-000000000000";
const receivedAt = Date.UTC(2026, 0, 2, 3, 4, 5, 6);

function parsed(data: string): TailEvent {
	const result = parseEvent(data, fallback, receivedAt);
	if (!result.ok) throw new Error(`expected an event, got ${result.cause}`);
	return result.event;
}

/** An event's request as a plain object (`path` is a getter, which toEqual does not see). */
function requestOf(event: TailEvent): RequestInfo | null {
	const request = event.request;
	if (request === null) return null;
	return { method: request.method, url: request.url, path: request.path, status: request.status };
}

/** Every field of an event as a plain object (getters included). */
function fieldsOf(event: TailEvent): Record<keyof TailEvent, unknown> {
	return {
		uuid: event.uuid,
		projectUuid: event.projectUuid,
		receivedAt: event.receivedAt,
		time: event.time,
		timeMissing: event.timeMissing,
		request: requestOf(event),
		logs: event.logs,
		exceptions: event.exceptions,
		json: event.json,
	};
}

/** A minimal valid event with `fields` added or replaced. */
function eventWith(fields: Record<string, unknown>): TailEvent {
	return parsed(JSON.stringify({ uuid: "u-1", ...fields }));
}

describe("parseEvent on the sample events", () => {
	it("reads line 1 (spec example, relative URL, second precision)", () => {
		const line = sampleLines[0]!;
		const result = parseEvent(line, fallback, receivedAt);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		// Field by field: request, logs, exceptions and others are getters, which toEqual does not see.
		expect(fieldsOf(result.event)).toEqual({
			uuid: "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
			projectUuid: "019500e2-933d-7057-8e81-090dd7240795",
			receivedAt,
			time: Date.UTC(2024, 5, 15, 10, 30, 0),
			timeMissing: false,
			request: { method: "GET", url: "/products", path: "/products", status: 200 },
			logs: [
				{ time: Date.UTC(2024, 5, 15, 10, 30, 0), level: "info", text: "Request processed successfully" },
			],
			exceptions: [],
			json: line,
		});
	});

	it("reads line 2 (an exception without a stack)", () => {
		const event = parsed(sampleLines[1]!);
		expect(requestOf(event)).toEqual({ method: "GET", url: "/checkout", path: "/checkout", status: 500 });
		expect(event.logs).toEqual([
			{ time: Date.UTC(2024, 5, 15, 10, 31, 0), level: "error", text: "Internal server error" },
		]);
		expect(event.exceptions).toEqual([
			{
				time: Date.UTC(2024, 5, 15, 10, 31, 0),
				name: "TypeError",
				message: "Cannot read property of undefined",
				stack: null,
			},
		]);
	});

	it("reads line 3 (absolute URL, milliseconds)", () => {
		const event = parsed(sampleLines[2]!);
		expect(requestOf(event)).toEqual({
			method: "GET",
			url: "https://example.com/test",
			path: "/test",
			status: 200,
		});
		expect(event.time).toBe(Date.UTC(2026, 2, 11, 22, 5, 28, 870));
		expect(event.logs).toEqual([
			{ time: Date.UTC(2026, 2, 11, 22, 5, 28, 870), level: "info", text: "hello world" },
		]);
	});

	it("reads line 4 (a request that logged nothing)", () => {
		const event = parsed(sampleLines[3]!);
		expect(requestOf(event)).toEqual({
			method: "POST",
			url: "https://store.example.com/api/cart",
			path: "/api/cart",
			status: 204,
		});
		expect(event.logs).toEqual([]);
		expect(event.exceptions).toEqual([]);
		expect(event.time).toBe(Date.UTC(2026, 5, 1, 12, 34, 56, 789));
	});

	it("reads line 5 (level log, non-string and multi-line messages, a stack, an unknown field)", () => {
		const event = parsed(sampleLines[4]!);
		expect(event.logs).toEqual([
			{
				time: Date.UTC(2026, 5, 1, 12, 34, 56, 101),
				level: "log",
				text: 'cart lookup {"cartId":"c-42","items":3}',
			},
			{ time: Date.UTC(2026, 5, 1, 12, 34, 56, 250), level: "warn", text: "slow upstream 812" },
			{
				time: Date.UTC(2026, 5, 1, 12, 34, 56, 402),
				level: "error",
				text: "BigCommerceAPIError: \n    BigCommerce API returned 530\n    \n    ",
			},
		]);
		expect(event.exceptions).toEqual([
			{
				time: Date.UTC(2026, 5, 1, 12, 34, 56, 405),
				name: "BigCommerceAPIError",
				message: "BigCommerce API returned 530",
				stack:
					"BigCommerceAPIError: BigCommerce API returned 530\n    at fetchCart (worker.js:1:20931)\n    at async CartPage (worker.js:1:88410)",
			},
		]);
		expect(JSON.parse(event.json).extra_field).toBe("should be preserved");
	});

	it("reads line 6 (no request, no timestamp)", () => {
		const event = parsed(sampleLines[5]!);
		expect(event.request).toBeNull();
		expect(event.time).toBe(receivedAt);
		expect(event.timeMissing).toBe(true);
		expect(event.logs).toEqual([
			{ time: Date.UTC(2026, 5, 1, 12, 35, 0, 2), level: "log", text: "DOQueueHandler: revalidated 3 tags" },
		]);
	});

	it("keeps every sample's JSON exactly (they are compact and safe already)", () => {
		for (const line of sampleLines) expect(parsed(line).json).toBe(line);
	});
});

describe("parseEvent rejects", () => {
	it.each([
		["empty data", ""],
		["a torn object", '{"uuid":"a","logs":['],
		["plain text", "hello"],
		["a trailing comma", '{"uuid":"a",}'],
	])("%s as json", (_name, data) => {
		expect(parseEvent(data, fallback, receivedAt)).toEqual({ ok: false, cause: "json" });
	});

	it.each([
		["an array", "[]"],
		["a number", "1"],
		["a string", '"a1b2"'],
		["null", "null"],
		["true", "true"],
		["an object without uuid", '{"project_uuid":"p"}'],
		["a numeric uuid", '{"uuid":42}'],
		["a null uuid", '{"uuid":null}'],
		["an empty uuid", '{"uuid":""}'],
		["a uuid that is only an escape sequence", '{"uuid":"\\u001b[2J"}'],
	])("%s as shape", (_name, data) => {
		expect(parseEvent(data, fallback, receivedAt)).toEqual({ ok: false, cause: "shape" });
	});
});

describe("parseEvent is lenient", () => {
	it("uses the stream's project when project_uuid is missing, empty or not a string", () => {
		expect(eventWith({}).projectUuid).toBe(fallback);
		expect(eventWith({ project_uuid: "" }).projectUuid).toBe(fallback);
		expect(eventWith({ project_uuid: 7 }).projectUuid).toBe(fallback);
		expect(eventWith({ project_uuid: "p-2" }).projectUuid).toBe("p-2");
	});

	it.each([
		["missing", undefined],
		["null", null],
		["not ISO", "yesterday"],
		["a number", 1718447400000],
		["invalid fields", "2024-99-99T99:99:99Z"],
	])("falls back to the receive time when the timestamp is %s", (_name, timestamp) => {
		const event = eventWith({ timestamp, logs: [{ timestamp, level: "info", messages: ["m"] }] });
		expect(event.time).toBe(receivedAt);
		expect(event.timeMissing).toBe(true);
		expect(event.logs[0]?.time).toBeNull();
	});

	it.each([
		["null", null],
		["missing", undefined],
		["a string", "GET /"],
		["an array", ["GET", "/"]],
	])("gives a null request when it is %s", (_name, request) => {
		expect(eventWith({ request }).request).toBeNull();
	});

	it("fills an empty request object with neutral values", () => {
		expect(requestOf(eventWith({ request: {} }))).toEqual({ method: "", url: "", path: "", status: 0 });
	});

	it("upper-cases the method and zeroes a status that is not a whole number", () => {
		for (const [status_code, expected] of [
			["200", 0],
			[200.5, 0],
			[-1, 0],
			[null, 0],
			[404, 404],
		] as const) {
			const request = requestOf(eventWith({ request: { method: "post", url: "/", status_code } }));
			expect(request).toEqual({ method: "POST", url: "/", path: "/", status: expected });
		}
	});

	it.each([
		["https://store.example.com/en/cart?x=1#h", "/en/cart?x=1#h"],
		["http://user@host:8080/p", "/p"],
		["https://example.com", "/"],
		["https://example.com?q=1", "/?q=1"],
		["/relative?x", "/relative?x"],
		["relative/no/slash", "relative/no/slash"],
		["", ""],
	])("derives the path of %j", (url, path) => {
		expect(eventWith({ request: { method: "GET", url, status_code: 200 } }).request?.path).toBe(path);
	});

	it.each([
		["missing", undefined],
		["null", null],
		["an object", { level: "info" }],
		["a string", "log line"],
	])("gives no logs when logs is %s", (_name, logs) => {
		expect(eventWith({ logs }).logs).toEqual([]);
	});

	it("reads odd log entries", () => {
		const event = eventWith({
			logs: [
				"a bare string",
				{ messages: ["no level"] },
				{ level: "WARN", messages: ["upper"] },
				{ level: 30, messages: ["numeric level"] },
				{ level: "", messages: ["empty level"] },
				{ level: "notice" },
				{ level: "info", messages: "not an array" },
				{ level: "info", messages: [null, 1, true, { a: [1, "x"] }, [2, 3], "s", 1.5e300] },
				null,
			],
		});
		expect(event.logs).toEqual([
			{ time: null, level: "log", text: "a bare string" },
			{ time: null, level: "log", text: "no level" },
			{ time: null, level: "warn", text: "upper" },
			{ time: null, level: "log", text: "numeric level" },
			{ time: null, level: "log", text: "empty level" },
			{ time: null, level: "notice", text: "" },
			{ time: null, level: "info", text: "not an array" },
			{ time: null, level: "info", text: 'null 1 true {"a":[1,"x"]} [2,3] s 1.5e+300' },
			{ time: null, level: "log", text: "null" },
		]);
	});

	it("reads odd exceptions", () => {
		const event = eventWith({
			exceptions: [
				{ name: 42, message: { code: "E" }, stack: 7 },
				{ message: "no name" },
				"boom",
				{ name: "E", message: null, stack: "E\n  at x", timestamp: "2026-06-01T00:00:00Z", extra: 1 },
			],
		});
		expect(event.exceptions).toEqual([
			{ time: null, name: "42", message: '{"code":"E"}', stack: null },
			{ time: null, name: "", message: "no name", stack: null },
			{ time: null, name: "", message: "boom", stack: null },
			{ time: Date.UTC(2026, 5, 1), name: "E", message: "", stack: "E\n  at x" },
		]);
		expect(eventWith({ exceptions: "x" }).exceptions).toEqual([]);
	});

	it("keeps unknown fields, nested ones too, in json", () => {
		const event = eventWith({ extra: { nested: [1, { deep: true }] }, cf: { colo: "AMS" } });
		const json = JSON.parse(event.json);
		expect(json.extra).toEqual({ nested: [1, { deep: true }] });
		expect(json.cf).toEqual({ colo: "AMS" });
	});
});

describe("parseEvent sanitizes every string it keeps", () => {
	const hostile = {
		uuid: "u\u001b]0;pwned\u0007-1",
		project_uuid: "p\u202e-1",
		request: {
			method: "g\u001b[31met",
			url: "https://h/x\u001b]8;;http://evil\u001b\\y\u009b2J",
			status_code: 200,
		},
		logs: [
			{
				level: "in\u0000fo",
				messages: [
					"red \u001b[31malert\u001b[0m",
					"clip \u001b]52;c;AAAA\u0007!",
					"tab\there",
					"crlf\r\nend",
					{ k: "\u009b\u202e" },
				],
			},
			{ level: "info", messages: ["unterminated \u001b]0;title", "next message survives"] },
		],
		exceptions: [{ name: "E\u0007rr", message: "m\u001b[2J", stack: "E\u001b[1m\n\tat x\u0085" }],
		note: "\u009b31m raw C1 \u2028 in an unknown field",
	};
	const data = JSON.stringify(hostile);

	it("in every field", () => {
		const event = parsed(data);
		expect(event.uuid).toBe("u-1");
		expect(event.projectUuid).toBe("p-1");
		expect(requestOf(event)).toEqual({ method: "GET", url: "https://h/xy", path: "/xy", status: 200 });
		expect(event.logs).toEqual([
			{ time: null, level: "info", text: 'red alert clip ! tab here crlf\nend {"k":"\\u009b\\u202e"}' },
			{ time: null, level: "info", text: "unterminated  next message survives" },
		]);
		expect(event.exceptions).toEqual([{ time: null, name: "Err", message: "m", stack: "E\n    at x" }]);
	});

	it("in json, as \\u escapes that parse back to the same value", () => {
		const event = parsed(data);
		expect(event.json).not.toMatch(/[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
		expect(event.json).toContain("\\u009b31m raw C1 \\u2028");
		expect(JSON.parse(event.json)).toEqual(hostile);
	});
});
