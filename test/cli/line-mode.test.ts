import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { sampleEvents } from "../model/sample-events.js";
import { type CliRun, cleanEnv, runCli } from "../support/run-cli.js";

const fixtures = sampleEvents();

let emulator: Emulator;
const runs: CliRun[] = [];

beforeEach(async () => {
	emulator = await createEmulator({ rate: 0, keepAliveMs: 100, streamEndMs: 400 });
});

afterEach(async () => {
	for (const run of runs.splice(0)) run.child.kill("SIGKILL");
	await emulator.close();
});

function tail(args: string[], extraEnv: Record<string, string> = {}): CliRun {
	const run = runCli(
		["--store-hash", emulator.storeHash, "--api-host", emulator.origin, "--idle-timeout", "5", ...args],
		// Streams here end every 400 ms on purpose: not "ended early" (that is tail-client-early-end's).
		{ env: cleanEnv({ CATALYST_ACCESS_TOKEN: emulator.token, BCTAIL_MIN_STREAM_MS: "0", ...extraEnv }) },
	);
	runs.push(run);
	return run;
}

function expectNoToken(run: CliRun): void {
	expect(run.stdout()).not.toContain(emulator.token);
	expect(run.stderr()).not.toContain(emulator.token);
}

const project = (index: number): string => emulator.projects[index]!.uuid;

describe("line mode against the emulator", () => {
	it("prints every pushed event exactly once as NDJSON across stream ends, then exits 0 on SIGTERM", async () => {
		const run = tail(["--format", "json", project(0)]);
		await run.waitForStderr((text) => text.includes("live"));
		const pushed: string[] = [];
		// Push across several routine stream ends (every 400 ms): the client must reconnect silently.
		for (let round = 0; round < 6; round++) {
			await expectOpenStream(emulator, project(0));
			for (const fixture of fixtures) {
				const event = {
					...fixture,
					uuid: `${String(round).padStart(8, "0")}-0000-4000-8000-${String(pushed.length).padStart(12, "0")}`,
				};
				if (emulator.push(project(0), event) > 0) pushed.push(event.uuid);
			}
			await run.waitForStdout((text) => text.split("\n").length > pushed.length);
			// Wait for the routine end of this stream and the client's next request.
			await vi.waitFor(() => expect(emulator.requests(project(0))).toBeGreaterThan(round + 1));
		}
		const lines = run.stdout().trim().split("\n");
		expect(lines.map((line) => (JSON.parse(line) as { uuid: string }).uuid)).toEqual(pushed);
		expect(emulator.requests(project(0))).toBeGreaterThanOrEqual(6);
		expect(run.stderr()).not.toMatch(/disconnected/);
		run.child.kill("SIGTERM");
		expect(await run.exited).toBe(0);
		expectNoToken(run);
	});

	it("keeps unknown fields and escapes control characters in json output", async () => {
		const run = tail(["--format", "json", project(0)]);
		await expectOpenStream(emulator, project(0));
		const hostile = {
			...fixtures[4]!,
			uuid: "hostile-1",
			extra_field: "\u001b]0;owned\u0007 \u009b31m \u202e",
		};
		emulator.push(project(0), hostile);
		await run.waitForStdout((text) => text.includes("hostile-1"));
		const line = run.stdout().trim();
		expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
		expect(JSON.parse(line)).toEqual(hostile);
	});

	it("prints the request format with a stable project label when tailing several projects", async () => {
		const run = tail(["--format", "request", project(0), project(1)]);
		await expectOpenStream(emulator, project(0));
		await expectOpenStream(emulator, project(1));
		emulator.push(project(0), { ...fixtures[1]!, uuid: "e-1" });
		emulator.push(project(1), { ...fixtures[3]!, uuid: "e-2" });
		await run.waitForStdout((text) => text.includes("EXCEPTION") && text.includes("POST"));
		const out = run.stdout();
		expect(out).toContain("GET /checkout (500) [ERROR] Internal server error");
		expect(out).toContain("EXCEPTION TypeError: Cannot read property of undefined");
		expect(out).toContain("POST https://store.example.com/api/cart (204)");
		// Not a terminal and no FORCE_COLOR: no colours.
		expect(out).not.toContain("\u001b[");
		const labels = out
			.trim()
			.split("\n")
			.map((line) => line.split(" ")[0]);
		expect(new Set(labels).size).toBe(2);
	});

	it("stops a project on 401 with the token message and exits 1 when every project has stopped", async () => {
		const run = tail(["--format", "json", project(0)], { CATALYST_ACCESS_TOKEN: "wrong-token-value" });
		expect(await run.exited).toBe(1);
		expect(run.stderr()).toMatch(/invalid or has expired/);
		expect(run.stderr()).not.toContain("wrong-token-value");
	});

	it("goes on with the other projects when one stops", async () => {
		emulator.fault(project(1), { fault: { kind: "status", status: 404 }, times: Number.POSITIVE_INFINITY });
		const run = tail(["--format", "json", project(0), project(1)]);
		await run.waitForStderr((text) => /stopped/.test(text));
		await expectOpenStream(emulator, project(0));
		emulator.push(project(0), { ...fixtures[0]!, uuid: "still-going" });
		await run.waitForStdout((text) => text.includes("still-going"));
		expect(run.child.exitCode).toBeNull();
	});

	it("ends quietly with exit 0 when stdout closes (| head)", async () => {
		const run = tail(["--format", "json", project(0)]);
		await expectOpenStream(emulator, project(0));
		run.child.stdout?.destroy();
		for (let index = 0; index < 50; index++)
			emulator.push(project(0), { ...fixtures[0]!, uuid: `pipe-${index}` });
		expect(await run.exited).toBe(0);
		expect(run.stderr()).not.toMatch(/EPIPE|Error/);
	});
});

