/**
 * Outputs that fail or stall, against the built CLI (`npm run build` first): a slow reader, a full
 * device, a stderr whose reader goes away, and JSON nested too deep for JSON.stringify. Every one of
 * these once lost data or exited with the wrong code.
 */
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { binPath, type CliRun, cleanEnv, runCli } from "../support/run-cli.js";

const folder = mkdtempSync(join(tmpdir(), "bctail-output-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const projectUuid = "6b202364-10f3-11f1-8bc7-fe9b9d8b14ab";

function event(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		uuid: `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
		project_uuid: projectUuid,
		timestamp: "2026-01-01T00:00:00.000Z",
		request: { method: "GET", url: `/item/${n}`, status_code: 200 },
		logs: [
			{ timestamp: "2026-01-01T00:00:00.000Z", level: "info", messages: [`event ${n} ${"x".repeat(600)}`] },
		],
		exceptions: [],
		...extra,
	};
}

/** A recording of `count` events, one JSON line each. */
function recording(name: string, count: number): string {
	const path = join(folder, name);
	const lines: string[] = [];
	for (let n = 0; n < count; n++) lines.push(JSON.stringify(event(n)));
	writeFileSync(path, `${lines.join("\n")}\n`);
	return path;
}

/** Runs a shell command line (bash, for PIPESTATUS) and resolves with its stdout and exit code. */
function shell(script: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
	const child = spawn("bash", ["-c", script], { env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
	let stdout = "";
	let stderr = "";
	child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
		stderr += chunk;
	});
	return new Promise((resolve) => child.on("close", (code) => resolve({ stdout, stderr, code })));
}

interface FullRun {
	readonly exited: Promise<number | null>;
	stderr(): string;
	kill(): void;
}

/** Runs the CLI with stdout on /dev/full (a real device that fails every write with ENOSPC). */
function runToDevFull(args: readonly string[], env: Record<string, string>): FullRun {
	const full = openSync("/dev/full", "w");
	const child = spawn(process.execPath, [binPath, ...args], {
		env,
		cwd: folder,
		stdio: ["ignore", full, "pipe"],
	});
	closeSync(full);
	let stderr = "";
	child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
		stderr += chunk;
	});
	return {
		exited: new Promise((resolve) => child.on("close", (code) => resolve(code))),
		stderr: () => stderr,
		kill: () => child.kill("SIGKILL"),
	};
}

const quote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`;
const bctail = `${quote(process.execPath)} ${quote(binPath)}`;

describe("replay into a slow or broken stdout", () => {
	it("prints all 50,000 events to a reader that stalls first (| (sleep 2; wc -l))", async () => {
		const path = recording("fifty-thousand.ndjson", 50_000);
		// The stall is the fault under test, not a wait: any length of it must lose nothing.
		const result = await shell(`${bctail} replay --format json ${quote(path)} | (sleep 2; wc -l)`);
		expect(result.stdout.trim()).toBe("50000");
		expect(result.stderr).toBe("");
	});

	it("says so on stderr and exits 1 when stdout is a full device", async () => {
		const path = recording("small.ndjson", 100);
		const run = runToDevFull(["replay", "--format", "json", path], cleanEnv());
		expect(await run.exited).toBe(1);
		expect(run.stderr()).toMatch(
			/^bctail: cannot write to standard output: no space left on the device \(ENOSPC\)/m,
		);
	});

	it("prints JSON nested deeper than JSON.stringify can recurse as received, never null", async () => {
		const depth = 50_000;
		const deep = `${"[".repeat(depth)}"C1 \u009b here"${"]".repeat(depth)}`;
		const path = join(folder, "deep.ndjson");
		const line = JSON.stringify(event(1, { deep: "@@" })).replace('"@@"', deep);
		writeFileSync(path, `${line}\n`);
		for (const format of ["json", "pretty"]) {
			const result = await shell(`${bctail} replay --format ${format} ${quote(path)}`);
			expect(result.code).toBe(0);
			expect(result.stdout.trim() === "null").toBe(false);
			const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
			expect(parsed.uuid).toBe(event(1).uuid);
			// The deep value is kept whole (compared by counting: too deep for toEqual).
			expect(result.stdout.includes('"C1 \\u009b here"')).toBe(true);
			// The deep arrays, plus the event's own logs, messages and exceptions.
			expect(result.stdout.split("[").length - 1).toBe(depth + 3);
		}
	});
});

describe("line mode into a broken stdout or stderr", () => {
	let emulator: Emulator;
	const runs: CliRun[] = [];

	beforeEach(async () => {
		emulator = await createEmulator({ rate: 0, keepAliveMs: 100, streamEndMs: 400 });
	});

	afterEach(async () => {
		for (const run of runs.splice(0)) run.child.kill("SIGKILL");
		await emulator.close();
	});

	const uuid = (): string => emulator.projects[0]!.uuid;
	const args = (): string[] => [
		"--store-hash",
		emulator.storeHash,
		"--api-host",
		emulator.origin,
		"--idle-timeout",
		"5",
		"--format",
		"json",
		uuid(),
	];
	const env = (): Record<string, string> => cleanEnv({ CATALYST_ACCESS_TOKEN: emulator.token });
	const openStream = () =>
		vi.waitFor(() => expect(emulator.openStreams(uuid())).toBeGreaterThan(0), {
			timeout: 10_000,
			interval: 10,
		});

	it("says so on stderr and exits 1 when stdout is a full device", async () => {
		const run = runToDevFull(args(), env());
		try {
			await openStream();
			emulator.push(uuid(), event(1));
			expect(await run.exited).toBe(1);
			expect(run.stderr()).toMatch(/cannot write to standard output: no space left on the device \(ENOSPC\)/);
		} finally {
			run.kill();
		}
	});

	it("keeps printing when stderr's reader goes away, and exits 0 on SIGTERM", async () => {
		const run = runCli(args(), { env: env(), cwd: folder });
		runs.push(run);
		await run.waitForStderr((text) => text.includes("live"));
		run.child.stderr?.destroy();
		// Every stream ends after 400 ms; the next request is refused, so status lines follow.
		emulator.fault(uuid(), { fault: { kind: "status", status: 503 }, times: 2 });
		await vi.waitFor(() => expect(emulator.requests(uuid())).toBeGreaterThanOrEqual(4), { timeout: 20_000 });
		await openStream();
		emulator.push(uuid(), event(7));
		await run.waitForStdout((text) => text.includes(event(7).uuid as string), 20_000);
		expect(run.child.exitCode).toBeNull();
		run.child.kill("SIGTERM");
		expect(await run.exited).toBe(0);
	});

	it("ends quietly with exit 0 in `--demo --format json 2>&1 | head -3`", async () => {
		const result = await shell(`${bctail} --demo --format json 2>&1 | head -3; exit "\${PIPESTATUS[0]}"`);
		expect(result.stdout.trim().split("\n")).toHaveLength(3);
		expect(result.code).toBe(0);
	});

	it("prints a live event nested deeper than JSON.stringify can recurse, never null", async () => {
		const run = runCli(args(), { env: env(), cwd: folder });
		runs.push(run);
		await openStream();
		const depth = 20_000;
		const data = JSON.stringify(event(9, { deep: "@@" })).replace(
			'"@@"',
			`${'{"a":'.repeat(depth)}"\u202e"${"}".repeat(depth)}`,
		);
		emulator.push(uuid(), data);
		await run.waitForStdout((text) => text.endsWith("\n"));
		const out = run.stdout().trim();
		expect(out === "null").toBe(false);
		expect(out.startsWith(`{"uuid":"${event(9).uuid as string}"`)).toBe(true);
		expect(out.includes('"\\u202e"')).toBe(true);
		expect(out.split('{"a":').length - 1).toBe(depth);
	});
});
