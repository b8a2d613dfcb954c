/**
 * Recent searches across runs, in a real terminal: the built binary in tmux against an emulator in
 * this process, with a temporary state folder. Two searches applied, quit, a new run: `/` then ↑ shows
 * the last one, ↑ again the one before, ↓ ↓ back to the empty draft.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasTmux, type TmuxSession } from "../support/tmux.js";
import { tuiAgainstEmulator } from "../support/tui-emulator.js";
import { frameWhole } from "../support/tui-screen.js";

const tui = tuiAgainstEmulator();

/** The status bar (the screen's last line) once a whole frame is on screen and it passes `test`. */
async function statusBar(session: TmuxSession, test: (bar: string) => boolean): Promise<string> {
	const last = (screen: string) => screen.trimEnd().split("\n").at(-1) ?? "";
	const screen = await session.waitFor((s) => frameWhole(s) && test(last(s)), 20_000);
	return last(screen);
}

describe.skipIf(!hasTmux)("recent searches in the TUI (tmux)", () => {
	it("keeps the searches of one run for the next: / then ↑ shows the last", async () => {
		const emu = await tui.emulator();
		const stateDir = mkdtempSync(path.join(tmpdir(), "bctail-recall-e2e-"));
		const first = tui.start(emu, { env: { BCTAIL_STATE_DIR: stateDir } });
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

		const second = tui.start(emu, { env: { BCTAIL_STATE_DIR: stateDir } });
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
