/**
 * Puts text on the user's clipboard by the surest route there is, and says which one it took: a local
 * clipboard command when the session is local (pbcopy, wl-copy, xclip/xsel, clip.exe), tmux's own
 * buffer inside tmux (`load-buffer -w`, which also forwards it to the terminal), else OSC 52 written to
 * the terminal. OSC 52 cannot be confirmed (a terminal that ignores it says nothing), so the route is
 * always named and a failed command is reported, never hidden behind a "copied".
 */
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** What decides the route: the environment and platform, and how to find a command on PATH. */
export interface ClipboardHost {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly platform: NodeJS.Platform;
	/** Whether `name` is an executable on the PATH of `env`. */
	readonly onPath: (name: string) => boolean;
}

/** A clipboard command: the program, its arguments, and how it wants its input encoded. */
export interface ClipboardCommand {
	/** What the notice calls it (`pbcopy`, `xclip`, `tmux load-buffer`). */
	readonly label: string;
	readonly file: string;
	readonly args: readonly string[];
	/** clip.exe reads the console code page unless given UTF-16 with a byte-order mark. */
	readonly encoding: "utf8" | "utf16le-bom";
	/** Extra environment (pbcopy reads the locale to decode its input). */
	readonly env?: Readonly<Record<string, string>>;
}

/** The chosen route: commands to try in turn, then OSC 52 (wrapped for tmux when inside it). */
export interface ClipboardRoute {
	readonly commands: readonly ClipboardCommand[];
	readonly inTmux: boolean;
}

/** A clipboard command that failed, and why. */
export interface CopyFailure {
	readonly label: string;
	readonly reason: string;
}

/** How a copy went: which route took it, and the commands that failed before it. */
export interface CopyOutcome {
	/** Words for the notice, e.g. `pbcopy` or `OSC 52: your terminal must allow it`. */
	readonly via: string;
	readonly failures: readonly CopyFailure[];
}

/** A command that has not finished by then is taken as failed (it would otherwise hang the notice). */
const commandTimeoutMs = 5000;

const isSet = (value: string | undefined): boolean => value !== undefined && value !== "";

/** Whether an executable `name` is on `path` (a PATH value). */
export function executableOnPath(name: string, path: string | undefined): boolean {
	for (const dir of (path ?? "").split(delimiter)) {
		if (dir === "") continue;
		try {
			accessSync(join(dir, name), constants.X_OK);
			return true;
		} catch {
			// Not in this directory.
		}
	}
	return false;
}

/** The host bctail runs on. */
export function currentHost(): ClipboardHost {
	return {
		env: process.env,
		platform: process.platform,
		onPath: (name) => executableOnPath(name, process.env.PATH),
	};
}

/** A session reached over SSH: a local command would fill the far machine's clipboard, not the user's. */
export function isRemote(env: ClipboardHost["env"]): boolean {
	return isSet(env.SSH_CONNECTION) || isSet(env.SSH_TTY) || isSet(env.SSH_CLIENT);
}

/** The platform's clipboard command that exists here, if any (regardless of remoteness). */
export function localCommand(host: ClipboardHost): ClipboardCommand | undefined {
	const { env, platform, onPath } = host;
	const utf8 = (label: string, args: readonly string[] = []): ClipboardCommand => ({
		label,
		file: label,
		args,
		encoding: "utf8",
	});
	if (platform === "darwin") {
		return onPath("pbcopy") ? { ...utf8("pbcopy"), env: { LC_CTYPE: "UTF-8" } } : undefined;
	}
	const clipExe: ClipboardCommand = {
		label: "clip.exe",
		file: "clip.exe",
		args: [],
		encoding: "utf16le-bom",
	};
	if (platform === "win32") return clipExe;
	// WSL: the Windows clipboard is the one the user pastes from, reached through interop, even where WSLg
	// also sets DISPLAY and WAYLAND_DISPLAY.
	if ((isSet(env.WSL_DISTRO_NAME) || isSet(env.WSL_INTEROP)) && onPath("clip.exe")) return clipExe;
	if (isSet(env.WAYLAND_DISPLAY) && onPath("wl-copy")) return utf8("wl-copy");
	if (isSet(env.DISPLAY)) {
		if (onPath("xclip")) return utf8("xclip", ["-selection", "clipboard", "-in"]);
		if (onPath("xsel")) return utf8("xsel", ["--clipboard", "--input"]);
	}
	return undefined;
}

