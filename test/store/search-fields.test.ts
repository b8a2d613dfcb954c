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
	it("compares levels by name and by rank, and never matches a row without a level", () => {
		expect(testOf("level:warn")(warnLog)).toBe(true);
		expect(testOf("level:error")(warnLog)).toBe(false);
		expect(testOf("level:>=warn")(warnLog)).toBe(true);
		expect(testOf("level:>warn")(warnLog)).toBe(false);
		expect(testOf("level:>warn")(noRequest)).toBe(true);
	});

	it("compares statuses by class and by value; rows without a request never match", () => {
		expect(testOf("status:5xx")(warnLog)).toBe(true);
		expect(testOf("status:<500")(warnLog)).toBe(false);
		expect(testOf("status:200,503")(warnLog)).toBe(true);
		expect(testOf("status:5xx")(noRequest)).toBe(false);
	});

	it("matches method, path (part, any case) and route (whole path)", () => {
		expect(testOf("method:post")(warnLog)).toBe(true);
		expect(testOf("method:get")(warnLog)).toBe(false);
		expect(testOf("path:cart")(warnLog)).toBe(true);
		expect(testOf("route:/api")(warnLog)).toBe(false);
		expect(testOf("route:/api/cart")(warnLog)).toBe(true);
		expect(testOf("path:cart")(noRequest)).toBe(false);
	});

	it("answers has: from the event behind the row", () => {
		expect(testOf("has:exception")(failingLog)).toBe(true);
		expect(testOf("has:exception")(warnLog)).toBe(false);
		expect(testOf("has:request")(noRequest)).toBe(false);
		expect(testOf("has:logs")(failingException)).toBe(true);
	});

	it("negates with ! (a row without a request passes a negated request token)", () => {
		expect(testOf("!status:5xx")(warnLog)).toBe(false);
		expect(testOf("!status:5xx")(noRequest)).toBe(true);
		expect(testOf("-level:warn")(warnLog)).toBe(false);
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
