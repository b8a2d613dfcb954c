/**
 * Density in a real terminal: the built binary in tmux replaying a 500 with three logs and an
 * exception and a long row with wide characters; `v` makes the 500 one row, `W` wraps the long row,
 * → scrolls sideways, and the pane's borders stay aligned throughout.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import stringWidth from "string-width";
import { afterEach, describe, expect, it } from "vitest";
import { binPath } from "../support/run-cli.js";
import { hasTmux, startTmux, type TmuxSession } from "../support/tmux.js";

const sessions: TmuxSession[] = [];
afterEach(() => {
	for (const session of sessions.splice(0)) session.kill();
});

const project = "019500e2-933d-7057-8e81-090dd7240795";
const time = "2026-01-01T00:00:00.000Z";
const log = (text: string) => ({ timestamp: time, level: "info", messages: [text] });
const events = [
	{
		uuid: "d0d0d0d0-0000-4000-8000-000000000001",
		project_uuid: project,
		timestamp: time,
		request: { method: "GET", url: "/checkout", status_code: 500 },
		logs: [log("charging"), log("retrying"), log("gave up")],
		exceptions: [{ timestamp: time, name: "TypeError", message: "card is undefined" }],
	},
	{
		uuid: "d0d0d0d0-0000-4000-8000-000000000002",
		project_uuid: project,
		timestamp: time,
		request: { method: "GET", url: "/fr/sale-🔥", status_code: 200 },
		logs: [log(`begin 抹茶 ${"café ".repeat(30)}the-far-end`)],
		exceptions: [],
	},
];

const width = 100;

/** Every line of the screen is exactly the terminal's width or blank: nothing spilled or fell short. */
function aligned(screen: string): boolean {
	return screen
		.split("\n")
		.filter((line) => line.startsWith("│"))
		.every((line) => stringWidth(line) === width && line.endsWith("│"));
}

describe.skipIf(!hasTmux)("density in a real terminal", () => {
	it("v shows one row per request, W wraps, → scrolls sideways", async () => {
		const dir = mkdtempSync(join(tmpdir(), "bctail-density-"));
		const file = join(dir, "events.ndjson");
		writeFileSync(file, `${events.map((event) => JSON.stringify(event)).join("\n")}\n`);
		const session = startTmux(`'${process.execPath}' '${binPath}' replay '${file}'`, { width, height: 20 });
		sessions.push(session);
		let screen = await session.waitForText("card is undefined");
		expect(screen.split("\n").filter((line) => line.includes("/checkout"))).toHaveLength(4);
		expect(screen).not.toContain("the-far-end");

		session.keys("v");
		// A frame is drawn in one write; wait for it whole (and aligned: a misaligned one never comes right).
		const shows = (text: string) => session.waitFor((s) => s.includes(text) && aligned(s));
		screen = await shows("· 3 logs · 1 exc");
		expect(screen.split("\n").filter((line) => line.includes("/checkout"))).toHaveLength(1);
		expect(screen).not.toContain("card is undefined");

		session.keys("W");
		screen = await shows("the-far-end");
		expect(screen).toContain("wrap");

		session.keys("W", "Right", "Right", "Right");
		screen = await shows("→30");
		expect(screen).not.toContain("/checkout");

		session.keys("v");
		screen = await session.waitFor((s) => s.includes("card is") && !s.includes("per request") && aligned(s));
	});
});
