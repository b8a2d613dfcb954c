/**
 * The real TUI in a real terminal: the built binary in tmux against the embedded emulator (`--demo`),
 * with CI unset so Ink draws live. Keys go in with send-keys, the screen comes out with capture-pane.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import stringWidth from "string-width";
import { afterEach, describe, expect, it } from "vitest";
import { binPath } from "../support/run-cli.js";
import { hasTmux, startShell, startTmux, type TmuxSession } from "../support/tmux.js";
import { frameWhole } from "../support/tui-screen.js";

const node = process.execPath;
const crashScript = fileURLToPath(new URL("../support/inject-crash.mjs", import.meta.url));
const sessions: TmuxSession[] = [];

afterEach(() => {
	for (const session of sessions.splice(0)) session.kill();
});

/** Runs the demo TUI inside `sh`, which prints a marker before and the terminal modes after it. */
function startDemo(
	width: number,
	height: number,
	nodeArgs: readonly string[] = [],
	env: Readonly<Record<string, string>> = {},
): TmuxSession {
	const script = join(mkdtempSync(join(tmpdir(), "bctail-e2e-")), "run.sh");
	writeFileSync(
		script,
		[
			"echo BEFORE-BCTAIL",
			// Live only: these tests are about the live tail (history rows carry no stacks and a gutter mark;
			// test/e2e/tui-history.test.ts covers them).
			`"${node}" ${nodeArgs.join(" ")} "${binPath}" --demo --rate 10 --since 0`,
			'echo "EXIT-CODE $?"',
			"echo \"MODES $(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(isig|icanon|echo)$' | tr '\\n' ' ')\"",
			"sleep 600",
		].join("\n"),
	);
	const session = startTmux(`sh ${script}`, { width, height, env });
	sessions.push(session);
	return session;
}

const paneTitles = ["catalyst-production", "catalyst-preview", "outlet-storefront"];

/** Lines of the screen between two columns (one pane of a side-by-side layout). */
const columns = (screen: string, from: number, to: number, firstLine = 0): string =>
	screen
		.split("\n")
		.slice(firstLine)
		.map((line) => [...line].slice(from, to).join(""))
		.join("\n");

/** Waits for a whole frame (not one tmux caught half-written) that satisfies `predicate`. */
function waitForFrame(
	session: TmuxSession,
	predicate: (screen: string) => boolean,
	timeoutMs?: number,
): Promise<string> {
	return session.waitFor((screen) => frameWhole(screen) && predicate(screen), timeoutMs);
}

async function waitForPanes(session: TmuxSession): Promise<string> {
	return waitForFrame(
		session,
		(screen) =>
			paneTitles.every((title) => screen.includes(title)) && (screen.match(/● live/g) ?? []).length === 3,
		20_000,
	);
}

async function expectRestored(session: TmuxSession, exitCode: number): Promise<string> {
	const screen = await session.waitForText("MODES", 15_000);
	expect(screen).toContain("BEFORE-BCTAIL");
	expect(screen).toContain(`EXIT-CODE ${exitCode}`);
	// Raw mode off: signals, canonical input and echo are back.
	const modes = (screen.match(/^MODES (.*)$/m)?.[1] ?? "").trim().split(" ");
	expect(modes.sort()).toEqual(["echo", "icanon", "isig"]);
	expect(session.format("alternate_on")).toBe("0");
	expect(session.format("cursor_flag")).toBe("1");
	// Mouse reports off (tmux tracks what the program asked for).
	expect(session.format("mouse_any_flag")).toBe("0");
	return screen;
}

/** An interactive bash (job control: Ctrl-Z and fg) at `width` x `height`, running the demo TUI. */
async function startInShell(width: number, height: number): Promise<TmuxSession> {
	const session = await startShell({ width, height });
	sessions.push(session);
	session.literal(`${node} ${binPath} --demo --rate 10`);
	session.keys("Enter");
	await waitForPanes(session);
	return session;
}

/**
 * The frame is drawn for a terminal exactly `width` columns wide: its top border runs from the first
 * column to the last. A frame drawn for a wider terminal wraps, so its first line is cut short of `╮`.
 */
function drawnAtWidth(screen: string, width: number): boolean {
	const top = screen.split("\n")[0] ?? "";
	return /^╭─.*─╮$/.test(top) && stringWidth(top) === width;
}

