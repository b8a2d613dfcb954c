import { describe, expect, it } from "vitest";
import {
	connectionLabel,
	formatFullTime,
	formatTime,
	formatTotals,
	levelBadge,
	sparkline,
	statusColor,
	statusText,
} from "../../source/ui/format.js";
import { status } from "./support/fixtures.js";

describe("formatTime", () => {
	const local = new Date(2026, 5, 1, 14, 3, 4, 5).getTime();
	const utc = Date.UTC(2026, 5, 1, 9, 8, 7, 60);

	it("shows local time with milliseconds", () => {
		expect(formatTime(local, "local", 0)).toBe("14:03:04.005");
	});

	it("shows UTC with a Z", () => {
		expect(formatTime(utc, "utc", 0)).toBe("09:08:07.060Z");
	});

	it.each([
		[-12_345, " -12.3s"],
		[-400, "  -0.4s"],
		[-245_000, " -4m05s"],
		[-(2 * 3600 + 7 * 60) * 1000, " -2h07m"],
		[1_500, "  +1.5s"],
	])("shows %i ms relative as %j", (delta, text) => {
		expect(formatTime(utc + delta, "relative", utc)).toBe(text);
	});

	it("shows full timestamps in both zones", () => {
		expect(formatFullTime(utc)).toContain("2026-06-01T09:08:07.060Z");
		expect(formatFullTime(local)).toContain("2026-06-01 14:03:04.005 local");
	});
});

describe("statuses and levels", () => {
	it("colours statuses by class and shows 0 as ---", () => {
		expect([200, 204, 301, 404, 503, 0].map(statusColor)).toEqual([
			"green",
			"green",
			"cyan",
			"yellow",
			"red",
			undefined,
		]);
		expect(statusText(0)).toBe("---");
		expect(statusText(500)).toBe("500");
	});

	it("gives level badges their colours", () => {
		expect(levelBadge("info")).toEqual({ text: "INFO ", color: "green" });
		expect(levelBadge("warn")).toEqual({ text: "WARN ", color: "yellow" });
		expect(levelBadge("error")).toEqual({ text: "ERROR", color: "red" });
		expect(levelBadge("debug")).toEqual({ text: "DEBUG", color: "gray" });
		expect(levelBadge("log")).toEqual({ text: "LOG  ", color: undefined });
	});
});

describe("sparkline", () => {
	it("scales to the busiest column and keeps a trickle visible", () => {
		expect(sparkline([0, 1, 2, 4, 8], 5)).toBe("▁▂▃▅█");
		expect(sparkline([0, 0, 0], 3)).toBe("▁▁▁");
		expect(sparkline([0, 100, 1], 3)).toBe("▁█▂");
	});

	it("averages 60 seconds into fewer columns", () => {
		const values = [...Array.from({ length: 30 }, () => 0), ...Array.from({ length: 30 }, () => 10)];
		expect(sparkline(values, 6)).toBe("▁▁▁███");
	});
});

describe("connectionLabel", () => {
	const now = 1_000_000;
	it("names each phase with a symbol and a word", () => {
		expect(connectionLabel(status("live"), now).text).toBe("● live");
		expect(connectionLabel(status("connecting"), now).text).toBe("◌ connecting");
		expect(connectionLabel(status("reconnecting", { attempt: 3, retryAt: now + 3_200 }), now).text).toBe(
			"↻ reconnecting 3 · 4s",
		);
		expect(
			connectionLabel(
				status("stopped", { reason: "Your access token is invalid", shortReason: "token expired" }),
				now,
			).text,
		).toBe("✖ stopped: token expired");
	});

	it("totals events, 5xx and exceptions", () => {
		expect(formatTotals({ events: 123, serverErrors: 4, exceptions: 2 })).toBe("123 ev · 4 5xx · 2 exc");
	});
});
