/**
 * Child processes for the measures: the real CLI, the floor clients and the in-process harnesses all
 * run as separate processes started with this very node (process.execPath), so one measure's heap
 * and JIT state never leak into another's.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, openSync } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

export const node = process.execPath;
export const root = new URL("../../", import.meta.url).pathname;
export const bin = `${root}dist/bin.js`;

/**
 * Environment for a child: the parent's, minus CI markers (Ink writes only the last frame in CI) and
 * minus any real credentials, plus `extra`.
 * @param {Record<string, string | undefined>} [extra]
 */
export function childEnv(extra = {}) {
	/** @type {Record<string, string | undefined>} */
	const env = { ...process.env };
	for (const key of [
		"CI",
		"CONTINUOUS_INTEGRATION",
		"CATALYST_ACCESS_TOKEN",
		"CATALYST_STORE_HASH",
		"CATALYST_PROJECT_UUID",
		"CATALYST_API_HOST",
		"BIGCOMMERCE_ACCESS_TOKEN",
		"BIGCOMMERCE_STORE_HASH",
		"BIGCOMMERCE_API_HOST",
		"NODE_OPTIONS",
	]) {
		delete env[key];
	}
	return { ...env, NO_COLOR: "1", ...extra };
}

/**
 * Starts `node args...` with stdout going to `stdoutFile` (or a pipe with `pipeStdout`, else ignored)
 * and stderr collected.
 * @param {string[]} args
 * @param {{ env?: Record<string, string | undefined>, stdoutFile?: string, pipeStdout?: boolean, cwd?: string, command?: string }} [options]
 */
let scratch = "";
function scratchCwd() {
	scratch ||= mkdtempSync(join(tmpdir(), "bctail-bench-cwd-"));
	return scratch;
}

export function start(args, options = {}) {
	const out = options.stdoutFile ? openSync(options.stdoutFile, "w") : options.pipeStdout ? "pipe" : "ignore";
	const child = spawn(options.command ?? node, args, {
		// Not the checkout: a client started there would read (or, like catalyst, write) .bigcommerce/.
		cwd: options.cwd ?? scratchCwd(),
		env: options.env ?? childEnv(),
		stdio: ["ignore", out, "pipe"],
	});
	let stderr = "";
	child.stderr?.on("data", (chunk) => {
		if (stderr.length < 65_536) stderr += chunk;
	});
	const startedAt = performance.now();
	/** @type {Promise<{ code: number | null, signal: string | null, endedAt: number }>} */
	const exited = new Promise((resolve) => {
		child.on("exit", (code, signal) => resolve({ code, signal, endedAt: performance.now() }));
		child.on("error", () => resolve({ code: -1, signal: null, endedAt: performance.now() }));
	});
	return {
		child,
		startedAt,
		exited,
		stderr: () => stderr,
		/** Ends the child (SIGTERM, then SIGKILL after `graceMs`). */
		async stop(graceMs = 3000) {
			if (child.exitCode !== null || child.signalCode !== null) return exited;
			child.kill("SIGTERM");
			const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
			const result = await exited;
			clearTimeout(timer);
			return result;
		},
	};
}

/**
 * Waits until `file` holds `lines` lines that start with "{" (event lines; a client's own notices
 * on stdout do not count), reading only the new bytes each poll. Resolves with performance.now()
 * when the count was reached (`at`), else with `at: null` on timeout, on the child's exit, or when
 * the file stopped growing for `stallMs`; `lastGrowthAt` is when the last event line arrived.
 * @param {string} file
 * @param {number} lines
 * @param {{ timeoutMs: number, intervalMs?: number, stallMs?: number, exited?: Promise<unknown> }} options
 */
