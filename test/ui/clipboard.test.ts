/**
 * The clipboard route (which command, or OSC 52) for each platform and session, and the commands run
 * for real: fake clipboard programs on a private PATH that record what they were given.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
	type ClipboardHost,
	chooseRoute,
	copyToClipboard,
	executableOnPath,
	osc52,
} from "../../source/ui/clipboard.js";
import { copyEvent } from "../../source/ui/copy-event.js";
import { sampleLines } from "../model/sample-events.js";
import { entry, event } from "./support/fixtures.js";

function host(
	platform: NodeJS.Platform,
	env: Record<string, string>,
	commands: readonly string[] = [],
): ClipboardHost {
	return { platform, env, onPath: (name) => commands.includes(name) };
}

/** The route as words: the commands in order, then OSC 52 (plain or for tmux). */
const routeName = (h: ClipboardHost): string => {
	const route = chooseRoute(h);
	return [...route.commands.map((command) => command.label), route.inTmux ? "osc52+tmux" : "osc52"].join(
		", ",
	);
};

const ssh = { SSH_CONNECTION: "10.0.0.2 50000 10.0.0.1 22" };

describe("chooseRoute", () => {
	it.each([
		["macOS", host("darwin", {}, ["pbcopy"]), "pbcopy, osc52"],
		["macOS over SSH", host("darwin", ssh, ["pbcopy"]), "osc52"],
		["macOS over SSH (SSH_TTY only)", host("darwin", { SSH_TTY: "/dev/ttys003" }, ["pbcopy"]), "osc52"],
		[
			"Wayland",
			host("linux", { WAYLAND_DISPLAY: "wayland-0", DISPLAY: ":0" }, ["wl-copy", "xclip"]),
			"wl-copy, osc52",
		],
		[
			"Wayland without wl-copy, X11 with xclip",
			host("linux", { WAYLAND_DISPLAY: "w", DISPLAY: ":0" }, ["xclip"]),
			"xclip, osc52",
		],
		["X11 with xclip and xsel", host("linux", { DISPLAY: ":0" }, ["xclip", "xsel"]), "xclip, osc52"],
		["X11 with xsel only", host("linux", { DISPLAY: ":0" }, ["xsel"]), "xsel, osc52"],
		["X11 with neither", host("linux", { DISPLAY: ":0" }, []), "osc52"],
		["xclip but no display", host("linux", {}, ["xclip"]), "osc52"],
		["X11 over SSH (X forwarding)", host("linux", { ...ssh, DISPLAY: "localhost:10.0" }, ["xclip"]), "osc52"],
		["Windows", host("win32", {}), "clip.exe, osc52"],
		[
			"WSL",
			host("linux", { WSL_DISTRO_NAME: "Debian", DISPLAY: ":0" }, ["clip.exe", "xclip"]),
			"clip.exe, osc52",
		],
		["WSL without interop on PATH", host("linux", { WSL_DISTRO_NAME: "Debian" }, []), "osc52"],
		[
			"tmux, nothing local",
			host("linux", { TMUX: "/tmp/tmux-0/default,1,0" }, ["tmux"]),
			"tmux load-buffer, osc52+tmux",
		],
		[
			"tmux over SSH",
			host("darwin", { ...ssh, TMUX: "/t,1,0" }, ["tmux", "pbcopy"]),
			"tmux load-buffer, osc52+tmux",
		],
		[
			"tmux, local pbcopy",
			host("darwin", { TMUX: "/t,1,0" }, ["tmux", "pbcopy"]),
			"pbcopy, tmux load-buffer, osc52+tmux",
		],
		["TMUX set but no tmux on PATH", host("linux", { TMUX: "/t,1,0" }, []), "osc52+tmux"],
		[
			"an empty variable is unset",
			host("linux", { DISPLAY: "", SSH_TTY: "", TMUX: "" }, ["xclip", "tmux"]),
			"osc52",
		],
	])("%s", (_name, h, expected) => {
		expect(routeName(h)).toBe(expected);
	});
});

