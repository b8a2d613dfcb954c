/**
 * Fuzzing the whole path from a frame's data to the terminal: random event JSON whose every string
 * (and key) is hostile → `parseEvent` → every line format, the store's rows, the TUI's row spans and
 * overlay lines, pane titles from project names. Nothing that reaches a terminal may hold a control
 * character (C0 but the line feed between lines, DEL, C1), an escape, a bidi control, or a lone
 * surrogate.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hostilePayloadList, unterminatedPayloadList } from "../../source/emulator/hostile.js";
import { parseEvent } from "../../source/model/normalize.js";
import { sanitizeOneLine } from "../../source/model/sanitize.js";
import { createLineFormatter, type LineFormat } from "../../source/output/line-format.js";
import { createTailStore } from "../../source/store/store.js";
import type { TailStore } from "../../source/store/types.js";
import { levelBadge } from "../../source/ui/format.js";
import { overlayContent, wrapOverlayLines } from "../../source/ui/overlay-content.js";
import { problemsLines } from "../../source/ui/problems-overlay.js";
import { rowSpans } from "../../source/ui/row-format.js";
import { textWidth } from "../../source/ui/truncate-to-width.js";
import { ManualClock } from "../../source/util/clock.js";
import { fuzzOptions, timeoutFor } from "./runs.js";

/** Forbidden everywhere (the line feed is checked separately: allowed only between output lines). */
const forbidden = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function expectSafe(text: string, where: string, newlines: boolean): void {
	// Plain checks (no expect() per string): this runs for dozens of strings per fuzz run.
	const problem = forbidden.test(text)
		? "a control character"
		: !(text as string & { isWellFormed(): boolean }).isWellFormed()
			? "a lone surrogate"
			: !newlines && text.includes("\n")
				? "a newline"
				: null;
	if (problem !== null) throw new Error(`${where} has ${problem}: ${JSON.stringify(text)}`);
}

/** Strings built from escape sequences, lone controls, bidi marks, surrogate halves and plain text. */
const hostile = fc
	.array(
		fc.oneof(
			fc.constantFrom(
				...hostilePayloadList,
				...unterminatedPayloadList,
				"\u0000",
				"\u0007",
				"\u0008",
				"\t",
				"\r",
				"\r\n",
				"\n",
				"\u001b",
				"\u001b[",
				"\u001b]",
				"\u001bP",
				"\u007f",
				"\u0085",
				"\u009b",
				"\u009c",
				"\u009d",
				"\u0090",
				"\u061c",
				"\u200e",
				"\u202e",
				"\u2066",
				"\u2069",
				"\ud800",
				"\udfff",
				"\ud83d",
				"🌵",
				"日本",
				"é",
				"a",
				" ",
			),
			fc.string({ unit: "binary", maxLength: 6 }),
		),
		{ maxLength: 12 },
	)
	.map((parts) => parts.join(""));

const anything: fc.Arbitrary<unknown> = fc.oneof(
	hostile,
	fc.integer(),
	fc.constant(null),
	fc.boolean(),
	fc.dictionary(hostile, hostile, { maxKeys: 3 }),
	fc.array(hostile, { maxLength: 3 }),
);

const time = fc.oneof(
	fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
	hostile,
	fc.constant(null),
	fc.integer(),
);

const event = fc.record(
	{
		uuid: fc.oneof({ weight: 4, arbitrary: fc.uuid() }, hostile),
		project_uuid: fc.oneof(fc.uuid(), hostile),
		request: fc.oneof(
			fc.constant(null),
			fc.record(
				{
					method: fc.oneof(fc.constantFrom("GET", "post"), hostile),
					url: fc.oneof(
						hostile,
						hostile.map((text) => `https://shop.example/${text}`),
					),
					status_code: fc.oneof(fc.integer({ min: 0, max: 999 }), hostile, fc.constant(null)),
				},
				{ requiredKeys: [] },
			),
		),
		logs: fc.array(
			fc.record(
				{
					timestamp: time,
					level: fc.oneof(fc.constantFrom("info", "warn", "error", "debug", "log"), hostile),
					messages: fc.array(anything, { maxLength: 4 }),
				},
				{ requiredKeys: [] },
			),
			{ maxLength: 3 },
		),
		exceptions: fc.array(
			fc.record(
				{ timestamp: time, name: hostile, message: hostile, stack: hostile, extra: anything },
				{ requiredKeys: [] },
			),
			{ maxLength: 2 },
		),
		timestamp: time,
		unknown_field: anything,
	},
	{ requiredKeys: ["uuid"] },
);

/** A frame's data: mostly an event, sometimes anything at all. */
const data = fc.oneof(
	{ weight: 8, arbitrary: event.map((value) => JSON.stringify(value)) },
	anything.map((value) => JSON.stringify(value) ?? ""),
	hostile,
);

const project = "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1001";
const textFormats: readonly LineFormat[] = ["default", "short", "request"];

