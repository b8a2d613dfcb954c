/**
 * The TUI with a past, in a real terminal: the built binary in tmux against an emulator in this
 * process (so the test can cut the stream and push events only the history gets). The pane opens
 * with its recent past above a "live from here" marker, an outage is filled from history once the
 * stream is back, and a store without the Logs API beta keeps tailing with "history off". `T` goes
 * to a time two hours back in three hours of seeded history, and `G` returns to live.
 */
import { describe, expect, it } from "vitest";
import type { Emulator } from "../../source/emulator/types.js";
import { hasTmux, type TmuxSession } from "../support/tmux.js";
import { tuiAgainstEmulator } from "../support/tui-emulator.js";
import { frameWhole } from "../support/tui-screen.js";

const tui = tuiAgainstEmulator();

let counter = 0;
function invocation(at: number, tag: string): Record<string, unknown> {
	counter += 1;
	const ts = new Date(at).toISOString();
	return {
		uuid: `${tag}-${counter}`,
		timestamp: ts,
		request: { method: "GET", url: `/${tag}/${counter}`, status_code: 200 },
		logs: [{ timestamp: ts, level: "info", messages: [`${tag} row ${counter}`] }],
		exceptions: [],
	};
}

/** The built binary in tmux, tailing the first project of `emu`. */
const start = (emu: Emulator, extra = ""): TmuxSession =>
	tui.start(emu, { width: 140, height: 40, args: extra });

const pad2 = (n: number): string => String(n).padStart(2, "0");
/** Local `HH:MM`, as rows and the header show times. */
const clock = (ms: number): string => {
	const d = new Date(ms);
	return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
};

const frame = (session: TmuxSession, predicate: (screen: string) => boolean) =>
	session.waitFor((screen) => frameWhole(screen) && predicate(screen), 20_000);

