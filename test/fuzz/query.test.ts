/**
 * Fuzzing the search language: whatever is typed, parsing, compiling, matching entries and running
 * the search in the store never throw, and a query the parser rejects in part says why in plain text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseEvent } from "../../source/model/normalize.js";
import { parseQuery } from "../../source/store/query.js";
import { compileQuery } from "../../source/store/search.js";
import { createTailStore } from "../../source/store/store.js";
import type { Entry } from "../../source/store/types.js";
import { ManualClock } from "../../source/util/clock.js";
import { fuzzOptions, timeoutFor } from "./runs.js";

const project = "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1001";

/** Pieces of the language, in any order and combination, plus noise. */
const token = fc.oneof(
	fc.constantFrom(
		"level:",
		"level:>=",
		"level:<",
		"level:warn,error",
		"status:",
		"status:5xx",
		"status:>=400",
		"status:0xx",
		"method:",
		"method:post,GET",
		"path:",
		"path:/cart",
		"has:",
		"has:exception",
		"has:nothing",
		"project:",
		"project:shop",
		"!",
		"-",
		"'",
		"^",
		"$",
		"=",
		"|",
		" | ",
		'"',
		"\\",
		"\\|",
		",",
		" ",
		"  ",
		"(",
		")",
		"*",
		".",
		"[",
		"]",
		"{",
		"\u0000",
		"\u001b[31m",
		"\u202e",
		"\ud800",
		"🌵",
		"日本",
	),
	fc.string({ unit: "binary", maxLength: 8 }),
);
const query = fc.oneof(
	fc.array(token, { maxLength: 16 }).map((parts) => parts.join("")),
	fc.string({ unit: "binary", maxLength: 60 }),
);

/** Rows of every kind to match against: log, exception, bare request, and a gap. */
function sampleEntries(): Entry[] {
	const store = createTailStore({ clock: new ManualClock() });
	const events = [
		{
			uuid: "e1",
			request: { method: "POST", url: "https://shop.example/cart?x=1", status_code: 503 },
			logs: [{ level: "error", messages: ["cart failed 🌵 日本"] }],
			exceptions: [{ name: "TypeError", message: "x is undefined", stack: "TypeError\n  at f" }],
		},
		{ uuid: "e2", request: { method: "GET", url: "/", status_code: 200 }, logs: [] },
		{ uuid: "e3", request: null, logs: [{ level: "weird\u202e", messages: [{ a: 1 }, null] }] },
	];
	for (const value of events) {
		const result = parseEvent(JSON.stringify(value), project, 0);
		if (result.ok) store.event(project, result.event);
	}
	store.gap(project, { start: 0, end: 1500, cause: "503" });
	store.setViewport(project, 20);
	store.flush();
	const rows = store.getSnapshot().panes[0]?.rows ?? [];
	store.dispose();
	return rows.map((row) => row.entry);
}

describe("search queries", () => {
	it(
		"parse, compile and match without throwing, whatever is typed",
		() => {
			const entries = sampleEntries();
			expect(entries.map((entry) => entry.kind)).toEqual(["log", "exception", "request", "log", "gap"]);
			fc.assert(
				fc.property(query, (text) => {
					const parsed = parseQuery(text);
					expect(parsed.source).toBe(text);
					if (parsed.error !== null) expect(parsed.error).toBeTypeOf("string");
					const compiled = compileQuery(parsed);
					compiled.paneMatches(project, "shop");
					compiled.paneMatches(project, undefined);
					for (const entry of entries) {
						if (compiled.test(entry)) {
							for (const [start, end] of compiled.ranges(entry)) {
								expect(0 <= start && start < end && end <= entry.text.length).toBe(true);
							}
						}
					}
				}),
				fuzzOptions(),
			);
		},
		timeoutFor(5),
	);

	it(
		"run in the store (find, filter, one pane or all) without throwing",
		() => {
			const store = createTailStore({ clock: new ManualClock(), schedule: (callback) => callback() });
			for (let i = 0; i < 30; i++) {
				const result = parseEvent(
					JSON.stringify({
						uuid: `u${i}`,
						request: { method: i % 2 ? "GET" : "POST", url: `/p/${i}`, status_code: 200 + i * 10 },
						logs: [{ level: ["info", "warn", "error"][i % 3], messages: [`message ${i} cart`] }],
					}),
					project,
					i,
				);
				if (result.ok) store.event(project, result.event);
			}
			store.setViewport(project, 10);
			try {
				fc.assert(
					fc.property(
						query,
						fc.constantFrom("find" as const, "filter" as const),
						fc.constantFrom("pane" as const, "all" as const),
						(text, mode, scope) => {
							store.setSearch(text, { mode, scope });
							store.nextMatch();
							store.flush();
							const search = store.getSnapshot().search;
							expect(search?.query).toBe(text);
							expect(search?.matchCount).toBeGreaterThanOrEqual(0);
						},
					),
					fuzzOptions(),
				);
			} finally {
				store.dispose();
			}
		},
		timeoutFor(5),
	);
});