describe("from a frame's data to the terminal", () => {
	it(
		"line formats, store rows, row spans and overlays never carry a control character",
		() => {
			let store: TailStore | null = null;
			fc.assert(
				fc.property(data, hostile, fc.integer({ min: 8, max: 120 }), (frame, hostileName, width) => {
					const label = `shop ${hostileName}`;
					const result = parseEvent(frame, project, 1_767_225_600_000);
					if (!result.ok) return;
					const parsed = result.event;
					// The model keeps newlines (stacks, multi-line messages); whoever draws one row cuts them.
					for (const text of [parsed.uuid, parsed.projectUuid, parsed.request?.url ?? ""])
						expectSafe(text, "event field", true);

					// Line mode: several projects, so the (hostile) project name labels every line; no newline
					// in a field may split an output line, so every line starts with that label.
					const prefix = `${sanitizeOneLine(label)} `;
					for (const format of textFormats) {
						const out = createLineFormatter({ format, color: false, label: () => label })(parsed);
						expectSafe(out, format, true);
						expect(out === "" || out.endsWith("\n")).toBe(true);
						for (const line of out.split("\n").slice(0, -1)) {
							if (!line.startsWith(prefix))
								throw new Error(`${format}: a line without its label: ${JSON.stringify(line)}`);
						}
						const coloured = createLineFormatter({ format, color: true, label: () => label })(parsed);
						// Only our own SGR codes: without them, nothing but text is left.
						expectSafe(coloured.replace(/\u001b\[[0-9;]*m/g, ""), `${format} (colour)`, true);
					}
					// json and pretty: escapes as JSON text, never raw.
					const json = createLineFormatter({ format: "json", color: false })(parsed);
					expectSafe(json.slice(0, -1), "json", false);
					expect(JSON.parse(json)).toBeTypeOf("object");
					expectSafe(createLineFormatter({ format: "pretty", color: false })(parsed), "pretty", true);

					// The store (as the TUI reads it), its rows cut to a pane, and both overlays.
					store ??= createTailStore({ clock: new ManualClock(), scrollback: 50 });
					store.addProject(project);
					store.setProjectNames([{ uuid: project, name: hostileName, hostnames: [] }]);
					store.event(project, parsed);
					store.setViewport(project, 50);
					store.flush();
					const pane = store.getSnapshot().panes[0];
					if (pane === undefined) throw new Error("no pane");
					expectSafe(pane.title, "pane title", false);
					const rows = pane.rows.filter((candidate) => candidate.entry.event === parsed);
					for (const row of rows) {
						expectSafe(row.entry.text, "entry text", false);
						const { spans } = rowSpans(row, { width, timeFormat: "utc", now: 0, focused: true });
						for (const span of spans) expectSafe(span.text, "row span", false);
						expect(spans.reduce((sum, span) => sum + textWidth(span.text), 0)).toBeLessThanOrEqual(width);
						// The overlays show the whole event: once per event (its last row) is enough.
						if (row !== rows.at(-1)) continue;
						for (const raw of [false, true]) {
							const lines = wrapOverlayLines(overlayContent(row.entry, { project: pane.title, raw }), width);
							for (const line of lines) {
								expectSafe(line.text, raw ? "detail overlay" : "exception overlay", false);
								if (textWidth(line.text) > width) throw new Error(`overlay line over ${width}: ${line.text}`);
							}
						}
					}
					// The problems view: fingerprints, routes and frames of what the pane holds.
					const problems = {
						paneId: project,
						scope: "pane" as const,
						report: store.problems(project),
						selected: 0,
					};
					const look = { width, rows: 19, timeFormat: "utc" as const, now: 0, title: () => pane.title };
					for (const line of problemsLines(problems, look)) {
						expectSafe(line.text, "problems view", false);
						if (textWidth(line.text) > width) throw new Error(`problems line over ${width}: ${line.text}`);
					}
				}),
				fuzzOptions(),
			);
			(store as TailStore | null)?.dispose();
		},
		timeoutFor(20),
	);
});

describe("cases the fuzzing found", () => {
	it("a level badge is cut by columns and kept on one line (astral, wide and multi-line levels)", () => {
		expect(levelBadge("\u{10000}\u{10000}\u{10000}").text).toBe("\u{10000}\u{10000}\u{10000}  ");
		expect(levelBadge("日本語ログ").text).toBe("日本 ");
		expect(levelBadge("\n").text).toBe("⏎    ");
		const line = createLineFormatter({ format: "default", color: false })(
			parse({ uuid: "u", logs: [{ level: "wa\r\nrn", timestamp: "2026-01-01T00:00:00Z", messages: ["m"] }] }),
		);
		expect(line).toBe("[2026-01-01T00:00:00Z] [WA⏎RN] m\n");
	});
});

function parse(value: object) {
	const result = parseEvent(JSON.stringify(value), project, 0);
	if (!result.ok) throw new Error("not an event");
	return result.event;
}