describe.skipIf(!hasTmux)("history in the TUI (tmux)", () => {
	it("opens with the last 15 minutes above a live marker, then fills an outage from history", async () => {
		// Pushed before the TUI starts, with no stream open: only the history has these.
		const emu = await tui.emulator({ rate: 0, keepAliveMs: 1000, streamEndMs: 0 });
		const p = emu.projects[0]!.uuid;
		const now = Date.now();
		for (let i = 0; i < 5; i++) emu.push(p, invocation(now - 600_000 + i * 60_000, "past"));
		const session = start(emu);
		const first = await frame(session, (screen) => screen.includes("live from here"));
		expect(first).toMatch(/── live from here · above: 10 entries of the last 15 min from history/);
		const lines = first.split("\n");
		const marker = lines.findIndex((line) => line.includes("live from here"));
		const past = lines.map((line, index) => (line.includes("/past/") ? index : -1)).filter((i) => i >= 0);
		expect(past).toHaveLength(5);
		expect(Math.max(...past)).toBeLessThan(marker);

		emu.push(p, invocation(Date.now(), "live"));
		await frame(session, (screen) => screen.includes("/live/"));
		emu.outage(p, true);
		await frame(session, (screen) => /reconnecting|retry/.test(screen));
		for (let i = 0; i < 3; i++) emu.push(p, invocation(Date.now(), "missed"));
		emu.outage(p, false);
		const filled = await frame(session, (screen) => screen.includes("filled: 6 entries from history"));
		const rows = filled.split("\n");
		const gap = rows.findIndex((line) => line.includes("disconnected"));
		const note = rows.findIndex((line) => line.includes("filled: 6 entries"));
		const missed = rows.map((line, index) => (line.includes("/missed/") ? index : -1)).filter((i) => i >= 0);
		expect(missed).toHaveLength(3);
		expect(gap).toBeGreaterThan(-1);
		expect(Math.min(...missed)).toBeGreaterThan(gap);
		expect(Math.max(...missed)).toBeLessThan(note);
		session.keys("q");
	});

	it("scrolls back past the oldest row: g loads the older page above, marked as history", async () => {
		const emu = await tui.emulator({ rate: 0, keepAliveMs: 1000, streamEndMs: 0 });
		const p = emu.projects[0]!.uuid;
		const now = Date.now();
		for (let i = 0; i < 4; i++) emu.push(p, invocation(now - 3_600_000 + i * 60_000, "older"));
		for (let i = 0; i < 3; i++) emu.push(p, invocation(now - 30_000 + i * 1000, "recent"));
		const session = start(emu, "--since 5m");
		const opened = await frame(session, (screen) => screen.includes("live from here"));
		expect(opened).not.toContain("/older/");
		expect(opened.split("\n").filter((line) => line.includes("/recent/"))).toHaveLength(3);
		session.keys("g");
		const back = await frame(session, (screen) => (screen.match(/\/older\//g) ?? []).length === 4);
		const lines = back.split("\n");
		const older = lines.map((line, i) => (line.includes("/older/") ? i : -1)).filter((i) => i >= 0);
		const recent = lines.map((line, i) => (line.includes("/recent/") ? i : -1)).filter((i) => i >= 0);
		expect(Math.max(...older)).toBeLessThan(Math.min(...recent));
		// History rows carry the gutter mark after their time.
		for (const index of older) expect(lines[index]).toMatch(/\d\d:\d\d:\d\d\.\d{3}▏/);
		session.keys("g");
		await frame(session, (screen) => screen.includes("start of history"));
		session.keys("q");
	});

	it("a store without the Logs API beta says history off and keeps tailing", async () => {
		const emu = await tui.emulator({ rate: 0, keepAliveMs: 1000, streamEndMs: 0 });
		const p = emu.projects[0]!.uuid;
		emu.historyFault("*", { fault: { kind: "status", status: 403 }, times: Number.POSITIVE_INFINITY });
		const session = start(emu);
		await frame(session, (screen) => screen.includes("history off: Infrastructure Logs API not enabled"));
		emu.push(p, invocation(Date.now(), "still"));
		const screen = await frame(session, (text) => text.includes("/still/"));
		expect(screen).toContain("● live");
		expect(screen).toContain("history off");
		session.keys("q");
	});
	it("T and a time of day two hours ago show the pane two hours back from history, G returns to live", async () => {
		const emu = await tui.emulator({ rate: 1, historySeedMs: 3 * 60 * 60 * 1000, keepAliveMs: 1000 });
		const session = start(emu);
		await frame(session, (screen) => screen.includes("live from here"));

		session.keys("T");
		await frame(session, (screen) => screen.includes("go to time:"));
		// Two hours ago as a time of day (tmux's send-keys would read "-2h" as its own flags).
		const asked = Date.now() - 2 * 60 * 60 * 1000;
		session.keys(clock(asked), "Enter");
		const there = await frame(session, (screen) => screen.includes("· G: live"));
		// The header says the time gone to; the rows are of that time (history: the gutter mark).
		expect(there).toContain(`at ${clock(asked)} · G: live`);
		const rows = there.split("\n").filter((line) => /\d\d:\d\d:\d\d\.\d{3}▏/.test(line));
		expect(rows.length).toBeGreaterThan(10);
		const times = rows.map((line) => /(\d\d:\d\d):\d\d\.\d{3}▏/.exec(line)?.[1] ?? "");
		// Around the time asked: the minutes before and after it, not the recent past.
		const near = (hhmm: string) => [-3, -2, -1, 0, 1, 2, 3].some((m) => clock(asked + m * 60_000) === hhmm);
		expect(times.filter(near).length).toBe(times.length);
		// Not following: the recent rows are out of sight below.
		expect(there).not.toContain("live from here");

		session.keys("G");
		const live = await frame(
			session,
			(screen) => !screen.includes("· G: live") && screen.includes("live from here"),
		);
		expect(live).not.toContain("go to time:");
		session.keys("q");
	});
});