describe("osc52", () => {
	const text = '{"message":"café 抹茶 🔥"}';
	const base64 = Buffer.from(text, "utf8").toString("base64");

	it("is one OSC 52 sequence outside tmux", () => {
		expect(osc52(text, false)).toBe(`\x1b]52;c;${base64}\x07`);
	});

	it("inside tmux is sent plainly and again in tmux's passthrough, its escapes doubled", () => {
		expect(osc52(text, true)).toBe(`\x1b]52;c;${base64}\x07\x1bPtmux;\x1b\x1b]52;c;${base64}\x07\x1b\\`);
	});
});

describe("clipboard commands, run for real", () => {
	const pids: number[] = [];
	afterEach(() => {
		for (const pid of pids.splice(0)) {
			try {
				process.kill(pid);
			} catch {
				// Already gone.
			}
		}
	});

	/** A private PATH holding one fake program `name` running `body` (sh); returns the PATH and a file. */
	function fakeCommand(name: string, body: string): { path: string; out: string } {
		const dir = mkdtempSync(join(tmpdir(), "bctail-clip-"));
		const out = join(dir, "clipboard");
		const file = join(dir, name);
		writeFileSync(file, `#!/bin/sh\nOUT='${out}'\n${body}\n`);
		chmodSync(file, 0o755);
		return { path: dir, out };
	}

	const linuxX11 = (path: string): ClipboardHost => ({
		platform: "linux",
		env: { PATH: `${path}:/usr/bin:/bin`, DISPLAY: ":99" },
		onPath: (name) => executableOnPath(name, path),
	});

	const text = '{"message":"café 抹茶 🔥","n":1}';

	it("gives the text to xclip (UTF-8, clipboard selection) and writes no OSC 52", async () => {
		const { path, out } = fakeCommand("xclip", 'echo "$@" > "$OUT.args"; cat > "$OUT"');
		const writes: string[] = [];
		const outcome = await copyToClipboard(text, (s) => writes.push(s), linuxX11(path));
		expect(outcome).toEqual({ via: "xclip", failures: [] });
		expect(readFileSync(out, "utf8")).toBe(text);
		expect(readFileSync(`${out}.args`, "utf8").trim()).toBe("-selection clipboard -in");
		expect(writes).toEqual([]);
	});

	it("is done when the command exits, though a child it left holds the selection (and the pipes)", async () => {
		// xclip, xsel and wl-copy fork a child that serves the selection and keeps stderr open.
		const { path, out } = fakeCommand("xclip", 'cat > "$OUT"; sleep 300 & echo $! > "$OUT.pid"; exit 0');
		const outcome = await copyToClipboard(text, () => {}, linuxX11(path));
		pids.push(Number(readFileSync(`${out}.pid`, "utf8")));
		expect(outcome).toEqual({ via: "xclip", failures: [] });
		expect(readFileSync(out, "utf8")).toBe(text);
	});

	it("says when the command failed and why, and falls back to OSC 52", async () => {
		const { path } = fakeCommand(
			"xclip",
			'cat > /dev/null; echo "Error: Can\'t open display: :99" >&2; exit 1',
		);
		const writes: string[] = [];
		const outcome = await copyToClipboard(text, (s) => writes.push(s), linuxX11(path));
		expect(outcome).toEqual({
			via: "OSC 52: your terminal must allow it",
			failures: [{ label: "xclip", reason: "exit 1: Error: Can't open display: :99" }],
		});
		expect(writes).toEqual([osc52(text, false)]);
	});

	it("a command that does not read its input and fails is reported, not hung on", async () => {
		const { path } = fakeCommand("xclip", "exit 3");
		const outcome = await copyToClipboard("x".repeat(1 << 20), () => {}, linuxX11(path));
		expect(outcome.failures).toEqual([{ label: "xclip", reason: "exit 3" }]);
	});

	it("a command that vanished from PATH after the check is reported", async () => {
		const h: ClipboardHost = {
			platform: "linux",
			env: { PATH: "/nonexistent", DISPLAY: ":0" },
			onPath: () => true,
		};
		const outcome = await copyToClipboard(text, () => {}, h);
		expect(outcome.failures).toEqual([{ label: "xclip", reason: expect.stringMatching(/ENOENT/) }]);
	});

	it("gives clip.exe UTF-16 with a byte-order mark (it reads the console code page otherwise)", async () => {
		const { path, out } = fakeCommand("clip.exe", 'cat > "$OUT"');
		const h: ClipboardHost = {
			platform: "linux",
			env: { PATH: `${path}:/usr/bin:/bin`, WSL_DISTRO_NAME: "Debian" },
			onPath: (name) => executableOnPath(name, path),
		};
		expect(await copyToClipboard(text, () => {}, h)).toEqual({ via: "clip.exe", failures: [] });
		const bytes = readFileSync(out);
		expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
		expect(bytes.subarray(2).toString("utf16le")).toBe(text);
	});

	it("runs pbcopy with a UTF-8 locale (it decodes its input by the locale)", async () => {
		const { path, out } = fakeCommand("pbcopy", 'echo "$LC_CTYPE" > "$OUT.locale"; cat > "$OUT"');
		const h: ClipboardHost = {
			platform: "darwin",
			env: { PATH: `${path}:/usr/bin:/bin` },
			onPath: (name) => executableOnPath(name, path),
		};
		expect(await copyToClipboard(text, () => {}, h)).toEqual({ via: "pbcopy", failures: [] });
		expect(readFileSync(out, "utf8")).toBe(text);
		expect(readFileSync(`${out}.locale`, "utf8").trim()).toBe("UTF-8");
	});

	it("finds executables only: a plain file of that name on PATH is not one", () => {
		const { path } = fakeCommand("xsel", "exit 0");
		writeFileSync(join(path, "xclip"), "not executable");
		expect(existsSync(join(path, "xclip"))).toBe(true);
		expect(executableOnPath("xclip", path)).toBe(false);
		expect(executableOnPath("xsel", `/nonexistent:${path}`)).toBe(true);
	});
});

