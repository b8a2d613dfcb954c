import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTime } from "../../source/model/iso-time.js";

describe("parseTime", () => {
	it.each([
		["2024-06-15T10:30:00Z", Date.UTC(2024, 5, 15, 10, 30, 0)],
		["2026-03-11T22:05:28.870Z", Date.UTC(2026, 2, 11, 22, 5, 28, 870)],
		["2026-03-11T22:05:28.8Z", Date.UTC(2026, 2, 11, 22, 5, 28, 800)],
		["2026-03-11T22:05:28.123456789Z", Date.UTC(2026, 2, 11, 22, 5, 28, 123)],
		["2026-03-11T23:05:28.870+01:00", Date.UTC(2026, 2, 11, 22, 5, 28, 870)],
		["2026-03-11", Date.UTC(2026, 2, 11)],
	])("reads %s", (text, expected) => {
		expect(parseTime(text)).toBe(expected);
	});

	it.each([
		["null", null],
		["a number (seconds or milliseconds? no guessing)", 1718447400],
		["an empty string", ""],
		["words", "yesterday"],
		["minute 60", "2024-06-15T23:60:00Z"],
		["month 13", "2024-13-15T10:30:00Z"],
		["a dot with no fraction", "2024-06-15T10:30:00.Z"],
		["an object", { iso: "2024-06-15T10:30:00Z" }],
		["out of Date's range", "+275760-09-14T00:00:00.000Z"],
	])("gives null for %s", (_name, value) => {
		expect(parseTime(value)).toBeNull();
	});

	it("agrees with Date.parse on every UTC ISO form, rollovers included", () => {
		const two = (n: number) => String(n).padStart(2, "0");
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 9999 }),
				fc.integer({ min: 0, max: 14 }),
				fc.integer({ min: 0, max: 33 }),
				fc.integer({ min: 0, max: 25 }),
				fc.integer({ min: 0, max: 61 }),
				fc.integer({ min: 0, max: 61 }),
				fc.option(fc.stringMatching(/^[0-9]{0,12}$/)),
				(year, month, day, hour, minute, second, fraction) => {
					const text = `${String(year).padStart(4, "0")}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${fraction === null ? "" : `.${fraction}`}Z`;
					const expected = Date.parse(text);
					expect(parseTime(text)).toBe(Number.isNaN(expected) ? null : expected);
				},
			),
			{ numRuns: 5000 },
		);
	});
});
