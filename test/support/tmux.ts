/**
 * A real terminal for end-to-end tests: a private tmux server (its own socket), one session of a
 * given size, keys in with `send-keys`, the screen out with `capture-pane`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";

export interface TmuxSession {
	readonly name: string;
	/** The visible screen as plain text (no colours). */
	capture(): string;
	/** The screen with SGR colour sequences (`capture-pane -e`). */
	captureStyled(): string;
	/** tmux key names (`Enter`, `Escape`, `C-c`, `Tab`, `Space`) or literal text with `literal`. */
	keys(...keys: string[]): void;
	literal(text: string): void;
	/** A tmux format variable of the pane, e.g. `alternate_on`, `pane_title`, `cursor_flag`. */
	format(variable: string): string;
	resize(width: number, height: number): void;
	/** Waits until `predicate(screen)` holds, or fails with the last screen. */
	waitFor(predicate: (screen: string) => boolean, timeoutMs?: number): Promise<string>;
	waitForText(text: string, timeoutMs?: number): Promise<string>;
	/** The pane's process has exited (tmux keeps the pane: remain-on-exit). */
	dead(): boolean;
	/**
	 * The pid of the pane's descendant process whose command line is `name` or starts with it
	 * (meow sets the process title to the binary's name).
	 */
	findProcess(name: string): number;
	/** Any tmux command on this session's own server, e.g. `run("list-buffers")`; returns its output. */
	run(...args: string[]): string;
	kill(): void;
}

export const hasTmux = (() => {
	try {
		execFileSync("tmux", ["-V"], { stdio: "ignore" });
		return true;
	} catch {
		return false;
	}
})();

let counter = 0;

export interface TmuxOptions {
	readonly width: number;
	readonly height: number;
	/** Environment for the pane's command (CI removed unless given). */
	readonly env?: Readonly<Record<string, string>>;
	readonly cwd?: string;
}

/** Starts `command` (a shell command line) in a new tmux session. */
export function startTmux(command: string, options: TmuxOptions): TmuxSession {
	const socket = `bctail-test-${process.pid}-${counter}`;
	const name = `s${counter++}`;
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && key !== "CI" && !key.startsWith("TMUX")) env[key] = value;
	}
	// A private state folder unless the test gives one: a search applied in a test must not join the
	// developer's own recent searches.
	const stateDir = mkdtempSync(join(tmpdir(), "bctail-state-"));
	Object.assign(env, { TERM: "xterm-256color", BCTAIL_STATE_DIR: stateDir }, options.env);
	const tmux = (...args: string[]): string =>
		execFileSync("tmux", ["-L", socket, "-f", "/dev/null", ...args], {
			encoding: "utf8",
			env,
			cwd: options.cwd,
		});
	tmux("new-session", "-d", "-s", name, "-x", String(options.width), "-y", String(options.height), command);
	tmux("set-option", "-t", name, "remain-on-exit", "on");
	tmux("set-option", "-g", "set-clipboard", "on");
	const target = `${name}:0.0`;
	const session: TmuxSession = {
		name,
		capture: () => tmux("capture-pane", "-p", "-t", target),
		captureStyled: () => tmux("capture-pane", "-p", "-e", "-t", target),
		keys: (...keys) => {
			tmux("send-keys", "-t", target, ...keys);
		},
		literal: (text) => {
			tmux("send-keys", "-t", target, "-l", text);
		},
		format: (variable) => tmux("display-message", "-p", "-t", target, `#{${variable}}`).trim(),
		resize: (width, height) => {
			tmux("resize-window", "-t", name, "-x", String(width), "-y", String(height));
		},
		async waitFor(predicate, timeoutMs = 20_000) {
			let screen = "";
			await vi.waitFor(
				() => {
					screen = session.capture();
					if (!predicate(screen)) throw new Error(`screen never matched; last screen:\n${screen}`);
				},
				{ timeout: timeoutMs, interval: 100 },
			);
			return screen;
		},
		waitForText: (text, timeoutMs) => session.waitFor((screen) => screen.includes(text), timeoutMs),
		findProcess: (name) => {
			const root = Number(tmux("display-message", "-p", "-t", target, "#{pane_pid}").trim());
			const table = execFileSync("ps", ["-e", "-o", "pid=,ppid=,args="], { encoding: "utf8" })
				.split("\n")
				.map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
				.filter((match): match is RegExpMatchArray => match !== null)
				.map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3] ?? "" }));
			const inTree = new Set([root]);
			for (let grew = true; grew; ) {
				grew = false;
				for (const row of table) {
					if (inTree.has(row.ppid) && !inTree.has(row.pid)) {
						inTree.add(row.pid);
						grew = true;
					}
				}
			}
			const found = table.find(
				(row) => inTree.has(row.pid) && (row.args === name || row.args.startsWith(`${name} `)),
			);
			if (found === undefined) throw new Error(`no process named ${name} under pane pid ${root}`);
			return found.pid;
		},
		dead: () => tmux("display-message", "-p", "-t", target, "#{pane_dead}").trim() === "1",
		run: (...args) => tmux(...args),
		kill: () => {
			try {
				tmux("kill-server");
			} catch {
				// already gone
			}
		},
	};
	return session;
}

/** What the shell of `startShell` prints as its prompt. */
export const shellPrompt = "PROMPT$";

/**
 * An interactive bash (job control: Ctrl-Z and fg) with the prompt `PROMPT$ `, ready for a command.
 * bash may discard typeahead while readline starts: the prompt setting is typed until it takes.
 */
export async function startShell(options: TmuxOptions): Promise<TmuxSession> {
	const session = startTmux("bash --norc --noprofile -i", options);
	try {
		await session.waitFor((screen) => {
			if (screen.includes(shellPrompt)) return true;
			session.literal(`PS1='${shellPrompt} '`);
			session.keys("Enter");
			return false;
		});
	} catch (error) {
		session.kill();
		throw error;
	}
	return session;
}
