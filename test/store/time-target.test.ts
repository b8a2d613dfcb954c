import { describe, expect, it } from "vitest";
import { parseTimeTarget } from "../../source/store/time-target.js";

/** A local wall-clock time (the parser reads times of day in local time). */
const local = (y: number, mo: number, d: number, h: number, mi: number, s = 0) =>
	new Date(y, mo - 1, d, h, mi, s).getTime();

describe("go to time: what may be typed", () => {
	const now = local(2026, 12, 4, 15, 30, 10);

	it("reads a time of day as today's, or yesterday's when today's is still to come", () => {
		expect(parseTimeTarget("14:05", now)).toEqual({
			ok: true,
			ms: local(2026, 12, 4, 14, 5),
			seconds: false,
		});
		expect(parseTimeTarget(" 14:05:30 ", now)).toEqual({
			ok: true,
			ms: local(2026, 12, 4, 14, 5, 30),
			seconds: true,
		});
		expect(parseTimeTarget("16:00", now)).toEqual({
			ok: true,
			ms: local(2026, 12, 3, 16, 0),
			seconds: false,
		});
		expect(parseTimeTarget("9:07", now)).toMatchObject({ ok: true, ms: local(2026, 12, 4, 9, 7) });
		// Now itself is not the future.
		expect(parseTimeTarget("15:30:10", now)).toMatchObject({ ok: true, ms: now });
	});

	it("reads a time ago", () => {
		expect(parseTimeTarget("-2h", now)).toEqual({ ok: true, ms: now - 2 * 3_600_000, seconds: false });
		expect(parseTimeTarget("-15m", now)).toMatchObject({ ms: now - 15 * 60_000 });
		expect(parseTimeTarget("-3d", now)).toMatchObject({ ms: now - 3 * 86_400_000 });
		expect(parseTimeTarget("-45s", now)).toMatchObject({ ms: now - 45_000, seconds: true });
	});

	it("reads ISO-8601", () => {
		expect(parseTimeTarget("2026-12-04T10:00:00Z", now)).toEqual({
			ok: true,
			ms: Date.UTC(2026, 11, 4, 10),
			seconds: true,
		});
		expect(parseTimeTarget("2026-12-02T09:15", now)).toMatchObject({ ok: true, seconds: false });
		expect(parseTimeTarget("2026-12-03T23:59:59.250+02:00", now)).toMatchObject({
			ms: Date.parse("2026-12-03T23:59:59.250+02:00"),
		});
	});

	it("says why an entry is not a time it can go to", () => {
		const error = (text: string) => {
			const result = parseTimeTarget(text, now);
			return result.ok ? null : result.error;
		};
		expect(error("")).toMatch(/type a time/);
		expect(error("lunch")).toMatch(/^not a time: lunch/);
		expect(error("25:00")).toMatch(/^no such time of day: 25:00/);
		expect(error("14:75")).toMatch(/^no such time of day/);
		expect(error("-8d")).toBe("history keeps only the last 7 days");
		expect(error("2026-11-20T10:00:00Z")).toBe("history keeps only the last 7 days");
		expect(error("2026-12-05T10:00:00Z")).toBe("that time is in the future");
		expect(error("2026-13-45")).toMatch(/^not a time/);
		// Control characters typed or pasted never reach the status bar.
		expect(error("a\u001b[2Jb")).not.toMatch(/\u001b/);
	});

	it("takes 7 days ago exactly, not a millisecond more", () => {
		expect(parseTimeTarget("-7d", now)).toMatchObject({ ok: true });
		expect(parseTimeTarget("-168h", now)).toMatchObject({ ok: true });
		expect(parseTimeTarget("-10081m", now)).toMatchObject({ ok: false });
	});
});
