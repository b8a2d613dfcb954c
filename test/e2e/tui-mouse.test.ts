/**
 * The mouse in a real terminal: the built binary in tmux (`--demo`), SGR reports typed into the pane
 * as a terminal writes them. tmux tracks whether the program asked for mouse reports
 * (`#{mouse_any_flag}`): on while the TUI runs, off while it is suspended and after it quits, never
 * on with `--no-mouse`.
 */
import { afterEach, describe, expect, it } from "vitest";
import { binPath } from "../support/run-cli.js";
import { hasTmux, startShell, type TmuxSession } from "../support/tmux.js";
import { frameWhole } from "../support/tui-screen.js";

const node = process.execPath;
const sessions: TmuxSession[] = [];
afterEach(() => {
	for (const session of sessions.splice(0)) session.kill();
});

const titles = ["catalyst-production", "catalyst-preview", "outlet-storefront"];

/** An interactive bash (job control) running the demo TUI with `args`, all three panes live. */
async function startInShell(args: string): Promise<TmuxSession> {
	const session = await startShell({ width: 160, height: 45 });
	sessions.push(session);
	session.literal(`${node} ${binPath} --demo --rate 10 --since 0 ${args}`);
	session.keys("Enter");
	await session.waitFor(
		(screen) =>
			frameWhole(screen) &&
			titles.every((t) => screen.includes(t)) &&
			(screen.match(/● live/g) ?? []).length === 3,
		20_000,
	);
	return session;
}

/** Waits for `wait`, naming the step when it fails. */
async function step(name: string, wait: Promise<unknown>): Promise<void> {
	try {
		await wait;
	} catch (error) {
		throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
	}
}

/** An SGR report at 0-based (x, y), as the terminal sends it. */
const report = (code: number, x: number, y: number, release = false): string =>
	`\u001b[<${code};${x + 1};${y + 1}${release ? "m" : "M"}`;

describe.skipIf(!hasTmux)("the mouse in tmux", () => {
	it("a click focuses the pane under it, the wheel scrolls, and reports are off when suspended or gone", async () => {
		const session = await startInShell("");
		expect(session.format("mouse_any_flag")).toBe("1");

		// A click in the third pane's body (160 columns: 54 + 53 + 53), then z zooms the focused pane.
		session.literal(report(0, 120, 8) + report(0, 120, 8, true));
		session.literal("z");
		await session.waitFor(
			(s) => frameWhole(s) && s.includes("outlet-storefront") && !s.includes("catalyst-preview"),
		);
		session.literal("z");
		await step(
			"unzoomed",
			session.waitFor((s) => frameWhole(s) && titles.every((t) => s.includes(t))),
		);

		// The wheel over the first pane, once it has rows to scroll: it is focused, leaves the live edge,
		// and counts what arrives.
		const firstPane = (s: string): string =>
			s
				.split("\n")
				.map((l) => [...l].slice(0, 54).join(""))
				.join("\n");
		await step(
			"the first pane has rows",
			session.waitFor((s) => Number(/(\d+) ev\b/.exec(firstPane(s))?.[1] ?? 0) >= 12),
		);
		session.literal(report(64, 10, 10) + report(64, 10, 10));
		await step(
			"the wheel scrolled the first pane",
			session.waitFor((s) => frameWhole(s) && /\d+ new ↓/.test(firstPane(s))),
		);

		session.keys("C-z");
		await session.waitFor((s) => /Stopped/.test(s) && s.includes("PROMPT$"));
		expect(session.format("mouse_any_flag")).toBe("0");
		session.literal("fg");
		session.keys("Enter");
		await session.waitFor((s) => frameWhole(s) && titles.every((t) => s.includes(t)));
		expect(session.format("mouse_any_flag")).toBe("1");
		session.keys("q");
		await session.waitFor((s) => s.trimEnd().endsWith("PROMPT$"));
		expect(session.format("mouse_any_flag")).toBe("0");
	});

	it("--no-mouse leaves the mouse to the terminal", async () => {
		const session = await startInShell("--no-mouse");
		expect(session.format("mouse_any_flag")).toBe("0");
		session.keys("q");
		await session.waitFor((s) => s.trimEnd().endsWith("PROMPT$"));
	});
});