describe.runIf(hasTmux)("the TUI in a real terminal", () => {
	it("fills three panes, shows a stack with x, filters with / and f, shows help, pauses one pane", async () => {
		const session = startDemo(150, 40);
		await waitForPanes(session);

		// x: the newest exception of the focused pane, with its stack.
		await session.waitFor((screen) => columns(screen, 0, 50).includes("✖"), 20_000);
		session.keys("x");
		const overlay = await waitForFrame(session, (screen) => screen.includes("Exception"));
		expect(overlay).toMatch(/at .*\(worker\.js:\d+:\d+\)/);
		session.keys("Escape");
		await waitForPanes(session);

		// / + f: only matching rows, with the hidden count.
		session.literal("/status:5xx");
		session.keys("Enter");
		await session.waitForText("match");
		session.keys("f");
		const filtered = await waitForFrame(
			session,
			(screen) => screen.includes("FILTER") && screen.includes("hidden"),
		);
		const rows = columns(filtered, 1, 49, 3)
			.split("\n")
			// 50-column panes are narrow: their rows drop the milliseconds.
			.filter((line) => /^\d\d:\d\d:\d\d(\.\d{3})? /.test(line));
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) expect(row).toMatch(/^\S+ 5\d\d /);
		session.keys("Escape");
		await session.waitFor((screen) => !screen.includes("FILTER"));

		// ?: help rendered from the keymap.
		session.keys("?");
		// The help lines do not fit 35 rows: the short help in columns, with the status bar.
		const help = await waitForFrame(session, (screen) => screen.includes("next pane"));
		expect(help).toContain("pause / all");
		session.keys("Escape");
		await waitForPanes(session);

		// Space pauses the focused (first) pane: it freezes while the second moves on.
		session.keys("Space");
		const paused = await waitForFrame(session, (screen) => screen.includes("PAUSED"));
		const frozen = columns(paused, 0, 50, 3);
		const secondBefore = columns(paused, 50, 100, 3);
		const later = await waitForFrame(
			session,
			(screen) => /PAUSED \+[1-9]/.test(screen) && columns(screen, 50, 100, 3) !== secondBefore,
			20_000,
		);
		expect(columns(later, 0, 50, 3)).toBe(frozen);
		session.keys("Space");
		await session.waitFor((screen) => !screen.includes("PAUSED"));

		session.keys("q");
		await expectRestored(session, 0);
	});

	it("/sale finds what the rows show (the /xx/sale-🔥 paths), and ~ makes it fuzzy, said in the status bar", async () => {
		const session = startDemo(150, 40);
		await waitForPanes(session);
		// Zoomed: the focused pane's rows get the whole width.
		session.keys("z");
		session.literal("/sale");
		session.keys("Enter");
		await session.waitForText("match");
		session.keys("f");
		const filtered = await waitForFrame(
			session,
			(screen) => screen.includes("FILTER") && /\/[a-z]{2}\/sale-🔥/.test(screen),
			50_000,
		);
		expect(filtered).not.toContain("fuzzy");
		const rows = filtered.split("\n").filter((line) => /^│\d\d:\d\d:\d\d\.\d{3} /.test(line));
		expect(rows.length).toBeGreaterThan(0);
		// Every row shows "sale" (case-insensitive), unless the row is cut before it reaches it.
		for (const row of rows) if (!/sale/i.test(row)) expect(row.replace(/[│ ]+$/, "")).toMatch(/…$/);
		session.keys("/");
		session.keys("C-u");
		session.literal("~sale");
		session.keys("Enter");
		await waitForFrame(session, (screen) => /\/~sale match \d+\/\d+.* fuzzy/.test(screen));
		session.keys("q");
		await expectRestored(session, 0);
	}, 90_000);

	it("w closes a pane keeping its buffer, and u brings it back as it was with its stream", async () => {
		const session = startDemo(150, 40);
		const before = await waitForPanes(session);
		const eventsIn = (screen: string, from: number): number =>
			Number(/(\d+) ev ·/.exec(columns(screen, from, from + 50))?.[1] ?? -1);
		const held = eventsIn(before, 0);
		expect(columns(before, 0, 50)).toContain("catalyst-production");
		expect(held).toBeGreaterThanOrEqual(0);
		session.keys("w");
		const closed = await waitForFrame(session, (screen) =>
			screen.includes("closed catalyst-production — u brings it back"),
		);
		expect((closed.match(/● live/g) ?? []).length).toBe(2);
		session.keys("u");
		// Back as the last pane, with its buffer (at least the events it held) and its stream live again.
		const back = await waitForFrame(
			session,
			(screen) =>
				(screen.match(/● live/g) ?? []).length === 3 &&
				columns(screen, 100, 150).includes("catalyst-production") &&
				eventsIn(screen, 100) >= held,
			20_000,
		);
		expect(eventsIn(back, 100)).toBeGreaterThanOrEqual(held);
		session.keys("q");
		await expectRestored(session, 0);
	});

	it.each([
		[80, 24],
		[100, 30],
	])(
		"at %ix%i stacks the panes as rows with paths, the state before each name, and help that fits",
		async (width, height) => {
			const session = startDemo(width, height);
			// The demo seeds hours of history before its first frame: on a busy machine that takes a while.
			const screen = await waitForFrame(
				session,
				(s) => paneTitles.every((title) => s.includes(title)) && (s.match(/● live/g) ?? []).length === 3,
				90_000,
			);
			const lines = screen.split("\n");
			// One pane per line of panes: each title is on its own header line, after its connection state.
			for (const title of paneTitles) {
				const header = lines.find((line) => line.includes(title)) ?? "";
				expect(header).toMatch(new RegExp(`^│\\d ● live\\s+${title}`));
			}
			const titleRows = paneTitles.map((title) => lines.findIndex((line) => line.includes(title)));
			expect(new Set(titleRows).size).toBe(3);
			// Rows keep their path: time, status, method, then a path starting with /.
			const rows = await waitForFrame(session, (s) => /^│\d\d:\d\d:\d\d\.\d{3} +\d{3} [A-Z]+ +\//m.test(s));
			expect(rows.split("\n").every((line) => stringWidth(line) <= width)).toBe(true);
			// The help: every group on one screen, nothing to scroll.
			session.keys("?");
			// The help covers the status bar too (one more row for its columns): whole when its footer shows.
			const help = await session.waitFor((s) => s.includes("Keys") && s.includes("Esc / q / ? close"));
			for (const heading of ["Panes", "Moving", "Search", "Events", "View", "Project picker", "App"])
				expect(help).toContain(heading);
			expect(help).toContain("suspend");
			expect(help).not.toContain("lines ");
			session.keys("Escape");
			await waitForPanes(session);
			session.keys("q");
			await expectRestored(session, 0);
		},
		150_000,
	);

	it("re-lays out on resize and says when the terminal is too small", async () => {
		const session = startDemo(150, 40);
		await waitForPanes(session);
		session.resize(90, 24);
		await session.waitFor(
			(screen) =>
				screen.split("\n")[0]!.length <= 90 && paneTitles.every((t) => screen.includes(t.slice(0, 8))),
		);
		session.resize(30, 8);
		await session.waitForText("too small");
		session.resize(120, 30);
		await waitForPanes(session);
		session.keys("q");
		await expectRestored(session, 0);
	});

	it.each([
		["q", (session: TmuxSession) => session.keys("q"), 0],
		["Ctrl-C", (session: TmuxSession) => session.keys("C-c"), 0],
	])("%s leaves the alternate screen with the cursor shown and raw mode off", async (_name, quit, code) => {
		const session = startDemo(100, 30);
		await waitForPanes(session);
		expect(session.format("alternate_on")).toBe("1");
		quit(session);
		await expectRestored(session, code);
	});

	it.each(["TERM", "HUP"])("SIG%s restores the terminal", async (signal) => {
		const session = startDemo(100, 30);
		await waitForPanes(session);
		process.kill(session.findProcess("bctail"), `SIG${signal}` as NodeJS.Signals);
		await expectRestored(session, 0);
	});

	it("an uncaught exception restores the terminal, then prints the error", async () => {
		const session = startDemo(100, 30, ["--import", crashScript]);
		await waitForPanes(session);
		process.kill(session.findProcess("bctail"), "SIGUSR2");
		const screen = await expectRestored(session, 1);
		expect(screen).toContain("injected crash for the terminal test");
	});

	it("an unhandled rejection restores the terminal, then prints the error", async () => {
		const session = startDemo(100, 30, ["--import", crashScript], { BCTAIL_INJECT_CRASH: "rejection" });
		await waitForPanes(session);
		process.kill(session.findProcess("bctail"), "SIGUSR2");
		const screen = await expectRestored(session, 1);
		expect(screen).toContain("injected rejection for the terminal test");
	});

	it("process.exit() inside a handler restores the terminal (the exit listener)", async () => {
		const session = startDemo(100, 30, ["--import", crashScript], { BCTAIL_INJECT_CRASH: "exit" });
		await waitForPanes(session);
		process.kill(session.findProcess("bctail"), "SIGUSR2");
		const screen = await expectRestored(session, 3);
		// The shell's own output is on the normal screen again: the alternate screen was left.
		expect(screen).toContain("EXIT-CODE 3");
	});

	it("Ctrl-Z suspends with the terminal restored, and fg redraws", async () => {
		const session = await startInShell(100, 30);
		session.keys("C-z");
		await session.waitFor((screen) => /Stopped/.test(screen) && screen.includes("PROMPT$"));
		expect(session.format("alternate_on")).toBe("0");
		session.literal("fg");
		session.keys("Enter");
		await waitForPanes(session);
		expect(session.format("alternate_on")).toBe("1");
		session.keys("q");
		await session.waitFor((screen) => screen.trimEnd().endsWith("PROMPT$"));
		expect(session.format("alternate_on")).toBe("0");
	});

	it("a terminal resized while suspended: fg draws at the new size", async () => {
		const session = await startInShell(120, 40);
		expect(drawnAtWidth(session.capture(), 120)).toBe(true);
		session.keys("C-z");
		await session.waitFor((screen) => /Stopped/.test(screen) && screen.trimEnd().endsWith("PROMPT$"));
		session.resize(90, 30);
		await session.waitFor((screen) => screen.trimEnd().endsWith("PROMPT$"));
		session.literal("fg");
		session.keys("Enter");
		const screen = await waitForFrame(
			session,
			(text) =>
				drawnAtWidth(text, 90) &&
				text.trimEnd().split("\n").length === 30 &&
				paneTitles.every((title) => text.includes(title.slice(0, 8))),
		);
		expect(screen.split("\n").every((line) => stringWidth(line) <= 90)).toBe(true);
		session.keys("q");
		await session.waitFor((text) => text.trimEnd().endsWith("PROMPT$"));
	});
});

