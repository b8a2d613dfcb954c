/**
 * Going to a time in a real terminal: the built binary in tmux against an emulator in this process
 * that holds three hours of seeded history. `T` and the time of day two hours ago show the pane two hours back (loaded
 * around that time, apart from the recent rows by a "not loaded" marker), the header says where it
 * is, and `G` returns to live.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { binPath, cleanEnv } from "../support/run-cli.js";
import { hasTmux, startTmux, type TmuxSession } from "../support/tmux.js";
import { frameWhole } from "../support/tui-screen.js";

const sessions: TmuxSession[] = [];
let emulator: Emulator | undefined;
afterEach(async () => {
	for (const session of sessions.splice(0)) session.kill();
	await emulator?.close();
	emulator = undefined;
});

const pad2 = (n: number): string => String(n).padStart(2, "0");
/** Local `HH:MM`, as rows and the header show times. */
const clock = (ms: number): string => {
	const d = new Date(ms);
	return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
};

describe.skipIf(!hasTmux)("go to a time in the TUI (tmux)", () => {
	it("T and a time of day two hours ago show the pane two hours back from history, G returns to live", async () => {
		const emu = await createEmulator({ rate: 1, historySeedMs: 3 * 60 * 60 * 1000, keepAliveMs: 1000 });
		emulator = emu;
		const p = emu.projects[0]?.uuid as string;
		const session = startTmux(
			`"${process.execPath}" "${binPath}" --api-host ${emu.origin} --store-hash ${emu.storeHash} ${p}`,
			{ width: 140, height: 40, env: cleanEnv({ CATALYST_ACCESS_TOKEN: emu.token }) },
		);
		sessions.push(session);
		const frame = (predicate: (screen: string) => boolean) =>
			session.waitFor((screen) => frameWhole(screen) && predicate(screen), 20_000);
		await frame((screen) => screen.includes("live from here"));

		session.keys("T");
		await frame((screen) => screen.includes("go to time:"));
		// Two hours ago as a time of day (tmux's send-keys would read "-2h" as its own flags).
		const asked = Date.now() - 2 * 60 * 60 * 1000;
		session.keys(clock(asked), "Enter");
		const there = await frame((screen) => screen.includes("· G: live"));
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
		const live = await frame((screen) => !screen.includes("· G: live") && screen.includes("live from here"));
		expect(live).not.toContain("go to time:");
		session.keys("q");
	});
});
