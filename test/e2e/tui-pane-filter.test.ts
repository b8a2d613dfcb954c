/**
 * A per-pane filter in a real terminal: the built binary in tmux against an emulator in this process,
 * two projects side by side. `F` filters production to /checkout while preview keeps showing
 * everything; the header carries the chip, new arrivals are filtered as they come, `o` searches older
 * history of the filtered pane only with its filter sent to the API, and an emptied box clears it.
 */
import { describe, expect, it, onTestFinished } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import { binPath, cleanEnv } from "../support/run-cli.js";
import { hasTmux, startTmux, type TmuxSession } from "../support/tmux.js";
import { frameWhole } from "../support/tui-screen.js";

let counter = 0;
/** One GET of `path` with one log line naming it. */
function invocation(at: number, path: string, tag: string): Record<string, unknown> {
	counter += 1;
	const ts = new Date(at).toISOString();
	return {
		uuid: `${tag}-${counter}`,
		timestamp: ts,
		request: { method: "GET", url: `${path}/${tag}-${counter}`, status_code: 200 },
		logs: [{ timestamp: ts, level: "info", messages: [`${tag} ${path.slice(1)} ${counter}`] }],
		exceptions: [],
	};
}

const frame = (session: TmuxSession, predicate: (screen: string) => boolean) =>
	session.waitFor((screen) => frameWhole(screen) && predicate(screen), 20_000);

/** The screen's left and right halves (two panes side by side at 160 columns). */
function halves(screen: string): { left: string; right: string } {
	const lines = screen.split("\n").slice(0, -1);
	return {
		left: lines.map((line) => line.slice(0, 80)).join("\n"),
		right: lines.map((line) => line.slice(80)).join("\n"),
	};
}

const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe.skipIf(!hasTmux)("per-pane filter in the TUI (tmux)", () => {
	it("F filters production to /checkout while preview shows everything; o searches its older history", async () => {
		const emu = await createEmulator({ rate: 0, keepAliveMs: 1000, streamEndMs: 0 });
		onTestFinished(() => emu.close());
		const production = emu.projects[0]?.uuid as string;
		const preview = emu.projects[1]?.uuid as string;
		// An hour back, only the history has these (the TUI opens with the last 15 minutes).
		const hourAgo = Date.now() - 3_600_000;
		for (let i = 0; i < 3; i++) {
			emu.push(production, invocation(hourAgo + i * 1000, "/checkout", "old"));
			emu.push(production, invocation(hourAgo + i * 1000 + 500, "/cart", "old"));
		}
		const session = startTmux(
			`"${process.execPath}" "${binPath}" --api-host ${emu.origin} --store-hash ${emu.storeHash} --since 5m ${production} ${preview}`,
			{ width: 160, height: 30, env: cleanEnv({ CATALYST_ACCESS_TOKEN: emu.token }) },
		);
		onTestFinished(() => session.kill());
		await frame(session, (screen) => count(screen, "● live") === 2);
		for (const project of [production, preview]) {
			for (let i = 0; i < 3; i++) {
				emu.push(project, invocation(Date.now(), "/checkout", "new"));
				emu.push(project, invocation(Date.now(), "/cart", "new"));
			}
		}
		await frame(session, (screen) => count(screen, "new cart") === 6);

		// Pane 1 (catalyst-production) is focused: F opens the box scoped to it.
		session.keys("F");
		await frame(session, (screen) => screen.includes("filter catalyst-production:"));
		session.literal("path:/checkout");
		session.keys("Enter");
		const filtered = await frame(
			session,
			(screen) => screen.includes(" TAIL ") && count(halves(screen).left, "new checkout") === 3,
		);
		const { left, right } = halves(filtered);
		expect(left).toContain("F: path:/checkout");
		expect(left).toMatch(/hidden \d+/);
		expect(count(left, "new checkout")).toBe(3);
		expect(left).not.toContain("new cart");
		expect(count(right, "new cart")).toBe(3);
		expect(count(right, "new checkout")).toBe(3);
		expect(right).not.toContain("F:");

		// Arrivals are filtered as they come.
		emu.push(production, invocation(Date.now(), "/cart", "late"));
		emu.push(production, invocation(Date.now(), "/checkout", "late"));
		emu.push(preview, invocation(Date.now(), "/cart", "late"));
		const later = await frame(session, (screen) => count(screen, "late ") === 2);
		expect(halves(later).left).toContain("late checkout");
		expect(halves(later).right).toContain("late cart");

		// o: older history of the filtered pane, its filter sent to the API (url:like), the rest local.
		session.keys("o");
		const older = await frame(session, (screen) => screen.includes("old checkout"));
		expect(older).toMatch(/history: \d+ older events with url:like=\/checkout/);
		expect(halves(older).left).not.toContain("old cart");
		expect(halves(older).right).not.toContain("old ");

		// F, an emptied box and Enter clear it: production shows everything again.
		session.keys("F");
		await frame(session, (screen) => screen.includes("filter catalyst-production:"));
		session.keys("C-u", "Enter");
		const cleared = await frame(session, (screen) => !screen.includes("F: path:/checkout"));
		expect(halves(cleared).left).toContain("late cart");
		session.keys("q");
	});
});