describe("copyEvent's notice", () => {
	const ev = event(JSON.parse(sampleLines[0] ?? "{}"));
	const id = ev.uuid.slice(0, 8);

	it("names the command", async () => {
		const dir = mkdtempSync(join(tmpdir(), "bctail-clip-"));
		writeFileSync(join(dir, "pbcopy"), `#!/bin/sh\ncat > "${dir}/out"\n`);
		chmodSync(join(dir, "pbcopy"), 0o755);
		const notices: string[] = [];
		const h: ClipboardHost = {
			platform: "darwin",
			env: { PATH: `${dir}:/usr/bin:/bin` },
			onPath: (name) => executableOnPath(name, dir),
		};
		await copyEvent(
			entry("request", ev),
			() => {},
			(n) => notices.push(n),
			h,
		);
		expect(notices).toEqual([
			expect.stringMatching(new RegExp(`^copied event ${id} as JSON, \\d+(\\.\\d)? (B|KiB) \\(pbcopy\\)$`)),
		]);
		expect(JSON.parse(readFileSync(join(dir, "out"), "utf8")).uuid).toBe(ev.uuid);
	});

	it("says OSC 52 and its caveat, and the failure that led there", async () => {
		const notices: string[] = [];
		const h: ClipboardHost = {
			platform: "linux",
			env: { PATH: "/nonexistent", DISPLAY: ":0" },
			onPath: () => true,
		};
		await copyEvent(
			entry("request", ev),
			() => {},
			(n) => notices.push(n),
			h,
		);
		expect(notices[0]).toMatch(
			new RegExp(
				`^xclip failed \\(.*ENOENT.*\\); copied event ${id} as JSON, .* \\(OSC 52: your terminal must allow it\\)$`,
			),
		);
	});
});
