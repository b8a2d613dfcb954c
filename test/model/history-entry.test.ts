import { describe, expect, it } from "vitest";
import { isRequestRow, parseHistoryEntry, parseHistoryPage } from "../../source/model/history-entry.js";
import { sampleLogQueryPage } from "./sample-events.js";

const project = "6b202364-10f3-11f1-8bc7-fe9b9d8b14ab";

function entries() {
	const page = parseHistoryPage(sampleLogQueryPage());
	if (!page.ok) throw new Error(page.error);
	return page.entries.map((raw) => {
		const entry = parseHistoryEntry(raw, project);
		if (entry === null) throw new Error("not an object");
		return entry;
	});
}

describe("parseHistoryPage", () => {
	it("reads the sample page: entries newest first and the cursors", () => {
		const page = parseHistoryPage(sampleLogQueryPage());
		expect(page.ok).toBe(true);
		if (!page.ok) return;
		expect(page.entries).toHaveLength(6);
		expect(page.cursors).toEqual({
			start: "eyJ0cyI6IjIwMjYtMDYtMTVUMTA6MzE6MDAuNDEyWiJ9",
			end: "eyJ0cyI6IjIwMjYtMDYtMTVUMTA6MzA6NTguMDAxWiJ9",
			hasNext: true,
			hasPrev: false,
		});
	});

	it("accepts either form of page availability", () => {
		const links = parseHistoryPage({
			data: [],
			meta: { cursor_pagination: { links: { previous: "?before=x" } } },
		});
		expect(links.ok && links.cursors).toEqual({ start: null, end: null, hasNext: false, hasPrev: true });
		const flags = parseHistoryPage({ data: [], meta: { cursor_pagination: { has_next_page: true } } });
		expect(flags.ok && flags.cursors.hasNext).toBe(true);
		const none = parseHistoryPage({ data: [] });
		expect(none.ok && none.cursors).toEqual({ start: null, end: null, hasNext: false, hasPrev: false });
		const truthyNotTrue = parseHistoryPage({
			data: [],
			meta: { cursor_pagination: { has_next_page: "yes" } },
		});
		expect(truthyNotTrue.ok && truthyNotTrue.cursors.hasNext).toBe(false);
	});

	it("reports a wrong shape as a value", () => {
		expect(parseHistoryPage(null)).toEqual({
			ok: false,
			error: "The log query response is not a JSON object.",
		});
		expect(parseHistoryPage([1])).toMatchObject({ ok: false });
		expect(parseHistoryPage({ data: {} })).toEqual({
			ok: false,
			error: 'The log query response has no "data" list.',
		});
	});
});

describe("parseHistoryEntry", () => {
	it("normalizes every sample entry", () => {
		const [exception, warn, requestRow, untypedRequest, noRequest, template] = entries();
		expect(exception).toMatchObject({
			kind: "exception",
			level: "error",
			time: Date.parse("2026-06-15T10:31:00.412Z"),
			exceptionName: "TypeError",
			text: "TypeError: Cannot read properties of undefined (reading 'items')",
			projectUuid: project,
		});
		expect(exception?.request).toMatchObject({
			method: "GET",
			url: "https://store.example.com/en/checkout",
			path: "/en/checkout",
			status: 500,
		});
		expect(warn).toMatchObject({
			kind: "log",
			level: "warn",
			text: 'cart lookup {"cartId":"c-455","items":null}',
		});
		expect(requestRow?.kind).toBe("request");
		expect(untypedRequest?.kind).toBe("request");
		expect(noRequest).toMatchObject({ kind: "log", time: null, request: null, level: "log" });
		expect(template?.exceptionName).toBe("BigCommerceAPIError: <*> request failed");
		expect(template?.json).toContain('"worker_version":"unknown fields must be kept"');
		expect(template?.raw.worker_version).toBe("unknown fields must be kept");
	});

	it("is lenient: every field optional, non-objects rejected", () => {
		expect(parseHistoryEntry("x", project)).toBeNull();
		expect(parseHistoryEntry([], project)).toBeNull();
		expect(parseHistoryEntry({}, project)).toMatchObject({
			time: null,
			kind: "log",
			level: "log",
			request: null,
			text: "",
			exceptionName: null,
			json: "{}",
		});
		expect(parseHistoryEntry({ level: "WARN", messages: "lone", timestamp: "nope" }, project)).toMatchObject({
			level: "warn",
			text: "lone",
			time: null,
		});
	});

	it("sanitizes every string it hands out and escapes the json", () => {
		const entry = parseHistoryEntry(
			{
				level: "in\u001b[31mfo",
				messages: ["a\u001b]0;title\u0007b", { k: "\u009b2J" }],
				exception_name: "E\u202e",
				is_exception: true,
				request: { method: "get\u0007", url: "/x\u001b[2J", status_code: 200 },
			},
			project,
		);
		expect(entry).toMatchObject({ level: "info", text: 'ab {"k":"\\u009b2J"}', exceptionName: "E" });
		expect(entry?.request).toMatchObject({ method: "GET", url: "/x" });
		expect(entry?.json).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
	});

	it("recognises a request row without entry_type only by its exact message", () => {
		const request = { method: "GET", url: "/a", status_code: 200 };
		expect(isRequestRow({ messages: ["GET /a"], request })).toBe(true);
		expect(isRequestRow({ messages: ["GET", "/a"], request })).toBe(true);
		expect(isRequestRow({ messages: ["GET /b"], request })).toBe(false);
		expect(isRequestRow({ messages: ["GET /a"], request: null })).toBe(false);
		expect(isRequestRow({ entry_type: "log", messages: ["GET /a"], request })).toBe(false);
		expect(isRequestRow({ entry_type: "request", messages: [], request: null })).toBe(true);
	});
});
