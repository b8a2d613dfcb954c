/**
 * The command line refuses nonsense in a sentence (exit 2), shows help wherever -h/--help stands, and
 * takes what catalyst users type (issue 12, item 8). Runs the built CLI.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { type CliRun, cleanEnv, runCli } from "../support/run-cli.js";

const runs: CliRun[] = [];
let emulator: Emulator | undefined;

afterEach(async () => {
	for (const run of runs.splice(0)) run.child.kill("SIGKILL");
	await emulator?.close();
	emulator = undefined;
});

function cli(args: string[], env: Record<string, string> = {}): CliRun {
	const run = runCli(args, { env: cleanEnv(env) });
	runs.push(run);
	return run;
}

describe("help", () => {
	it.each([["-h"], ["--help"], ["--store-hash", "x", "--help"], ["--format", "json", "-h", "abc"]])(
		"%s shows the main help and exits 0 without tailing",
		async (...args) => {
			const run = cli(args);
			expect(await run.exited).toBe(0);
			expect(run.stdout()).toContain("$ bctail [project ...]");
			expect(run.stdout()).toContain("--project-uuid");
			expect(run.stderr()).toBe("");
		},
	);

	it.each([
		[["emulator", "--help"], "$ bctail emulator [options]"],
		[["emulator", "--port", "0", "-h"], "$ bctail emulator [options]"],
		[["replay", "-h"], "$ bctail replay <file ...|-> [options]"],
	])("%j shows that command's own help (and starts nothing)", async (args, usage) => {
		const run = cli(args);
		expect(await run.exited).toBe(0);
		expect(run.stdout()).toContain(usage);
		expect(run.stdout()).not.toContain("listening");
	});
});

describe("values and unknown options", () => {
	it.each([
		[["--idle-timeout", "abc"], '--idle-timeout needs a number of seconds greater than 0 (got "abc")'],
		[["--idle-timeout", "0"], '--idle-timeout needs a number of seconds greater than 0 (got "0")'],
		[["--idle-timeout=-1"], '--idle-timeout needs a number of seconds greater than 0 (got "-1")'],
		[["--scrollback", "-5"], '--scrollback needs a whole number of entries, at least 1 (got "-5")'],
		[["--memory", "8"], '--memory needs a size in MiB, at least 16 (got "8")'],
		[["--max-event-size", "0"], '--max-event-size needs a size in MiB greater than 0 (got "0")'],
		[["--format", "xml"], '--format must be one of default, short, request, json, pretty (got "xml")'],
		[["emulator", "--port", "70000"], '--port needs a port number from 0 to 65535 (got "70000")'],
		[["--idle-timout", "5"], "unknown option --idle-timout: did you mean --idle-timeout?"],
		[["--projectuuid", "x"], "unknown option --projectuuid: did you mean --project-uuid?"],
		[["--store-hash"], "--store-hash needs a value"],
	])("%j is refused in a sentence with exit 2", async (args, sentence) => {
		const run = cli(args);
		expect(await run.exited).toBe(2);
		expect(run.stderr()).toBe(`bctail: ${sentence}\nRun bctail --help for the options.\n`);
		expect(run.stdout()).toBe("");
	});

	it("replay with no file is a usage mistake too (exit 2)", async () => {
		const run = cli(["replay", "--format", "json"]);
		expect(await run.exited).toBe(2);
		expect(run.stderr()).toMatch(/^bctail: replay needs at least one file/);
	});
});

describe("--project-uuid", () => {
	it("is accepted, repeatable, and tails each project like a positional UUID", async () => {
		const demo = await createEmulator({ rate: 0, keepAliveMs: 100 });
		emulator = demo;
		const [first, second] = demo.projects;
		const run = cli(
			[
				"--store-hash",
				demo.storeHash,
				"--api-host",
				demo.origin,
				"--format",
				"json",
				"--project-uuid",
				first!.uuid,
				`--project-uuid=${second!.uuid}`,
			],
			{ CATALYST_ACCESS_TOKEN: demo.token },
		);
		await run.waitForStderr((text) => (text.match(/: live$/gm) ?? []).length === 2);
		expect(demo.requests(first!.uuid)).toBeGreaterThan(0);
		expect(demo.requests(second!.uuid)).toBeGreaterThan(0);
		run.child.kill("SIGTERM");
		expect(await run.exited).toBe(0);
	});
});