describe("configuration errors", () => {
	it("exits 1 naming the flags, variables and file when credentials are missing", async () => {
		const run = runCli(["--format", "json", "019500e2-933d-7057-8e81-090dd7240795"], { cwd: "/" });
		expect(await run.exited).toBe(1);
		expect(run.stderr()).toContain("--store-hash");
		expect(run.stderr()).toContain("CATALYST_ACCESS_TOKEN");
		expect(run.stderr()).toContain(".bigcommerce/project.json");
	});

	it("refuses plain http to a non-loopback host", async () => {
		const run = runCli(
			[
				"--format",
				"json",
				"--store-hash",
				"abc",
				"--api-host",
				"http://example.com",
				"019500e2-933d-7057-8e81-090dd7240795",
			],
			{
				env: cleanEnv({ CATALYST_ACCESS_TOKEN: "secret-token-123" }),
			},
		);
		expect(await run.exited).toBe(1);
		expect(run.stderr()).toMatch(/http/i);
		expect(run.stderr()).not.toContain("secret-token-123");
	});

	it("says in a sentence, without a stack trace, when the projects API refuses the token", async () => {
		const run = tail(["--format", "json", "catalyst-production"], {
			CATALYST_ACCESS_TOKEN: "revoked-token-value",
		});
		expect(await run.exited).toBe(1);
		expect(run.stderr()).toMatch(/^bctail: .*(invalid|expired)/m);
		expect(run.stderr()).not.toMatch(/^\s+at /m);
		expect(run.stderr()).not.toContain("revoked-token-value");
	});

	it("refuses a project that is neither a UUID nor a known name, before any tail request", async () => {
		const run = tail(["--format", "json", "no-such-project"]);
		expect(await run.exited).toBe(1);
		expect(run.stderr()).toContain('no project is named "no-such-project"');
		expect(emulator.requests(project(0))).toBe(0);
		expectNoToken(run);
	});
});

async function expectOpenStream(emulatorUnderTest: Emulator, uuid: string): Promise<void> {
	await vi.waitFor(() => expect(emulatorUnderTest.openStreams(uuid)).toBeGreaterThan(0), {
		timeout: 10_000,
		interval: 10,
	});
}
