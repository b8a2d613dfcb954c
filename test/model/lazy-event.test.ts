import { describe, expect, it } from "vitest";
import { eventHasExceptions, eventHasLogs } from "../../source/model/lazy-event.js";
import { compactEvent, parseEvent } from "../../source/model/normalize.js";
import type { TailEvent } from "../../source/model/types.js";
import { sampleLines } from "./sample-events.js";

const fallback = "00000000-0000-4000-8000-000000000000";
const receivedAt = Date.UTC(2026, 0, 2, 3, 4, 5, 6);

function parsed(data: string, knownSafe = false): TailEvent {
	const result = parseEvent(data, fallback, receivedAt, knownSafe);
	if (!result.ok) throw new Error(`expected an event, got ${result.cause}`);
	return result.event;
}

/** Everything an event tells, as plain data (`json` as the value it holds). */
function view(event: TailEvent) {
	const request = event.request;
	return {
		uuid: event.uuid,
		projectUuid: event.projectUuid,
		receivedAt: event.receivedAt,
		time: event.time,
		timeMissing: event.timeMissing,
		request:
			request === null
				? null
				: { method: request.method, url: request.url, path: request.path, status: request.status },
		logs: event.logs,
		exceptions: event.exceptions,
		value: JSON.parse(event.json) as unknown,
	};
}

const hostile = JSON.stringify({
	uuid: "u\u001b]0;pwned\u0007-1",
	project_uuid: "p\u202e-1",
	request: {
		method: "g\u001b[31met",
		url: "https://h/x\u001b]8;;http://evil\u001b\\y\u009b2J",
		status_code: 503,
	},
	logs: [{ level: "ERR\u0000OR", messages: ["red \u001b[31malert\u001b[0m", "tab\there", "crlf\r\nend"] }],
	exceptions: [{ name: "E\u0007rr", message: "m\u001b[2J", stack: "E\u001b[1m\n\tat x\u0085" }],
});
const unicode = JSON.stringify({
	uuid: "u-2",
	request: { method: "GET", url: "/抹茶?q=✅", status_code: 200 },
	logs: [{ level: "info", messages: ["抹茶ラテ 😀 café"] }],
	exceptions: [],
	timestamp: "2026-06-01T12:00:00.000Z",
});
const cases: [string, string][] = [
	...sampleLines.map((line, i): [string, string] => [`sample line ${i + 1}`, line]),
	["hostile text everywhere", hostile],
	["CJK, emoji and Latin-1", unicode],
	["no logs, no exceptions, no request", '{"uuid":"u-3"}'],
	["odd shapes", '{"uuid":"u-4","logs":"x","exceptions":[null,1],"request":[]}'],
];

describe("compactEvent", () => {
	it.each(cases)("keeps every field reading the same: %s", (_name, line) => {
		const expected = view(parsed(line));
		const event = parsed(line);
		// What the store reads before compacting.
		void event.logs;
		void event.request;
		compactEvent(event);
		expect(view(event)).toEqual(expected);
		// Again, now from the cache of derived fields, and once more after it was pushed out.
		expect(view(event)).toEqual(expected);
		for (let i = 0; i < 40; i++) {
			const other = parsed(line);
			compactEvent(other);
			void other.logs;
			void other.exceptions;
		}
		expect(view(event)).toEqual(expected);
	});

	it("also when nothing was read before", () => {
		for (const [, line] of cases) {
			const expected = view(parsed(line));
			const event = parsed(line);
			compactEvent(event);
			expect(view(event)).toEqual(expected);
		}
	});

	it("keeps sanitizing what it derives again", () => {
		const event = parsed(hostile);
		compactEvent(event);
		const strings = [
			event.uuid,
			event.projectUuid,
			event.request?.method,
			event.request?.url,
			event.request?.path,
			...event.logs.flatMap((log) => [log.level, log.text]),
			...event.exceptions.flatMap((e) => [e.name, e.message, e.stack ?? ""]),
		].join("|");
		expect(strings).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
		expect(event.uuid).toBe("u-1");
		expect(event.logs[0]?.text).toBe("red alert tab here crlf\nend");
	});

	it("stores json one byte per character: characters above U+00FF as escapes", () => {
		const event = parsed(unicode);
		expect(event.json).toBe(unicode);
		compactEvent(event);
		expect(event.json).toMatch(/^[\x20-\x7e\xa0-\xff]*$/);
		expect(event.json).toContain("\\u62b9\\u8336");
		expect(JSON.parse(event.json)).toEqual(JSON.parse(unicode));
	});

	it("tells whether there are logs and exceptions without deriving them", () => {
		for (const [, line] of cases) {
			const event = parsed(line);
			const expected = [event.logs.length > 0, event.exceptions.length > 0];
			expect([eventHasLogs(event), eventHasExceptions(event)]).toEqual(expected);
			compactEvent(event);
			expect([eventHasLogs(event), eventHasExceptions(event)]).toEqual(expected);
		}
	});

	it("is idempotent, and leaves events it did not make alone", () => {
		const event = parsed(sampleLines[0] as string);
		compactEvent(event);
		const json = event.json;
		compactEvent(event);
		expect(event.json).toBe(json);
		const plain: TailEvent = {
			uuid: "p",
			projectUuid: fallback,
			receivedAt,
			time: receivedAt,
			timeMissing: true,
			request: null,
			logs: [],
			exceptions: [],
			json: '{"uuid":"p"}',
		};
		compactEvent(plain);
		expect(plain.logs).toEqual([]);
	});
});

describe("parseEvent (lazy fields)", () => {
	it("normalizes request, logs and exceptions once, on first access", () => {
		const event = parsed(sampleLines[4] as string);
		expect(event.logs).toBe(event.logs);
		expect(event.exceptions).toBe(event.exceptions);
		expect(event.request).toBe(event.request);
	});

	it("reuses data as json when it is safe one-line JSON, and serializes it again when not", () => {
		const safe = '{ "uuid": "a", "n": 1e400, "s": "\\u001b" }';
		expect(parsed(safe).json).toBe(safe);
		for (const unsafe of ['{"uuid":"a",\n"b":1}', '{"uuid":"a","b":"\u009b"}', '{"uuid":"a","b":"\u2028"}']) {
			const json = parsed(unsafe).json;
			expect(json).not.toBe(unsafe);
			expect(json).not.toMatch(/[\n\u009b\u2028]/);
			expect(JSON.parse(json)).toEqual(JSON.parse(unsafe));
		}
	});

	it("takes the caller's word for data it says is safe (the framers check the bytes)", () => {
		const data = '{"uuid":"a","b":"\u2028"}';
		expect(parsed(data, true).json).toBe(data);
		expect(parsed(data, false).json).not.toBe(data);
	});
});
