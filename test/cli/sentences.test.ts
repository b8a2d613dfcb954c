/**
 * Errors the user can fix are sentences, not stack traces, and say what is wrong where (issue 12,
 * item 7). Runs the built CLI.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resolveProjects, resolvingNamesText } from "../../source/cli/resolve-projects.js";
import { describePhaseChange } from "../../source/cli/status-line.js";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { initialStatus } from "../../source/model/connection-status.js";
import type { ProjectInfo } from "../../source/model/types.js";
import { connectionLabel } from "../../source/ui/format.js";
import { type CliRun, cleanEnv, runCli } from "../support/run-cli.js";

const runs: CliRun[] = [];
let emulator: Emulator | undefined;

afterEach(async () => {
	for (const run of runs.splice(0)) run.child.kill("SIGKILL");
	await emulator?.close();
	emulator = undefined;
});

function withProjectFile(content: string): string {
	const cwd = mkdtempSync(join(tmpdir(), "bctail-sentences-"));
	mkdirSync(join(cwd, ".bigcommerce"));
	writeFileSync(join(cwd, ".bigcommerce/project.json"), content);
	return cwd;
}

function cli(args: string[], cwd?: string): CliRun {
	const run = runCli(args, { env: cleanEnv(), ...(cwd === undefined ? {} : { cwd }) });
	runs.push(run);
	return run;
}

describe("configuration mistakes are sentences", () => {
	it("a broken .bigcommerce/project.json names the file and the line and column, with no stack", async () => {
		const run = cli(
			["--format", "json", "0193a4c2-7b1e-7000-8000-000000000001"],
			withProjectFile('{\n  "storeHash": "abc",\n  "accessToken": "secret-value"\n  "projectUuid": "x"\n}'),
		);
		expect(await run.exited).toBe(1);
		expect(run.stderr()).toMatch(
			/^bctail: \S+\.bigcommerce\/project\.json is not valid JSON: line 4, column 3 \(expected ',' or '\}' after property value\); fix it or run catalyst project link again\n$/,
		);
		expect(run.stderr()).not.toContain("secret-value");
		expect(run.stderr()).not.toMatch(/^\s+at /m);
	});

	it('"storeHash": 123 says the key has the wrong type', async () => {
		const run = cli(["--format", "json"], withProjectFile('{"storeHash": 123, "accessToken": "t"}'));
		expect(await run.exited).toBe(1);
		expect(run.stderr()).toMatch(
			/^bctail: \S+project\.json: "storeHash" must be a string in quotes \(it is a number\)\n$/,
		);
	});

	it("a missing store hash is said once, without bctail: bctail", async () => {
		const run = cli(["--format", "json", "0193a4c2-7b1e-7000-8000-000000000001"]);
		expect(await run.exited).toBe(1);
		expect(run.stderr()).toMatch(/^bctail: missing a store hash: --store-hash/);
		expect(run.stderr()).not.toContain("bctail: bctail");
	});

	it("bctail emulator on a busy port says so in a sentence", async () => {
		emulator = await createEmulator({ rate: 0 });
		const port = new URL(emulator.origin).port;
		const run = cli(["emulator", "--port", port]);
		expect(await run.exited).toBe(1);
		expect(run.stderr()).toBe(
			`bctail: port ${port} on 127.0.0.1 is already in use (another bctail emulator?): stop that one, or pick another port with --port, or --port 0 for any free one\n`,
		);
	});

	it("--format xml is refused by the argument check (exit 2, no stack)", async () => {
		const run = cli(["--format", "xml"]);
		expect(await run.exited).toBe(2);
		expect(run.stderr()).toMatch(/^bctail: --format must be one of default, short, request, json, pretty/);
		expect(run.stderr()).not.toMatch(/^\s+at /m);
	});
});

describe("wording", () => {
	it("a plain stop (SIGTERM) is 'stopped', not 'stopped: stopped'", () => {
		const stopped = { ...initialStatus("stopped"), reason: "stopped", shortReason: "stopped" };
		expect(describePhaseChange("production", initialStatus("live"), stopped, 0)).toBe(
			"bctail: production: stopped",
		);
		expect(connectionLabel(stopped, 0).text).toBe("✖ stopped");
		const expired = { ...stopped, reason: "token expired", shortReason: "token expired" };
		expect(describePhaseChange("production", initialStatus("live"), expired, 0)).toBe(
			"bctail: production: stopped: token expired",
		);
	});

	it("says it is resolving project names before the projects API answers", async () => {
		const said: string[] = [];
		let answer: (projects: ProjectInfo[]) => void = () => {};
		const list = () => new Promise<ProjectInfo[]>((resolve) => (answer = resolve));
		const resolving = resolveProjects(["production"], list, (text) => said.push(text));
		// Nothing has answered yet, and the wait is already said.
		expect(said).toEqual([resolvingNamesText]);
		answer([{ uuid: "0193a4c2-7b1e-7000-8000-000000000001", name: "production", hostnames: [] }]);
		expect((await resolving)[0]?.label).toBe("production");
		// UUIDs need no lookup: nothing to say.
		const quiet: string[] = [];
		await resolveProjects(["0193a4c2-7b1e-7000-8000-000000000001"], list, (text) => quiet.push(text));
		expect(quiet).toEqual([]);
	});
});