export async function waitForLines(file, lines, options) {
	const interval = options.intervalMs ?? 10;
	const deadline = performance.now() + options.timeoutMs;
	let ended = false;
	options.exited?.then(() => {
		ended = true;
	});
	while (!existsSync(file)) {
		if (performance.now() > deadline || ended) return { at: null, lines: 0, lastGrowthAt: null };
		await new Promise((resolve) => setTimeout(resolve, interval));
	}
	const handle = await open(file, "r");
	const buffer = Buffer.allocUnsafe(1 << 20);
	let offset = 0;
	let count = 0;
	let atLineStart = true;
	/** @type {number | null} */
	let lastGrowthAt = null;
	try {
		for (;;) {
			const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
			if (bytesRead > 0) {
				offset += bytesRead;
				const before = count;
				const view = buffer.subarray(0, bytesRead);
				if (atLineStart && view[0] === 0x7b) count++;
				let at = view.indexOf(10);
				while (at !== -1) {
					if (at + 1 < bytesRead && view[at + 1] === 0x7b) count++;
					at = view.indexOf(10, at + 1);
				}
				atLineStart = view[bytesRead - 1] === 10;
				// A line counts when it starts; the last one is complete once its newline is there.
				const complete = atLineStart ? count : count - 1;
				if (count > before) lastGrowthAt = performance.now();
				if (complete >= lines) return { at: performance.now(), lines: complete, lastGrowthAt };
				if (bytesRead === buffer.length) continue;
			} else {
				const complete = atLineStart ? count : count - 1;
				const now = performance.now();
				if (ended || now > deadline) return { at: null, lines: complete, lastGrowthAt };
				if (options.stallMs && lastGrowthAt !== null && now - lastGrowthAt > options.stallMs) {
					return { at: null, lines: complete, lastGrowthAt };
				}
			}
			await new Promise((resolve) => setTimeout(resolve, interval));
		}
	} finally {
		await handle.close();
	}
}

/**
 * Runs `command args...` to completion under `/usr/bin/time -v` (when present) and returns the wall
 * time and the peak RSS; stdout is discarded.
 * @param {string[]} args  node arguments
 * @param {{ env?: Record<string, string | undefined>, timeoutMs?: number }} [options]
 */
export async function runMeasured(args, options = {}) {
	const timeBin = "/usr/bin/time";
	const useTime = existsSync(timeBin);
	const run = start(useTime ? ["-v", node, ...args] : args, {
		command: useTime ? timeBin : node,
		...(options.env ? { env: options.env } : {}),
	});
	let peakKb = 0;
	// Without GNU time, poll the high-water mark while the child lives.
	const poller = useTime
		? null
		: setInterval(async () => {
				try {
					const status = await readFile(`/proc/${run.child.pid}/status`, "utf8");
					const match = /VmHWM:\s+(\d+)/.exec(status);
					if (match?.[1]) peakKb = Math.max(peakKb, Number(match[1]));
				} catch {
					// the process has just ended
				}
			}, 20);
	const timer = setTimeout(() => run.child.kill("SIGKILL"), options.timeoutMs ?? 600_000);
	const result = await run.exited;
	clearTimeout(timer);
	if (poller) clearInterval(poller);
	if (useTime) {
		const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr());
		if (match?.[1]) peakKb = Number(match[1]);
	}
	return {
		ms: result.endedAt - run.startedAt,
		code: result.code,
		peakRssMb: peakKb / 1024,
		stderr: run.stderr(),
	};
}

/**
 * Runs a harness script (`node script args`) that prints one JSON object as its last stdout line.
 * @param {string[]} args
 * @param {{ env?: Record<string, string | undefined>, timeoutMs?: number }} [options]
 */
export async function runJson(args, options = {}) {
	const child = spawn(node, args, {
		cwd: root,
		env: options.env ?? childEnv(),
		stdio: ["ignore", "pipe", "pipe"],
	});
	let stdout = "";
	let stderr = "";
	child.stdout.on("data", (chunk) => {
		stdout += chunk;
	});
	child.stderr.on("data", (chunk) => {
		if (stderr.length < 65_536) stderr += chunk;
	});
	const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 600_000);
	const code = await new Promise((resolve) => child.on("close", resolve));
	clearTimeout(timer);
	const last = stdout.trim().split("\n").pop() ?? "";
	try {
		return JSON.parse(last);
	} catch {
		throw new Error(`${args[0]} exited ${code}: ${stderr.trim().slice(-2000) || stdout.slice(-2000)}`);
	}
}
