/**
 * Recent searches across runs, in a real terminal: the built binary in tmux against an emulator in
 * this process, with a temporary state folder. Two searches applied, quit, a new run: `/` then ↑ shows
 * the last one, ↑ again the one before, ↓ ↓ back to the empty draft.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
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

/** The built binary in tmux, tailing the emulator's first project with `stateDir` as its state folder. */
function start(emu: Emulator, stateDir: string): TmuxSession {
	const p = emu.projects[0]?.uuid ?? "";
	const session = startTmux(
		`"${process.execPath}" "${binPath}" --api-host ${emu.origin} --store-hash ${emu.storeHash} ${p}`,
		{
			width: 120,
			height: 30,
			env: cleanEnv({ CATALYST_ACCESS_TOKEN: emu.token, BCTAIL_STATE_DIR: stateDir }),
		},
	);
	sessions.push(session);
	return session;
}

/** The status bar (the screen's last line) once a whole frame is on screen and it passes `test`. */
async function statusBar(session: TmuxSession, test: (bar: string) => boolean): Promise<string> {
	const last = (screen: string) => screen.trimEnd().split("\n").at(-1) ?? "";
	const screen = await session.waitFor((s) => frameWhole(s) && test(last(s)), 20_000);
	return last(screen);
}

describe.skipIf(!hasTmux)("recent searches in the TUI (tmux)", () => {
	it("keeps the searches of one run for the next: / then ↑ shows the last", async () => {
		const emu = await createEmulator({ rate: 0, keepAliveMs: 1000, streamEndMs: 0 });
		emulator = emu;
		const stateDir = mkdtempSync(path.join(tmpdir(), "bctail-recall-e2e-"));
		const first = start(emu, stateDir);
		await statusBar(first, (bar) => bar.startsWith(" TAIL "));
		for (const query of ["status:500", "path:/cart"]) {
			first.keys("/");
			await statusBar(first, (bar) => bar.startsWith(" SEARCH "));
			first.keys("C-u");
			first.literal(query);
			await statusBar(first, (bar) => bar.includes(`/${query}`));
			first.keys("Enter");
			await statusBar(first, (bar) => bar.startsWith(" TAIL "));
		}
		first.keys("q");
		await first.waitFor(() => first.dead(), 20_000);
		expect(readFileSync(path.join(stateDir, "searches"), "utf8")).toBe('"path:/cart"\n"status:500"\n');

		const second = start(emu, stateDir);
		await statusBar(second, (bar) => bar.startsWith(" TAIL "));
		second.keys("/");
		await statusBar(second, (bar) => bar.startsWith(" SEARCH "));
		second.keys("Up");
		expect(await statusBar(second, (bar) => bar.includes("/path:/cart"))).toContain("/path:/cart");
		second.keys("Up");
		await statusBar(second, (bar) => bar.includes("/status:500"));
		second.keys("Down", "Down");
		const draft = await statusBar(second, (bar) => bar.startsWith(" SEARCH ") && !bar.includes(":"));
		expect(draft).not.toContain("path:/cart");
	});
});
