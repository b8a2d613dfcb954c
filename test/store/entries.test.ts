import { describe, expect, it } from "vitest";
import { emitEventEntries, entryCount, gapEntry, gapText } from "../../source/store/entries.js";
import type { Entry } from "../../source/store/types.js";
import { makeEvent } from "./events.js";

function entriesOf(spec: Parameters<typeof makeEvent>[0], firstSeq = 0): { rows: Entry[]; next: number } {
	const event = makeEvent(spec);
	const rows: Entry[] = [];
	const next = emitEventEntries(event, firstSeq, (entry) => rows.push(entry));
	return { rows, next };
}

describe("event → entries", () => {
	it("a request that logged nothing is one request row with empty text", () => {
		const { rows, next } = entriesOf({ method: "POST", url: "/api/cart", status: 204 }, 40);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ seq: 40, kind: "request", index: -1, level: "", text: "" });
		expect(rows[0]?.event?.request?.path).toBe("/api/cart");
		expect(next).toBe(41);
	});

	it("logs become one row each, then exceptions as `Name: message`, in order with consecutive seq", () => {
		const { rows } = entriesOf(
			{
				logs: [
					{ level: "warn", text: "slow upstream" },
					{ level: "error", text: "boom" },
				],
				exceptions: [{ name: "TypeError", message: "x is undefined" }],
			},
			7,
		);
		expect(rows.map((r) => [r.seq, r.kind, r.index, r.level, r.text])).toEqual([
			[7, "log", 0, "warn", "slow upstream"],
			[8, "log", 1, "error", "boom"],
			[9, "exception", 0, "error", "TypeError: x is undefined"],
		]);
		// No request row when there are logs: the log rows point at the event, which has the request.
		expect(rows.every((r) => r.event === rows[0]?.event)).toBe(true);
	});

	it("an event with an exception but no logs gets a request row and an exception row", () => {
		const { rows } = entriesOf({ exceptions: [{ name: "Error", message: "" }] });
		expect(rows.map((r) => [r.kind, r.text])).toEqual([
			["request", ""],
			["exception", "Error"],
		]);
	});

	it("multi-line texts are one line, newlines shown as ⏎", () => {
		const { rows } = entriesOf({
			logs: ["first\nsecond"],
			exceptions: [{ name: "E", message: "a\nb" }],
		});
		expect(rows.map((r) => r.text)).toEqual(["first⏎second", "E: a⏎b"]);
	});

	it("uses the log's own time, else the event's", () => {
		const { rows } = entriesOf({
			time: "2026-02-02T10:00:00.000Z",
			logs: [
				{ text: "own", time: "2026-02-02T10:00:01.500Z" },
				{ text: "none", time: "" },
			],
		});
		expect(rows[0]?.time).toBe(Date.UTC(2026, 1, 2, 10, 0, 1, 500));
		expect(rows[1]?.time).toBe(Date.UTC(2026, 1, 2, 10, 0, 0));
	});

	it("counts rows like it emits them", () => {
		for (const spec of [
			{},
			{ logs: ["a", "b"] },
			{ logs: ["a"], exceptions: [{ name: "E", message: "m" }] },
		]) {
			expect(entryCount(makeEvent(spec))).toBe(entriesOf(spec).rows.length);
		}
	});

	it("all entries have the same keys in the same order (one hidden class)", () => {
		const { rows } = entriesOf({ logs: ["a"], exceptions: [{ name: "E", message: "m" }] });
		const gap = gapEntry({ start: 0, end: 1000, cause: "503" }, 3);
		const keys = [...rows, gap].map((r) => Object.keys(r).join(","));
		expect(new Set(keys).size).toBe(1);
	});
});

describe("gap rows", () => {
	it("say how long and why", () => {
		expect(gapText({ start: 1_000, end: 13_400, cause: "503" })).toBe("disconnected 12.4 s: 503");
		expect(gapText({ start: 0, end: 500, cause: "" })).toBe("disconnected 0.5 s");
		const gap = { start: 5, end: 10, cause: "connection refused" };
		expect(gapEntry(gap, 9)).toMatchObject({ seq: 9, kind: "gap", event: null, time: 5, gap });
	});

	it("sanitize a cause that quotes a server", () => {
		expect(gapText({ start: 0, end: 1000, cause: "bad\x1b[31m red\nline" })).toBe(
			"disconnected 1.0 s: bad red⏎line",
		);
	});
});