describe.skipIf(!hasTmux)("a huge event in the detail overlay", () => {
	it("a 7 MB message opens at once, and Esc returns to the panes", async () => {
		const dir = mkdtempSync(join(tmpdir(), "bctail-e2e-"));
		const file = join(dir, "huge.ndjson");
		const message = `BIG-START ${"word café 抹茶 ".repeat(380_000)}BIG-END`;
		writeFileSync(
			file,
			`${JSON.stringify({
				uuid: "7e7e7e7e-0000-4000-8000-000000000007",
				project_uuid: "019500e2-933d-7057-8e81-090dd7240795",
				timestamp: "2026-01-01T00:00:00.000Z",
				request: { method: "GET", url: "/huge", status_code: 200 },
				logs: [{ timestamp: "2026-01-01T00:00:00.000Z", level: "log", messages: [message] }],
				exceptions: [],
			})}\n`,
		);
		const session = startTmux(`"${node}" "${binPath}" replay "${file}"`, { width: 120, height: 40 });
		sessions.push(session);
		await waitForFrame(session, (screen) => screen.includes("BIG-START"), 20_000);
		session.keys("Enter");
		// The overlay's footer: the first rows are cut, the total is not known yet or is large.
		const overlay = await waitForFrame(session, (screen) => /Logs \(1\)/.test(screen), 20_000);
		expect(overlay).toMatch(/lines 1–\d+ of \d+/);
		session.keys("Escape");
		const panes = await waitForFrame(
			session,
			(screen) => !/Logs \(1\)/.test(screen) && screen.includes("/huge"),
		);
		expect(panes).toContain("BIG-START");
		session.keys("q");
	});
});
