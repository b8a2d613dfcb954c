import { describe, expect, it } from "vitest";
import { emitEventEntries } from "../../source/store/entries.js";
import { type FieldFilter, parseQuery } from "../../source/store/query.js";
import { fieldTest, projectTest } from "../../source/store/search-fields.js";
import type { Entry } from "../../source/store/types.js";
import { type EventSpec, makeEvent } from "./events.js";

/** The rows of one event, as the store builds them. */
function rowsOf(spec: EventSpec): Entry[] {
	const rows: Entry[] = [];
	emitEventEntries(makeEvent(spec), 0, (entry) => rows.push(entry));
	return rows;
}

/** The one field token of `token`, compiled. */
function testOf(token: string): (entry: Entry) => boolean {
	const filters: readonly FieldFilter[] = parseQuery(token).filters;
	expect(filters).toHaveLength(1);
	const test = fieldTest(filters[0] as FieldFilter);
	if (test === null) throw new Error(`${token} compiled to no entry test`);
	return test;
}

const warnLog = rowsOf({
	method: "POST",
	url: "/api/Cart",
	status: 503,
	logs: [{ level: "warn", text: "slow" }],
})[0] as Entry;
const noRequest = rowsOf({ request: null, logs: [{ level: "error", text: "queue" }] })[0] as Entry;
const [failingLog, failingException] = rowsOf({
	status: 200,
	logs: ["checkout"],
	exceptions: [{ name: "TypeError", message: "x is undefined" }],
}) as [Entry, Entry];

describe("fieldTest", () => {
	const rows = { warnLog, noRequest, failingLog, failingException };
	const cases: [token: string, row: keyof typeof rows, expected: boolean][] = [
		// Levels by name and by rank; a row without a level never matches.
		["level:warn", "warnLog", true],
		["level:error", "warnLog", false],
		["level:>=warn", "warnLog", true],
		["level:>warn", "warnLog", false],
		["level:>warn", "noRequest", true],
		// Statuses by class and by value; rows without a request never match.
		["status:5xx", "warnLog", true],
		["status:<500", "warnLog", false],
		["status:200,503", "warnLog", true],
		["status:5xx", "noRequest", false],
		// Method; path (a part, any case); route (the whole path).
		["method:post", "warnLog", true],
		["method:get", "warnLog", false],
		["path:cart", "warnLog", true],
		["route:/api", "warnLog", false],
		["route:/api/cart", "warnLog", true],
		["path:cart", "noRequest", false],
		// has: answers from the event behind the row.
		["has:exception", "failingLog", true],
		["has:exception", "warnLog", false],
		["has:request", "noRequest", false],
		["has:logs", "failingException", true],
		// Negated with ! or -: a row without a request passes a negated request token.
		["!status:5xx", "warnLog", false],
		["!status:5xx", "noRequest", true],
		["-level:warn", "warnLog", false],
	];

	it.each(cases)("%s on %s is %s", (token, row, expected) => {
		expect(testOf(token)(rows[row])).toBe(expected);
	});

	it("leaves project: to the pane test", () => {
		const filters = parseQuery("project:shop").filters;
		expect(fieldTest(filters[0] as FieldFilter)).toBeNull();
	});
});

describe("projectTest", () => {
	const uuid = "019500E2-933d-7057-8e81-090dd7240795";

	it("matches a UUID prefix or part of the name, in any case; negated tokens exclude", () => {
		expect(projectTest([{ value: "019500e2", negate: false }])(uuid, undefined)).toBe(true);
		expect(projectTest([{ value: "shop", negate: false }])(uuid, "My Shop")).toBe(true);
		expect(projectTest([{ value: "933d", negate: false }])(uuid, undefined)).toBe(false);
		expect(projectTest([{ value: "shop", negate: true }])(uuid, "My Shop")).toBe(false);
		expect(projectTest([{ value: "shop", negate: true }])(uuid, "blog")).toBe(true);
	});

	it("needs every token to hold, and holds for none", () => {
		const both = projectTest([
			{ value: "019500e2", negate: false },
			{ value: "blog", negate: false },
		]);
		expect(both(uuid, "shop")).toBe(false);
		expect(both(uuid, "blog")).toBe(true);
		expect(projectTest([])(uuid, undefined)).toBe(true);
	});
});
