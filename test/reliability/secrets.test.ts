/**
 * The access token never leaves bctail: every output channel of a set of runs that touch success, 401,
 * 403 (with a server that echoes the token back), network errors, configuration errors and a crash is
 * captured and searched for a distinctive token (and for a fragment of it, in case one was cut). The
 * channels: line mode's stdout and stderr, `--save` files, and the TUI's whole tmux history (screens
 * with the status bar, the detail and help overlays, stopped panes, and what is printed after exit).
 * bctail has no debug log to check. The emulator's own state is not bctail's output.
 *
 * Plain http:// to a non-loopback host is refused before any request: test/cli/line-mode.test.ts
 * ("refuses plain http to a non-loopback host") and test/stream/api-origin.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { lineFormats } from "../../source/output/line-format.js";
import { binPath, type CliRun, cleanEnv, runCli } from "../support/run-cli.js";
import { hasTmux, startTmux, type TmuxSession } from "../support/tmux.js";

/** Distinctive, so that any occurrence is a leak; the fragment catches a cut or wrapped one. */
const token = "bctl-SeCrEt-Q7f3a9c2e5b1d4086ZK";
const fragment = "Q7f3a9c2e5";
const wrongToken = "bctl-WrOnG-P4k8m2x6v0n3b7q1JL";
const wrongFragment = "P4k8m2x6v0";

const scratch = mkdtempSync(join(tmpdir(), "bctail-secrets-"));
const crashScript = fileURLToPath(new URL("../support/inject-crash.mjs", import.meta.url));
const emulators: Emulator[] = [];
const runs: CliRun[] = [];
const sessions: TmuxSession[] = [];

/** Everything captured, by channel, checked once at the end (and per test). */
const captured: { channel: string; text: string }[] = [];

