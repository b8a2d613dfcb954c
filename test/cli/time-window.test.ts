import { describe, expect, it } from "vitest";
import { parseDuration, parseTimeInput, resolveTimeWindow } from "../../source/cli/time-window.js";

const now = Date.parse("2026-06-15T12:00:00.000Z");

describe("parseTimeInput and parseDuration", () => {
	it("reads epoch seconds and ISO-8601", () => {
		expect(parseTimeInput("1781524800")).toBe(1_781_524_800_000);
		expect(parseTimeInput("2026-06-15T12:00:00Z")).toBe(now);
		expect(parseTimeInput("yesterday")).toBeNaN();
		// Anything else is Date.parse's to judge, as in catalyst (V8 even reads "-5" as a date in 2001).
		expect(parseTimeInput("-5")).toBe(Date.parse("-5"));
	});

	it("reads s, m, h, d and a bare 0", () => {
		expect(parseDuration("45s")).toBe(45_000);
		expect(parseDuration("30m")).toBe(1_800_000);
		expect(parseDuration("6h")).toBe(21_600_000);
		expect(parseDuration("2d")).toBe(172_800_000);
		expect(parseDuration("0")).toBe(0);
		expect(parseDuration("0m")).toBe(0);
		for (const bad of ["", "5", "1w", "1.5h", "-1h", " 1h", "1H", "h"]) expect(parseDuration(bad)).toBeNull();
	});
});

describe("resolveTimeWindow", () => {
	it("--since counts back from now, sent as ISO", () => {
		expect(resolveTimeWindow({ since: "30m" }, now)).toEqual({
			ok: true,
			window: {
				start: "2026-06-15T11:30:00.000Z",
				end: "2026-06-15T12:00:00.000Z",
				startMs: now - 1_800_000,
				endMs: now,
			},
		});
	});

	it("--since 0 is an empty window at now (no backfill)", () => {
		expect(resolveTimeWindow({ since: "0" }, now)).toEqual({
			ok: true,
			window: {
				start: "2026-06-15T12:00:00.000Z",
				end: "2026-06-15T12:00:00.000Z",
				startMs: now,
				endMs: now,
			},
		});
	});

	it("--since counts back from --end when given", () => {
		const result = resolveTimeWindow({ since: "1h", end: "2026-06-14T00:00:00Z" }, now);
		expect(result).toEqual({
			ok: true,
			window: {
				start: "2026-06-13T23:00:00.000Z",
				end: "2026-06-14T00:00:00Z",
				startMs: Date.parse("2026-06-13T23:00:00Z"),
				endMs: Date.parse("2026-06-14T00:00:00Z"),
			},
		});
	});

	it("sends ISO flags as given and converts epoch seconds to ISO", () => {
		const result = resolveTimeWindow({ start: "2026-06-15T10:00:00+02:00", end: "1781524800" }, now);
		expect(result).toEqual({
			ok: true,
			window: {
				start: "2026-06-15T10:00:00+02:00",
				end: "2026-06-15T12:00:00.000Z",
				startMs: Date.parse("2026-06-15T08:00:00Z"),
				endMs: now,
			},
		});
	});

	it("accepts exactly 7 days and start equal to end", () => {
		expect(resolveTimeWindow({ since: "7d" }, now).ok).toBe(true);
		expect(resolveTimeWindow({ since: "168h" }, now).ok).toBe(true);
		expect(resolveTimeWindow({ start: "2026-06-15T12:00:00Z", end: "2026-06-15T12:00:00Z" }, now).ok).toBe(
			true,
		);
	});

	const error = (flags: Parameters<typeof resolveTimeWindow>[0]) => {
		const result = resolveTimeWindow(flags, now);
		return result.ok ? null : result.error;
	};

	it("says each error in catalyst's words", () => {
		expect(error({ since: "1h", end: "soon" })).toBe(
			'Invalid --end value "soon". Provide an ISO-8601 timestamp or a Unix epoch (seconds).',
		);
		expect(error({ start: "then" })).toBe(
			'Invalid --start value "then". Provide an ISO-8601 timestamp or a Unix epoch (seconds).',
		);
		expect(error({ since: "1w" })).toBe(
			'Invalid --since value "1w". Provide a duration like 30m, 6h, or 2d (units: s, m, h, d).',
		);
		expect(error({})).toBe("Provide a time window with --since <duration> or --start <time>.");
		expect(error({ end: "2026-06-15T00:00:00Z" })).toBe(
			"Provide a time window with --since <duration> or --start <time>.",
		);
		expect(error({ start: "2026-06-15T13:00:00Z" })).toBe(
			"Invalid time window: --start must be before or equal to --end.",
		);
		expect(error({ since: "8d" })).toBe("Invalid time window: the range must not exceed 7 days.");
		expect(error({ since: "169h" })).toBe("Invalid time window: the range must not exceed 7 days.");
		expect(error({ start: "2026-06-08T11:59:59Z" })).toBe(
			"Invalid time window: the range must not exceed 7 days.",
		);
		expect(error({ since: "99999999999999999999d" })).toBe(
			"Invalid time window: the range must not exceed 7 days.",
		);
		expect(error({ start: "99999999999999999999" })).toBe(
			'Invalid --start value "99999999999999999999". Provide an ISO-8601 timestamp or a Unix epoch (seconds).',
		);
	});

	it("never echoes terminal controls from a flag value", () => {
		expect(error({ since: "\u001b[2J1h" })).toBe(
			'Invalid --since value "1h". Provide a duration like 30m, 6h, or 2d (units: s, m, h, d).',
		);
	});
});
