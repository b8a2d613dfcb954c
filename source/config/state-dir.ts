/**
 * The folder bctail keeps its state in (the recent searches), per the platform's convention:
 * `$XDG_STATE_HOME/bctail` or `~/.local/state/bctail` on Linux and other Unixes,
 * `~/Library/Application Support/bctail` on macOS, `%LOCALAPPDATA%\bctail` on Windows.
 * `BCTAIL_STATE_DIR` overrides it (tests, or a user who wants it elsewhere).
 */
import { homedir } from "node:os";
import path from "node:path";

/** What the state folder depends on (the process's by default). */
export interface StateDirInputs {
	readonly env: NodeJS.ProcessEnv;
	readonly platform: NodeJS.Platform;
	readonly home: string;
}

const processInputs = (): StateDirInputs => ({
	env: process.env,
	platform: process.platform,
	home: homedir(),
});

/** The state folder (not created: the writer creates it when it first writes). */
export function stateDir(inputs: StateDirInputs = processInputs()): string {
	const { env, platform, home } = inputs;
	const override = env.BCTAIL_STATE_DIR;
	if (override !== undefined && override !== "") return override;
	if (platform === "win32") {
		const local = env.LOCALAPPDATA;
		return path.win32.join(
			local !== undefined && local !== "" ? local : path.win32.join(home, "AppData", "Local"),
			"bctail",
		);
	}
	if (platform === "darwin") return path.posix.join(home, "Library", "Application Support", "bctail");
	// XDG: a relative XDG_STATE_HOME is invalid and must be ignored.
	const xdg = env.XDG_STATE_HOME;
	const base =
		xdg !== undefined && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, ".local", "state");
	return path.posix.join(base, "bctail");
}
