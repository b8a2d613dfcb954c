import { PassThrough } from "node:stream";
import { afterEach, expect, test } from "vitest";
import { parseHistorySeed, runEmulatorCommand } from "../../source/emulator/command.js";
import type { Emulator } from "../../source/emulator/types.js";

let emulator: Emulator | undefined;
afterEach(async () => {
	await emulator?.close();
	emulator = undefined;
});

test("prints the exact command that tails the running emulator", async () => {
	const stdout = new PassThrough();
	let output = "";
	stdout.on("data", (chunk: Buffer) => {
		output += chunk.toString();
	});
	emulator = await runEmulatorCommand({ port: 0, rate: 0, stdout });
	const uuids = emulator.projects.map((project) => project.uuid);
	const command = output.split("\n").find((line) => line.includes("bctail --store-hash"));
	expect(command?.trim()).toBe(
		`CATALYST_ACCESS_TOKEN=${emulator.token} bctail --store-hash ${emulator.storeHash} --api-host ${emulator.origin} ${uuids.join(" ")}`,
	);
	for (const project of emulator.projects) expect(output).toContain(project.name);

	// What it prints works: token, store hash, host and every uuid.
	const [, token, storeHash, apiHost, ...printed] =
		/^CATALYST_ACCESS_TOKEN=(\S+) bctail --store-hash (\S+) --api-host (\S+) (.+)$/.exec(command!.trim()) ??
		[];
	expect(printed[0]?.split(" ")).toEqual(uuids);
	for (const uuid of uuids) {
		const response = await fetch(`${apiHost}/stores/${storeHash}/v3/infrastructure/logs/${uuid}/tail`, {
			headers: { "X-Auth-Token": token! },
		});
		expect(response.status).toBe(200);
		await response.body?.cancel();
	}
});

test("listens on the port it is given", async () => {
	// Find a free port, then ask for it explicitly.
	const probe = await runEmulatorCommand({ port: 0, rate: 0, stdout: new PassThrough() });
	const port = probe.port;
	await probe.close();
	emulator = await runEmulatorCommand({ port, rate: 0, stdout: new PassThrough() });
	expect(emulator.port).toBe(port);
	expect(emulator.origin).toBe(`http://127.0.0.1:${port}`);
});

test("--history-seed: durations in ms, s, m, h, d (bare numbers are seconds), at most 7 days", () => {
	expect(parseHistorySeed("3h")).toBe(3 * 3_600_000);
	expect(parseHistorySeed("90m")).toBe(90 * 60_000);
	expect(parseHistorySeed("2d")).toBe(2 * 86_400_000);
	expect(parseHistorySeed("45s")).toBe(45_000);
	expect(parseHistorySeed("45")).toBe(45_000);
	expect(parseHistorySeed("500ms")).toBe(500);
	expect(parseHistorySeed("1.5h")).toBe(5_400_000);
	expect(() => parseHistorySeed("3 hours")).toThrow(/--history-seed/);
	expect(() => parseHistorySeed("-1h")).toThrow(/--history-seed/);
	expect(() => parseHistorySeed("8d")).toThrow(/7d/);
});

test("historySeed fills the history log before the command returns, and the banner says so", async () => {
	const stdout = new PassThrough();
	let output = "";
	stdout.on("data", (chunk: Buffer) => {
		output += chunk.toString();
	});
	const startedAt = Date.now();
	emulator = await runEmulatorCommand({ port: 0, rate: 2, historySeed: "10m", stdout });
	const history = emulator.history(emulator.projects[0]!.uuid);
	expect(history.length).toBeGreaterThan(600);
	const times = history.flatMap((e) => (e.timestamp === null ? [] : [Date.parse(e.timestamp)]));
	expect(Math.min(...times)).toBeLessThan(startedAt - 9 * 60_000);
	expect(output).toContain("10 min of history");
	expect(output).toContain("/infrastructure/logs/");
});