afterEach(async () => {
	for (const run of runs.splice(0)) run.child.kill("SIGKILL");
	for (const session of sessions.splice(0)) session.kill();
	await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

afterAll(() => {
	rmSync(scratch, { recursive: true, force: true });
	// Not vacuous: every kind of channel was captured, with real content.
	const channels = new Set(captured.map((entry) => entry.channel.split(":")[0]));
	expect([...channels].sort()).toEqual(["save", "stderr", "stdout", ...(hasTmux ? ["tui"] : [])]);
});

function capture(channel: string, text: string): void {
	captured.push({ channel, text });
	for (const secret of [token, fragment, wrongToken, wrongFragment]) {
		expect(text, `${channel} contains ${secret}`).not.toContain(secret);
	}
}

async function startEmulator(): Promise<Emulator> {
	const emulator = await createEmulator({ token, rate: 0, keepAliveMs: 100, streamEndMs: 400 });
	emulators.push(emulator);
	return emulator;
}

/** A body that quotes the token back, as a careless proxy or server might. */
const echoBody = JSON.stringify({
	status: 403,
	title: `Forbidden for token ${token}`,
	detail: `X-Auth-Token ${token} lacks store_infrastructure_logs_read_only`,
});

function cli(args: string[], env: Record<string, string>): CliRun {
	const run = runCli(args, { env: cleanEnv(env) });
	runs.push(run);
	return run;
}

/**
 * Captures the output of a run once it ended: on its own (`wait`), or stopped with SIGTERM (as a user
 * ends a tail).
 */
async function finish(name: string, run: CliRun, wait = false): Promise<number | string> {
	if (!wait) run.child.kill("SIGTERM");
	const code = await run.exited;
	capture(`stdout:${name}`, run.stdout());
	capture(`stderr:${name}`, run.stderr());
	return code;
}

async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (address === null || typeof address === "string") throw new Error("no port");
	return address.port;
}

describe("line mode", () => {
	it("success, with --save: events on stdout and in the file, news on stderr", async () => {
		const emulator = await startEmulator();
		const [one, two] = emulator.projects.map((project) => project.uuid);
		const save = join(scratch, "success.ndjson");
		// By name, so the projects API is used too.
		const run = cli(
			[
				"--store-hash",
				emulator.storeHash,
				"--api-host",
				emulator.origin,
				"--save",
				save,
				"catalyst-production",
				two ?? "",
			],
			{ CATALYST_ACCESS_TOKEN: token },
		);
		await vi.waitFor(() => expect(emulator.openStreams()).toBe(2));
		for (let i = 0; i < 20; i++) {
			emulator.push(one ?? "", {
				uuid: `s-${i}`,
				request: { method: "GET", url: `/x?i=${i}`, status_code: 200 },
				logs: [{ level: "info", messages: [`event ${i}`] }],
			});
		}
		await run.waitForStdout((text) => text.includes("event 19"));
		expect(await finish("success", run)).toBe(0);
		const file = readFileSync(save, "utf8");
		// 20 events, plus the project's name line (`bctail_project`) that replay shows.
		expect(
			file.split("\n").filter((line) => line !== "" && !line.startsWith('{"bctail_project"')),
		).toHaveLength(20);
		capture("save:success", file);
		expect(run.stderr()).toContain("live");
	});

	it("events that carry the token (message, url, exception; plain and JSON-escaped), every format and --save", async () => {
		const emulator = await startEmulator();
		const project = emulator.projects[0]?.uuid ?? "";
		// The token spelled with JSON escapes, as another encoder might write it: "b" and "-" escaped.
		const escaped = `\\u0062${token.slice(1).replace("-", "\\u002D")}`;
		const events: unknown[] = [
			{
				uuid: "echo-plain",
				request: { method: "GET", url: `/cb?access_token=${token}&x=1`, status_code: 500 },
				logs: [{ level: "error", messages: [`auth header X-Auth-Token: ${token}`] }],
				exceptions: [
					{
						name: `TokenError ${token}`,
						message: `rejected ${token}`,
						stack: `TokenError: ${token}\n    at handler (worker.js:1:1)`,
					},
				],
			},
			`{"uuid":"echo-escaped","request":{"method":"GET","url":"/e/${escaped}","status_code":200},"logs":[{"level":"warn","messages":["escaped ${escaped}"]}]}`,
		];
		for (const format of lineFormats) {
			const save = join(scratch, `echo-${format}.ndjson`);
			const run = cli(
				[
					"--format",
					format,
					"--store-hash",
					emulator.storeHash,
					"--api-host",
					emulator.origin,
					"--save",
					save,
					project,
				],
				{ CATALYST_ACCESS_TOKEN: token },
			);
			await vi.waitFor(() => expect(emulator.openStreams(project)).toBe(1));
			for (const event of events) emulator.push(project, event);
			// Both events are out (in order: the second one's masked message or URL) before the run ends.
			await run.waitForStdout((text) => text.includes("escaped [token]") || text.includes("/e/[token]"));
			expect(run.stdout(), format).toContain("[token]");
			expect(await finish(`echo-${format}`, run)).toBe(0);
			const file = readFileSync(save, "utf8");
			expect(file.split("\n").filter((line) => line !== "")).toHaveLength(2);
			expect(file).toContain("[token]");
			capture(`save:echo-${format}`, file);
			await vi.waitFor(() => expect(emulator.openStreams(project)).toBe(0));
		}
	});

	it("replay of a recording made elsewhere that holds the token: masked with the token configured", async () => {
		// Written by another tool (never masked): the token plain and JSON-escaped, in every field.
		const foreign = join(scratch, "foreign.ndjson");
		const escaped = `\\u0062${token.slice(1).replace("-", "\\u002D")}`;
		const lines = [
			{
				uuid: "f-1",
				timestamp: "2026-06-01T12:00:00.000Z",
				request: { method: "GET", url: `/cb?access_token=${token}`, status_code: 500 },
				logs: [
					{ timestamp: "2026-06-01T12:00:00.000Z", level: "error", messages: [`X-Auth-Token: ${token}`] },
				],
				exceptions: [{ name: `TokenError ${token}`, message: `rejected ${token}`, stack: `at ${token}` }],
			},
		].map((event) => JSON.stringify(event));
		lines.push(
			`{"uuid":"f-2","timestamp":"2026-06-01T12:00:01.000Z","logs":[{"level":"info","messages":["escaped ${escaped}"]}]}`,
		);
		writeFileSync(foreign, `${lines.join("\n")}\n`);
		for (const format of ["json", "request"]) {
			const byEnv = cli(["replay", "--format", format, foreign], { CATALYST_ACCESS_TOKEN: token });
			expect(await finish(`replay-env-${format}`, byEnv, true)).toBe(0);
			expect(byEnv.stdout()).toContain("[token]");
			expect(byEnv.stdout()).toContain("escaped [token]");
		}
		const byFlag = cli(["replay", "--format", "json", "--access-token", token, foreign], {});
		expect(await finish("replay-flag", byFlag, true)).toBe(0);
		expect(byFlag.stdout()).toContain("rejected [token]");
	});

	it("401 (wrong token), on the projects API and on the tail", async () => {
		const emulator = await startEmulator();
		const byName = cli(
			["--store-hash", emulator.storeHash, "--api-host", emulator.origin, "catalyst-production"],
			{
				CATALYST_ACCESS_TOKEN: wrongToken,
			},
		);
		expect(await finish("401-projects", byName, true)).toBe(1);
		expect(byName.stderr()).toMatch(/invalid or has expired/);
		const byUuid = cli(
			[
				"--format",
				"json",
				"--store-hash",
				emulator.storeHash,
				"--api-host",
				emulator.origin,
				emulator.projects[0]?.uuid ?? "",
			],
			{ CATALYST_ACCESS_TOKEN: wrongToken },
		);
		expect(await finish("401-tail", byUuid, true)).toBe(1);
		expect(byUuid.stderr()).toMatch(/invalid or has expired/);
	});

	it("403 from a server that echoes the token in its error body", async () => {
		const emulator = await startEmulator();
		const project = emulator.projects[0]?.uuid ?? "";
		emulator.fault(project, { fault: { kind: "status", status: 403, body: echoBody } });
		const run = cli(
			["--format", "json", "--store-hash", emulator.storeHash, "--api-host", emulator.origin, project],
			{
				CATALYST_ACCESS_TOKEN: token,
			},
		);
		expect(await finish("403-echo", run, true)).toBe(1);
		// The server's words are shown, with the token taken out.
		expect(run.stderr()).toMatch(/The API said: "Forbidden for token \[token\]/);
	});

	it("network errors: refused, and a TLS error", async () => {
		const port = await closedPort();
		const project = "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1001";
		const refused = cli(
			["--format", "json", "--store-hash", "demo1234", "--api-host", `http://127.0.0.1:${port}`, project],
			{
				CATALYST_ACCESS_TOKEN: token,
			},
		);
		await refused.waitForStderr((text) => text.includes("Connection refused"));
		await finish("refused", refused);
		const emulator = await startEmulator();
		// https to the plain-http emulator: the TLS handshake fails.
		const tls = cli(
			[
				"--format",
				"json",
				"--store-hash",
				"demo1234",
				"--api-host",
				emulator.origin.replace("http:", "https:"),
				project,
			],
			{ CATALYST_ACCESS_TOKEN: token },
		);
		await tls.waitForStderr((text) => text.includes("TLS error"));
		await finish("tls", tls);
	});

	it("configuration errors that quote what was configured", async () => {
		const project = "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1001";
		const base = ["--format", "json", "--store-hash", "demo1234"];
		const cases: [string, string[], Record<string, string>][] = [
			// The token pasted into the host, as credentials or as a path.
			[
				"host-credentials",
				[...base, "--api-host", `https://user:${token}@127.0.0.1:1`, project],
				{ CATALYST_ACCESS_TOKEN: token },
			],
			[
				"host-path",
				[...base, "--api-host", `https://127.0.0.1:1/${token}`, project],
				{ CATALYST_ACCESS_TOKEN: token },
			],
			// A token broken by a line break when pasted.
			[
				"bad-header",
				[...base, "--api-host", "http://127.0.0.1:1", project],
				{ CATALYST_ACCESS_TOKEN: `${token}\nrest` },
			],
			// On the command line instead of the environment, with the store hash missing.
			["no-store-hash", ["--format", "json", "--access-token", token, project], {}],
		];
		for (const [name, args, env] of cases) {
			const run = cli(args, env);
			expect(await finish(`config-${name}`, run, true), name).toBe(1);
			expect(run.stderr(), name).toMatch(/^bctail: /m);
		}
	});

	it("crash output (an uncaught exception while tailing)", async () => {
		const emulator = await startEmulator();
		const run = cli(
			[
				"--format",
				"json",
				"--store-hash",
				emulator.storeHash,
				"--api-host",
				emulator.origin,
				emulator.projects[0]?.uuid ?? "",
			],
			{ CATALYST_ACCESS_TOKEN: token, NODE_OPTIONS: `--import=${crashScript}` },
		);
		// Crash while tailing: once the stream is open (inject-crash.mjs throws on SIGUSR2).
		await vi.waitFor(() => expect(emulator.openStreams()).toBe(1));
		run.child.kill("SIGUSR2");
		expect(await finish("crash", run, true)).not.toBe(0);
		expect(run.stderr()).toContain("injected crash for the terminal test");
	});
});

describe.runIf(hasTmux)("the TUI", () => {
	it("screens, status bar, overlays, stopped panes and what is left after exit", async () => {
		const emulator = await startEmulator();
		const [one, two] = emulator.projects.map((project) => project.uuid);
		emulator.fault(two ?? "", { fault: { kind: "status", status: 403, body: echoBody } });
		const save = join(scratch, "tui.ndjson");
		const session = startTmux(
			[
				process.execPath,
				binPath,
				"--store-hash",
				emulator.storeHash,
				"--api-host",
				emulator.origin,
				"--save",
				save,
				one,
				two,
				"; echo EXITED; sleep 30",
			].join(" "),
			{ width: 140, height: 30, env: { CATALYST_ACCESS_TOKEN: token } },
		);
		sessions.push(session);
		const screens: string[] = [];
		const shot = async (predicate: (screen: string) => boolean) => {
			const screen = await session.waitFor(predicate, 20_000);
			screens.push(screen);
			return screen;
		};
		await shot((screen) => screen.includes("● live") && screen.includes("stopped: no logs scope"));
		for (let i = 0; i < 5; i++) {
			// The server echoes the token in the event: the pane, the detail overlay and --save mask it.
			emulator.push(one ?? "", {
				uuid: `t-${i}`,
				request: { method: "GET", url: `/t?token=${token}`, status_code: 200 },
				logs: [{ level: "warn", messages: [`tui event ${i} ${token}`] }],
			});
		}
		await shot((screen) => screen.includes("tui event 4 [token]"));
		session.keys("Enter");
		await shot((screen) => screen.includes("Raw event") && screen.includes("[token]"));
		// One key per send: an Escape followed at once by a key reads as Alt+key.
		session.keys("Escape");
		await shot((screen) => /^ TAIL /m.test(screen));
		session.keys("?");
		await shot((screen) => /^ HELP /m.test(screen));
		session.keys("Escape");
		// The token is revoked: the live pane stops at its next reconnect.
		emulator.setToken("rotated-token-0000");
		emulator.endStreams(one);
		await shot((screen) => (screen.match(/stopped: (token expired|no logs scope)/g) ?? []).length === 2);
		session.keys("q");
		const after = await session.waitForText("EXITED");
		screens.push(after);
		capture(
			"tui:history",
			session.run("capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", `${session.name}:0.0`),
		);
		for (const [i, screen] of screens.entries()) capture(`tui:screen-${i}`, screen);
		capture("save:tui", readFileSync(save, "utf8"));
	});
});
