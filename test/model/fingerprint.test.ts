import { describe, expect, it } from "vitest";
import { entryFingerprint, eventFingerprints } from "../../source/model/fingerprint.js";
import { type HistoryEntry, parseHistoryEntry } from "../../source/model/history-entry.js";
import { parseEvent } from "../../source/model/normalize.js";
import type { TailEvent } from "../../source/model/types.js";
import { flattenEvent } from "./flatten-event.js";
import { sampleEvents } from "./sample-events.js";

const project = "6b202364-10f3-11f1-8bc7-fe9b9d8b14ab";

function live(raw: object): TailEvent {
	const result = parseEvent(JSON.stringify(raw), project, 1_000);
	if (!result.ok) throw new Error(result.cause);
	return result.event;
}

function history(raw: unknown): HistoryEntry {
	// Through JSON, as the entries come from a response body.
	const entry = parseHistoryEntry(JSON.parse(JSON.stringify(raw)), project);
	if (entry === null) throw new Error("not an object");
	return entry;
}

const sorted = (list: string[]): string[] => [...list].sort();

describe("fingerprints", () => {
	const events = sampleEvents();

	it.each(events.map((event, index) => [index + 1, event] as const))(
		"sample event %i and its flattened entries give the same multiset",
		(_line, raw) => {
			const fromLive = eventFingerprints(live(raw));
			const fromHistory = flattenEvent(raw).map((entry) => entryFingerprint(history(entry)));
			expect(fromHistory.length).toBeGreaterThan(0);
			expect(sorted(fromHistory)).toEqual(sorted(fromLive));
			// Without entry_type the request row is still recognised, and nothing else changes.
			const untyped = flattenEvent(raw, () => true).map((entry) => entryFingerprint(history(entry)));
			expect(sorted(untyped)).toEqual(sorted(fromLive));
		},
	);

	it("separates what differs: time, kind, level, request, text", () => {
		const base = {
			uuid: "u",
			timestamp: "2026-06-01T00:00:00.000Z",
			request: { method: "GET", url: "/a", status_code: 200 },
			logs: [{ timestamp: "2026-06-01T00:00:00.001Z", level: "info", messages: ["x"] }],
		};
		const one = eventFingerprints(live(base));
		expect(new Set(one).size).toBe(2);
		const variants = [
			{ ...base, timestamp: "2026-06-01T00:00:00.002Z" },
			{ ...base, request: { ...base.request, status_code: 500 } },
			{ ...base, request: { ...base.request, url: "/b" } },
			{ ...base, request: { ...base.request, method: "POST" } },
			{ ...base, logs: [{ ...base.logs[0], level: "warn" }] },
			{ ...base, logs: [{ ...base.logs[0], messages: ["y"] }] },
			{ ...base, logs: [{ ...base.logs[0], timestamp: null }] },
		];
		for (const variant of variants) {
			const other = eventFingerprints(live(variant));
			expect(other.filter((fp) => one.includes(fp)).length).toBeLessThan(2);
		}
	});

	it("an exception and a log with the same text differ by kind", () => {
		const event = live({
			uuid: "u",
			timestamp: null,
			request: null,
			logs: [{ timestamp: null, level: "error", messages: ["E: m"] }],
			exceptions: [{ timestamp: null, name: "E", message: "m" }],
		});
		const [log, exception] = eventFingerprints(event);
		expect(log).not.toBe(exception);
		expect(log?.split("\u0000")).toEqual(["-", "log", "error", "", "", "0", "E: m"]);
		expect(exception?.split("\u0000")).toEqual(["-", "exception", "error", "", "", "0", "E: m"]);
	});

	it("compares sanitized text on both sides", () => {
		const raw = {
			uuid: "u",
			timestamp: "2026-06-01T00:00:00.000Z",
			request: { method: "get", url: "/a\u001b[31m", status_code: 200 },
			logs: [
				{ timestamp: "2026-06-01T00:00:00.000Z", level: "INFO", messages: ["a\u009b2Jb", { k: "\u202e" }] },
			],
		};
		const fromLive = eventFingerprints(live(raw));
		const fromHistory = flattenEvent(raw).map((entry) => entryFingerprint(history(entry)));
		expect(sorted(fromHistory)).toEqual(sorted(fromLive));
		const untyped = flattenEvent(raw, () => true).map((entry) => entryFingerprint(history(entry)));
		expect(sorted(untyped)).toEqual(sorted(fromLive));
		for (const fp of fromLive) expect(fp).not.toMatch(/[\u001b\u009b\u202e]/);
	});
});
