/**
 * Density on the real store through the app's keys: `v` one row per request, `W` wrap, ←/→ sideways
 * (and ←/→ still moving the text cursor in the search box), as the frames show them.
 */
import stringWidth from "string-width";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import type { TailEvent } from "../../source/model/types.js";
import { startApp } from "./support/app-flow.js";
import { event, keys, projectA } from "./support/fixtures.js";

const start = Date.UTC(2026, 5, 1, 12, 0, 0);

/** A request to `path` with `logs` log lines and `exceptions` exceptions. */
function request(
	i: number,
	path: string,
	status: number,
	logs: readonly string[],
	exceptions = 0,
): TailEvent {
	const time = new Date(start + i * 10).toISOString();
	return event(
		{
			uuid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
			project_uuid: projectA,
			request: { method: "GET", url: `https://shop.example.com${path}`, status_code: status },
			logs: logs.map((text) => ({ timestamp: time, level: "info", messages: [text] })),
			exceptions: Array.from({ length: exceptions }, (_, k) => ({
				timestamp: time,
				name: "TypeError",
				message: `bad thing ${i}.${k}`,
			})),
			timestamp: time,
		},
		start + i * 10,
	);
}

const setup = (width = 100, height = 14) =>
	startApp({ width, height, start, onCleanup: (cleanup) => onTestFinished(cleanup) });

const lines = (frame: string, text: string) => frame.split("\n").filter((line) => line.includes(text));

describe("v: one row per request", () => {
	it("draws a 500 with its logs and exception as one row, and back", async () => {
		const t = await setup();
		t.feed([
			request(1, "/checkout", 500, ["charge", "retry", "gave up"], 1),
			request(2, "/home", 200, ["ok"]),
		]);
		await vi.waitFor(() => expect(t.frame()).toContain("bad thing 1.0"));
		expect(lines(t.frame(), "/checkout")).toHaveLength(4);
		t.type("v");
		await vi.waitFor(() => expect(t.frame()).toContain("· 3 logs · 1 exc"));
		const frame = t.frame();
		expect(lines(frame, "/checkout")).toHaveLength(1);
		expect(frame).toContain("per request");
		expect(frame).not.toContain("bad thing 1.0");
		// Enter on the row opens the detail of its event.
		t.type("k", keys.enter);
		await vi.waitFor(() => expect(t.frame()).toContain("bad thing 1.0"));
		t.type(keys.escape);
		await vi.waitFor(() => expect(t.frame()).not.toContain("bad thing 1.0"));
		t.type("v");
		await vi.waitFor(() => expect(lines(t.frame(), "/checkout")).toHaveLength(4));
	});

	it("counts what arrives below in events and rows", async () => {
		const t = await setup();
		t.feed(Array.from({ length: 12 }, (_, i) => request(i, `/p/${i}`, 200, ["a", "b"])));
		t.type("v");
		await vi.waitFor(() => expect(t.frame()).toContain("per request"));
		t.type("k");
		t.feed([request(20, "/late", 200, ["x", "y", "z"])]);
		await vi.waitFor(() => expect(t.frame()).toContain("1 event (3 rows) new ↓"));
	});
});

describe("W: wrap", () => {
	it("wraps a long row onto the next lines, the newest kept at the bottom", async () => {
		const t = await setup(60, 14);
		const long = `start ${"word ".repeat(20)}finish`;
		t.feed([request(1, "/a", 200, ["short"]), request(2, "/b", 200, [long])]);
		await vi.waitFor(() => expect(t.frame()).toContain("start word"));
		expect(t.frame()).not.toContain("finish");
		t.type("W");
		await vi.waitFor(() => expect(t.frame()).toContain("finish"));
		const frame = t.frame();
		expect(frame).toContain("wrap");
		for (const line of frame.split("\n")) expect(stringWidth(line)).toBeLessThanOrEqual(60);
		// The wrapped row is the newest: its last line is the body's last.
		const body = frame.split("\n").filter((line) => line.startsWith("│") && !/^│\s*│$/.test(line));
		expect(body.at(-1)).toContain("finish");
	});
});

describe("←/→: sideways", () => {
	it("scrolls the rows by 10 columns, shows how far, and leaves the search box's cursor keys alone", async () => {
		const t = await setup();
		t.feed([request(1, "/checkout", 200, ["hello sideways"])]);
		await vi.waitFor(() => expect(t.frame()).toContain("12:00:00.010"));
		t.type(keys.right, keys.right);
		await vi.waitFor(() => expect(t.frame()).toContain("→20"));
		expect(t.frame()).not.toContain("12:00:00.010");
		expect(t.store.getSnapshot().panes[0]?.offset).toBe(20);
		t.type(keys.left);
		await vi.waitFor(() => expect(t.frame()).toContain("→10"));
		// In the search box ← moves the text cursor, not the rows.
		t.type("/", "a", "b", keys.left, "X", keys.enter);
		await vi.waitFor(() => expect(t.store.getSnapshot().search?.query).toBe("aXb"));
		expect(t.store.getSnapshot().panes[0]?.offset).toBe(10);
	});
});