/** tmux's paste buffer, also sent on to the terminal (tmux 3.2+; works with tmux's default options). */
const tmuxBuffer: ClipboardCommand = {
	label: "tmux load-buffer",
	file: "tmux",
	args: ["load-buffer", "-w", "-"],
	encoding: "utf8",
};

/**
 * Picks the route: the local command when local, then tmux's buffer inside tmux (it reaches the terminal
 * with tmux's default options, where an application's own OSC 52 is dropped), then OSC 52.
 */
export function chooseRoute(host: ClipboardHost): ClipboardRoute {
	const inTmux = isSet(host.env.TMUX);
	const local = isRemote(host.env) ? undefined : localCommand(host);
	const commands: ClipboardCommand[] = local ? [local] : [];
	if (inTmux && host.onPath("tmux")) commands.push(tmuxBuffer);
	return { commands, inTmux };
}

/**
 * The OSC 52 sequence that sets the clipboard to `text`. Inside tmux it is sent twice: plainly (tmux
 * takes it into its buffer and on to the terminal when `set-clipboard` is on) and wrapped in tmux's
 * DCS passthrough (which reaches the terminal when `allow-passthrough` is on); what tmux does not allow,
 * it drops.
 */
export function osc52(text: string, inTmux: boolean): string {
	const plain = `\x1b]52;c;${Buffer.from(text, "utf8").toString("base64")}\x07`;
	if (!inTmux) return plain;
	return `${plain}\x1bPtmux;${plain.replaceAll("\x1b", "\x1b\x1b")}\x1b\\`;
}

/** The notice words for OSC 52, which no terminal confirms. */
export function osc52Via(inTmux: boolean): string {
	return inTmux
		? "OSC 52 through tmux: needs set-clipboard on, and your terminal must allow it"
		: "OSC 52: your terminal must allow it";
}

function encode(text: string, encoding: ClipboardCommand["encoding"]): Buffer {
	return encoding === "utf8" ? Buffer.from(text, "utf8") : Buffer.from(`\ufeff${text}`, "utf16le");
}

/**
 * Runs `command` with `text` on its input; resolves to undefined on success, else why it failed.
 * Succeeds on the command's exit, not on its output closing: xclip, xsel and wl-copy leave a child
 * behind that holds the selection (and the inherited pipes) until something else is copied.
 */
export function runClipboardCommand(
	command: ClipboardCommand,
	text: string,
	env: ClipboardHost["env"],
): Promise<string | undefined> {
	return new Promise((resolve) => {
		let stderr = "";
		let settled = false;
		const child = spawn(command.file, command.args, {
			env: { ...env, ...command.env },
			stdio: ["pipe", "ignore", "pipe"],
		});
		const finish = (reason: string | undefined): void => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			child.stderr?.destroy();
			resolve(reason);
		};
		const timer = setTimeout(() => {
			child.kill();
			finish(`did not finish within ${commandTimeoutMs / 1000} s`);
		}, commandTimeoutMs);
		child.stderr?.setEncoding("utf8");
		child.stderr?.on("data", (chunk: string) => {
			if (stderr.length < 1000) stderr += chunk;
		});
		child.on("error", (error) => finish(error.message));
		child.on("exit", (code, signal) => {
			if (code === 0) return finish(undefined);
			const said = stderr.trim().split("\n")[0]?.trim();
			const status = signal ? `killed by ${signal}` : `exit ${code}`;
			// A failed command leaves no child behind, so its error text comes with the pipe's end.
			const report = (): void => finish(said ? `${status}: ${said}` : status);
			if (child.stderr && !child.stderr.closed) child.stderr.once("close", report);
			else report();
		});
		// A command that exits without reading (or fails at once) closes the pipe: that is its exit's story.
		child.stdin?.on("error", () => {});
		child.stdin?.end(encode(text, command.encoding));
	});
}

/**
 * Copies `text` to the clipboard by the route `host` calls for: each command in turn until one
 * succeeds, else OSC 52 written with `write`.
 */
export async function copyToClipboard(
	text: string,
	write: (sequence: string) => void,
	host: ClipboardHost = currentHost(),
): Promise<CopyOutcome> {
	const route = chooseRoute(host);
	const failures: CopyFailure[] = [];
	for (const command of route.commands) {
		const reason = await runClipboardCommand(command, text, host.env);
		if (reason === undefined) {
			const via =
				command === tmuxBuffer ? "tmux buffer + OSC 52: your terminal must allow it" : command.label;
			return { via, failures };
		}
		failures.push({ label: command.label, reason });
	}
	write(osc52(text, route.inTmux));
	return { via: osc52Via(route.inTmux), failures };
}
