/**
 * Runs the built CLI (`dist/bin.js`, built by `npm test` before vitest) as a real child process on
 * the same Node as the tests, capturing everything it prints.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { vi } from "vitest";

export const binPath = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));

export interface CliRun {
	readonly child: ChildProcess;
	stdout(): string;
	stderr(): string;
	/** Resolves with the exit code (or the signal name) when the process ends. */
	readonly exited: Promise<number | string>;
	waitForStdout(predicate: (text: string) => boolean, timeoutMs?: number): Promise<void>;
	waitForStderr(predicate: (text: string) => boolean, timeoutMs?: number): Promise<void>;
}

/** Environment without anything that could configure bctail from the developer's own shell. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value === undefined) continue;
		if (/^(CATALYST_|BIGCOMMERCE_)/.test(key) || key === "FORCE_COLOR" || key === "NO_COLOR") continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

export interface RunCliOptions {
	readonly env?: Record<string, string>;
	readonly cwd?: string;
	/** A command to run the CLI under, e.g. `["setpriv", "--reuid=65534", …]` (the node command follows it). */
	readonly prefix?: readonly string[];
}

export function runCli(args: readonly string[], options: RunCliOptions = {}): CliRun {
	const argv = [process.execPath, binPath, ...args];
	const [command, ...commandArgs] = [...(options.prefix ?? []), ...argv] as [string, ...string[]];
	const child = spawn(command, commandArgs, {
		env: options.env ?? cleanEnv(),
		// A folder of its own: a .bigcommerce/project.json in the checkout must not configure the tests.
		cwd: options.cwd ?? mkdtempSync(join(tmpdir(), "bctail-cli-")),
		stdio: ["ignore", "pipe", "pipe"],
	});
	let out = "";
	let err = "";
	child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
		out += chunk;
	});
	child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
		err += chunk;
	});
	const exited = new Promise<number | string>((resolve) => {
		child.on("close", (code, signal) => resolve(code ?? signal ?? -1));
	});
	const waitOn =
		(read: () => string) =>
		async (predicate: (text: string) => boolean, timeoutMs = 20_000) => {
			await vi.waitFor(
				() => {
					if (!predicate(read())) throw new Error(`not yet; stdout:\n${out}\nstderr:\n${err}`);
				},
				{ timeout: timeoutMs, interval: 20 },
			);
		};
	return {
		child,
		stdout: () => out,
		stderr: () => err,
		exited,
		waitForStdout: waitOn(() => out),
		waitForStderr: waitOn(() => err),
	};
}
