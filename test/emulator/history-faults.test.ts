import { afterEach, describe, expect, test } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { queryHistory, windowOf } from "./history-client.js";
import { openTail, until, uuidsOf } from "./sse-client.js";

let emulator: Emulator | undefined;
afterEach(async () => {
	await emulator?.close();
	emulator = undefined;
});

async function start(rate = 0): Promise<{ emu: Emulator; p: string; q: string }> {
	emulator = await createEmulator({ rate, keepAliveMs: 50, streamEndMs: 30_000 });
	return { emu: emulator, p: emulator.projects[0]!.uuid, q: emulator.projects[1]!.uuid };
}

const window = windowOf(Date.now() - 3_600_000, Date.now() + 3_600_000);

describe("history faults", () => {
	test("403: the Logs API not enabled body, once, then healthy", async () => {
		const { emu, p } = await start();
		emu.historyFault(p, { fault: { kind: "status", status: 403 } });
		const denied = await queryHistory(emu, p, window);
		expect(denied.status).toBe(403);
		expect(denied.body.title).toMatch(/^Infrastructure Logs API not enabled\./);
		expect((await queryHistory(emu, p, window)).status).toBe(200);
		expect(emu.historyRequests(p)).toBe(2);
	});

	test("429 carries X-Rate-Limit-Time-Reset-Ms (default or given)", async () => {
		const { emu, p } = await start();
		emu.historyFault(p, { fault: { kind: "status", status: 429 } });
		emu.historyFault(p, {
			fault: { kind: "status", status: 429, headers: { "X-Rate-Limit-Time-Reset-Ms": "2500" } },
		});
		const first = await queryHistory(emu, p, window);
		expect([first.status, first.headers.get("x-rate-limit-time-reset-ms"), first.body.status]).toEqual([
			429,
			"1000",
			429,
		]);
		const second = await queryHistory(emu, p, window);
		expect([second.status, second.headers.get("x-rate-limit-time-reset-ms")]).toEqual([429, "2500"]);
		expect((await queryHistory(emu, p, window)).status).toBe(200);
	});

	test("5xx for every project with '*', as many times as asked; clearFaults removes it", async () => {
		const { emu, p, q } = await start();
		emu.historyFault("*", { fault: { kind: "status", status: 503 }, times: 3 });
		expect((await queryHistory(emu, p, window)).status).toBe(503);
		expect((await queryHistory(emu, q, window)).status).toBe(503);
		expect((await queryHistory(emu, p, window)).status).toBe(503);
		expect((await queryHistory(emu, p, window)).status).toBe(200);
		emu.historyFault("*", { fault: { kind: "status", status: 500 }, times: Infinity });
		expect((await queryHistory(emu, q, window)).status).toBe(500);
		emu.clearFaults();
		expect((await queryHistory(emu, q, window)).status).toBe(200);
	});

	test("reset: the socket is destroyed before any response", async () => {
		const { emu, p } = await start();
		emu.historyFault(p, { fault: { kind: "reset" } });
		await expect(queryHistory(emu, p, window)).rejects.toThrow();
		expect(emu.historyRequests(p)).toBe(1);
		expect((await queryHistory(emu, p, window)).status).toBe(200);
	});

	test("slow: the answer is delayed by a timer while other requests are served", async () => {
		const { emu, p, q } = await start();
		emu.push(p, {
			timestamp: new Date().toISOString(),
			request: null,
			logs: [{ level: "info", messages: ["x"] }],
		});
		emu.historyFault(p, { fault: { kind: "slow", ms: 60_000 } });
		let slowDone = false;
		const slow = queryHistory(emu, p, window).then((reply) => {
			slowDone = true;
			return reply;
		});
		await until(() => expect(emu.historyRequests(p)).toBe(1));
		// While it waits, the emulator answers other history and tail requests at once.
		expect((await queryHistory(emu, q, window)).status).toBe(200);
		const tail = await openTail(emu, q);
		expect(tail.response.status).toBe(200);
		tail.abort();
		expect(slowDone).toBe(false);
		emu.historyFault(q, { fault: { kind: "slow", ms: 20 } });
		const short = await queryHistory(emu, q, window);
		expect(short.status).toBe(200);
		expect(slowDone).toBe(false);
		await emu.close();
		await expect(slow).rejects.toThrow();
	});

	test("a slow fault's page is the normal page", async () => {
		const { emu, p } = await start();
		emu.push(p, {
			timestamp: new Date().toISOString(),
			request: null,
			logs: [{ level: "info", messages: ["x"] }],
		});
		emu.historyFault(p, { fault: { kind: "slow", ms: 30 } });
		const reply = await queryHistory(emu, p, window);
		expect(reply.status).toBe(200);
		expect(reply.body.data).toEqual(emu.history(p));
	});

	test("history faults and tail faults are separate", async () => {
		const { emu, p } = await start();
		emu.historyFault(p, { fault: { kind: "status", status: 500 } });
		const tail = await openTail(emu, p);
		expect(tail.response.status).toBe(200);
		tail.abort();
		emu.fault(p, { fault: { kind: "status", status: 502 } });
		expect((await queryHistory(emu, p, window)).status).toBe(500);
		expect((await queryHistory(emu, p, window)).status).toBe(200);
		const failed = await openTail(emu, p);
		expect(failed.response.status).toBe(502);
		expect(emu.requests(p)).toBe(2);
		expect(emu.historyRequests(p)).toBe(2);
	});
});

describe("outage", () => {
	test("ends the project's streams and fails new ones; pushed and generated events still reach history", async () => {
		const { emu, p, q } = await start(50);
		const tail = await openTail(emu, p);
		const other = await openTail(emu, q);
		emu.outage(p, true);
		await tail.done;
		expect(tail.ended).toBe(true);
		const refused = await openTail(emu, p);
		expect(refused.response.status).toBe(503);
		expect(((await refused.json()) as { status: number }).status).toBe(503);
		expect(emu.openStreams(q)).toBe(1);

		const at = new Date().toISOString();
		expect(
			emu.push(p, {
				uuid: "gap",
				timestamp: at,
				request: null,
				logs: [{ timestamp: at, level: "warn", messages: ["during the outage"] }],
			}),
		).toBe(0);
		const during = emu.history(p).length;
		await until(() => expect(emu.history(p).length).toBeGreaterThan(during + 20));
		const history = await queryHistory(emu, p, { ...window, limit: 500 });
		expect(history.body.data!.some((e) => e.messages[0] === "during the outage")).toBe(true);
		expect(emu.sent(p)).not.toContain("gap");

		emu.outage(p, false);
		const back = await openTail(emu, p);
		expect(back.response.status).toBe(200);
		await until(() => expect(uuidsOf(back).length).toBeGreaterThan(0));
		back.abort();
		other.abort();
	});
});
