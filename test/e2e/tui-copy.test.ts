/**
 * `y` in a real terminal: the built binary in tmux replaying one known event, with fake clipboard
 * programs on a private PATH, tmux's own buffer, and OSC 52 seen by tmux itself (`set-clipboard on`) or,
 * through a tmux inside tmux, by the outer one standing in for the user's terminal.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { binPath } from "../support/run-cli.js";
import { hasTmux, startTmux, type TmuxSession } from "../support/tmux.js";

const node = process.execPath;
const sessions: TmuxSession[] = [];
const innerServers: string[] = [];

afterEach(() => {
	for (const session of sessions.splice(0)) session.kill();
	for (const socket of innerServers.splice(0)) {
		try {
			execFileSync("tmux", ["-L", socket, "kill-server"], { stdio: "ignore" });
		} catch {
			// Already gone with the outer session.
		}
	}
});

const event = {
	uuid: "c0c0c0c0-0000-4000-8000-000000000001",
	project_uuid: "019500e2-933d-7057-8e81-090dd7240795",
	timestamp: "2026-01-01T00:00:00.000Z",
	request: { method: "GET", url: "/copy-me", status_code: 200 },
	logs: [{ timestamp: "2026-01-01T00:00:00.000Z", level: "log", messages: ["café 抹茶 🔥"] }],
	exceptions: [],
};

/** A folder with the recording and the fake programs (each `#!/bin/sh` with `body`). */
function workspace(programs: Readonly<Record<string, string>> = {}): string {
	const dir = mkdtempSync(join(tmpdir(), "bctail-copy-"));
	writeFileSync(join(dir, "events.ndjson"), `${JSON.stringify(event)}\n`);
	for (const [name, body] of Object.entries(programs)) {
		writeFileSync(join(dir, name), `#!/bin/sh\nPATH=/usr/bin:/bin\n${body}\n`);
		chmodSync(join(dir, name), 0o755);
	}
	return dir;
}

/**
 * The shell command that replays the event with `path` as PATH and `display` as DISPLAY, in a local
 * session (no SSH variables, no Wayland).
 */
function replayCommand(dir: string, path: string, display = ""): string {
	const unset = ["SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT", "WAYLAND_DISPLAY", "DISPLAY"].map(
		(v) => `-u ${v}`,
	);
	const set = [`PATH='${path}'`, ...(display ? [`DISPLAY='${display}'`] : [])];
	return `env ${unset.join(" ")} ${set.join(" ")} '${node}' '${binPath}' replay '${join(dir, "events.ndjson")}'`;
}

/** Waits for the event's row, presses `y`, and returns the screen once a notice about it shows. */
async function copy(session: TmuxSession, notice: string): Promise<string> {
	await session.waitForText("/copy-me");
	session.keys("y");
	return session.waitForText(notice);
}

const copiedJson = (text: string): unknown => JSON.parse(text);
const buffer = (session: TmuxSession): string => session.run("show-buffer");
const systemPath = process.env.PATH ?? "/usr/bin:/bin";

describe.skipIf(!hasTmux)("y in a real terminal", () => {
	it("uses the local clipboard command (a fake xclip with a display) and says so", async () => {
		const dir = workspace({ xclip: 'cat > "$0.out"' });
		const session = startTmux(replayCommand(dir, `${dir}:${systemPath}`, ":99"), { width: 160, height: 20 });
		sessions.push(session);
		const screen = await copy(session, "copied event c0c0c0c0");
		expect(screen).toMatch(/copied event c0c0c0c0 as JSON, \d+ B \(xclip\)/);
		expect(copiedJson(readFileSync(join(dir, "xclip.out"), "utf8"))).toEqual(event);
		// The local command took it: tmux was not asked.
		expect(session.run("list-buffers")).toBe("");
	});

	it("a failing command is named with its error, and tmux's buffer takes the copy", async () => {
		const dir = workspace({ xclip: 'cat > /dev/null; echo "Error: Can\'t open display: :99" >&2; exit 1' });
		const session = startTmux(replayCommand(dir, `${dir}:${systemPath}`, ":99"), { width: 200, height: 20 });
		sessions.push(session);
		const screen = await copy(session, "copied event c0c0c0c0");
		expect(screen).toContain("xclip failed (exit 1: Error: Can't open display: :99); copied event c0c0c0c0");
		expect(screen).toContain("(tmux buffer + OSC 52: your terminal must allow it)");
		expect(copiedJson(buffer(session))).toEqual(event);
	});

	it("without tmux on PATH: OSC 52, which tmux with set-clipboard on takes into its buffer", async () => {
		// A PATH with no tmux and no clipboard program: only the escape sequence is left.
		const dir = workspace();
		const session = startTmux(replayCommand(dir, dir), { width: 160, height: 20 });
		sessions.push(session);
		const screen = await copy(session, "copied event c0c0c0c0");
		expect(screen).toContain("(OSC 52 through tmux: needs set-clipboard on, and your terminal must");
		expect(copiedJson(buffer(session))).toEqual(event);
	});
});

describe.skipIf(!hasTmux)("y in tmux inside a terminal (an outer tmux stands in for the terminal)", () => {
	/** bctail in an inner tmux (config `innerConfig`) whose client runs in an outer tmux's pane. */
	function nested(innerConfig: string, path: string, dir: string): TmuxSession {
		const config = join(dir, "inner.conf");
		writeFileSync(config, innerConfig);
		const socket = `bctail-inner-${process.pid}-${innerServers.length}`;
		innerServers.push(socket);
		// The inner client's terminal is an xterm (as a user's is), so tmux forwards the clipboard to it.
		const inner = `env -u TMUX TERM=xterm-256color tmux -L ${socket} -f '${config}' new-session "${replayCommand(dir, path)}"`;
		const session = startTmux(inner, { width: 160, height: 20 });
		sessions.push(session);
		return session;
	}

	it("tmux's default options: load-buffer -w reaches the terminal (an app's own OSC 52 would be dropped)", async () => {
		const dir = workspace();
		const session = nested("", `${dir}:${systemPath}`, dir);
		await copy(session, "copied event c0c0c0c0");
		expect(copiedJson(buffer(session))).toEqual(event);
	});

	it("set-clipboard off, allow-passthrough on: the wrapped OSC 52 passes through to the terminal", async () => {
		const dir = workspace();
		const session = nested("set -g set-clipboard off\nset -g allow-passthrough on\n", dir, dir);
		await copy(session, "copied event c0c0c0c0");
		expect(copiedJson(buffer(session))).toEqual(event);
	});
});
