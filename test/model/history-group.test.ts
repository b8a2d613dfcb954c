import { describe, expect, it } from "vitest";
import { entryFingerprint, eventFingerprints } from "../../source/model/fingerprint.js";
import { type HistoryEntry, parseHistoryEntry, parseHistoryPage } from "../../source/model/history-entry.js";
import { groupHistoryEntries } from "../../source/model/history-group.js";
import { parseEvent } from "../../source/model/normalize.js";
import { flattenEvent } from "./flatten-event.js";
import { sampleEvents, sampleLogQueryPage } from "./sample-events.js";

const project = "6b202364-10f3-11f1-8bc7-fe9b9d8b14ab";
const receivedAt = Date.UTC(2026, 5, 15, 12);

function parse(raw: unknown): HistoryEntry {
	const entry = parseHistoryEntry(JSON.parse(JSON.stringify(raw)), project);
	if (entry === null) throw new Error("not an object");
	return entry;
}

const sorted = (list: string[]): string[] => [...list].sort();

describe("groupHistoryEntries", () => {
	it("rebuilds the invocations of the sample page", () => {
		const page = parseHistoryPage(sampleLogQueryPage());
		if (!page.ok) throw new Error(page.error);
		const oldestFirst = [...page.entries].reverse().map(parse);
		const events = groupHistoryEntries(oldestFirst, project, { receivedAt });
		expect(events.map((e) => [e.request?.method ?? null, e.request?.path ?? null, e.entries.length])).toEqual(
			[
				["POST", "/en/cart", 1],
				[null, null, 1],
				["POST", "/api/cart", 1],
				["GET", "/en/checkout", 3],
			],
		);
		const [template, queue, post, checkout] = events;
		expect(template?.exceptions).toEqual([
			{
				time: Date.parse("2026-06-15T10:30:58.001Z"),
				name: "BigCommerceAPIError",
				message: "GraphQL request failed\n    at fetchCart (worker.js:1:2231)",
				stack: null,
			},
		]);
		expect(queue).toMatchObject({ timeMissing: true, time: receivedAt, request: null, exceptions: [] });
		expect(queue?.logs).toEqual([{ time: null, level: "log", text: "DOQueueHandler: revalidated 3 tags" }]);
		expect(post).toMatchObject({ logs: [], exceptions: [], time: Date.parse("2026-06-15T10:30:59.120Z") });
		expect(checkout?.logs).toEqual([
			{
				time: Date.parse("2026-06-15T10:31:00.405Z"),
				level: "warn",
				text: 'cart lookup {"cartId":"c-455","items":null}',
			},
		]);
		expect(checkout?.exceptions.map((e) => [e.name, e.message])).toEqual([
			["TypeError", "Cannot read properties of undefined (reading 'items')"],
		]);
		for (const event of events) {
			expect(event.origin).toBe("history");
			expect(event.uuid).toMatch(/^h:[0-9a-f]{24}$/);
			expect(event.projectUuid).toBe(project);
			expect(event.receivedAt).toBe(receivedAt);
			const json = JSON.parse(event.json) as { uuid: string; history: boolean; entries: unknown[] };
			expect(json.uuid).toBe(event.uuid);
			expect(json.history).toBe(true);
			expect(json.entries).toEqual(event.entries.map((entry) => entry.raw));
		}
		expect(checkout?.json).toContain('"entry_type":"request"');
	});

	it("gives back every sample event from its flattened entries, interleaved by time", () => {
		const raws = sampleEvents();
		const all = raws.flatMap((raw) => flattenEvent(raw).map(parse));
		const byTime = all
			.map((entry, index) => ({ entry, index }))
			.sort((a, b) => (a.entry.time ?? 0) - (b.entry.time ?? 0) || a.index - b.index)
			.map(({ entry }) => entry);
		const events = groupHistoryEntries(byTime, project, { receivedAt });
		const rebuilt = events.map((event) => sorted(event.entries.map(entryFingerprint))).sort();
		const expected = raws
			.map((raw) => {
				const result = parseEvent(JSON.stringify(raw), project, receivedAt);
				if (!result.ok) throw new Error(result.cause);
				return sorted(eventFingerprints(result.event));
			})
			.sort();
		expect(rebuilt).toEqual(expected);
		// And the rebuilt events themselves give the same fingerprints as the entries they came from.
		for (const event of events) {
			expect(sorted(eventFingerprints(event))).toEqual(sorted(event.entries.map(entryFingerprint)));
		}
	});

	it("keeps rows far from any request row of theirs as events of their own", () => {
		const request = { method: "GET", url: "/a", status_code: 200 };
		const entries = [
			{
				timestamp: "2026-06-15T10:00:00.000Z",
				entry_type: "request",
				level: "info",
				messages: ["GET /a"],
				request,
			},
			{
				timestamp: "2026-06-15T10:00:01.000Z",
				entry_type: "log",
				level: "info",
				messages: ["near"],
				request,
			},
			{ timestamp: "2026-06-15T10:05:00.000Z", entry_type: "log", level: "info", messages: ["far"], request },
			{
				timestamp: "2026-06-15T10:00:01.500Z",
				entry_type: "log",
				level: "info",
				messages: ["other status"],
				request: { ...request, status_code: 500 },
			},
		].map(parse);
		const events = groupHistoryEntries(entries, project, { receivedAt });
		expect(events.map((e) => e.entries.map((entry) => entry.text))).toEqual([
			["GET /a", "near"],
			["far"],
			["other status"],
		]);
		expect(events[1]?.request?.url).toBe("/a");
	});

	it("a second request row of the same request takes the rows after it", () => {
		const request = { method: "GET", url: "/a", status_code: 200 };
		const at = (s: number) => `2026-06-15T10:00:0${s}.000Z`;
		const entries = [
			{ timestamp: at(0), entry_type: "request", messages: ["GET /a"], request },
			{ timestamp: at(1), entry_type: "log", messages: ["one"], request },
			{ timestamp: at(2), entry_type: "request", messages: ["GET /a"], request },
			{ timestamp: at(3), entry_type: "log", messages: ["two"], request },
		].map(parse);
		const events = groupHistoryEntries(entries, project, { receivedAt });
		expect(events.map((e) => e.logs.map((l) => l.text))).toEqual([["one"], ["two"]]);
	});

	it("identical invocations get distinct uuids", () => {
		const request = { method: "GET", url: "/a", status_code: 200 };
		const row = {
			timestamp: "2026-06-15T10:00:00.000Z",
			entry_type: "request",
			messages: ["GET /a"],
			request,
		};
		const events = groupHistoryEntries([parse(row), parse(row)], project, { receivedAt });
		expect(events).toHaveLength(2);
		expect(events[1]?.uuid).toBe(`${events[0]?.uuid}:2`);
	});
});
