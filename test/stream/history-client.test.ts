import { afterEach, describe, expect, test } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { ApiError } from "../../source/stream/api-errors.js";
import { HistoryClient, historyQueryString } from "../../source/stream/history-client.js";
import { walkHistory } from "../../source/stream/history-walk.js";

let emulator: Emulator | undefined;
afterEach(async () => {
	await emulator?.close();
	emulator = undefined;
});

const base = Date.parse("2026-06-15T10:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
const window = { start: iso(base - 3_600_000), end: iso(base + 3_600_000) };
const fast = { backoff: { baseMs: 5, capMs: 20 } };

async function start(): Promise<{ emu: Emulator; p: string; client: HistoryClient }> {
	emulator = await createEmulator({ rate: 0 });
	const p = emulator.projects[0]!.uuid;
	const target = { origin: emulator.origin, storeHash: emulator.storeHash, token: emulator.token };
	return { emu: emulator, p, client: new HistoryClient(target, p, fast) };
}

/** `count` invocations `stepMs` apart from `from`, each one request row and one log row. */
function pushMany(emu: Emulator, p: string, count: number, from = base - 1_800_000, stepMs = 1000): void {
	for (let i = 0; i < count; i++) {
		const at = iso(from + i * stepMs);
		emu.push(p, {
			uuid: `u${i}`,
			timestamp: at,
			request: { method: "GET", url: `/en/p/${i}`, status_code: i % 10 === 0 ? 500 : 200 },
			logs: [{ timestamp: at, level: i % 10 === 0 ? "error" : "info", messages: [`log ${i}`] }],
			exceptions: [],
		});
	}
}

describe("the history client", () => {
	test("the query string keeps the colons of url:like and level:min and asks for 500 by default", () => {
		expect(
			historyQueryString({ ...window, urlLike: "/a b", levelMin: "warn", statusCode: 500, method: "GET" }),
		).toBe(
			`start=${encodeURIComponent(window.start)}&end=${encodeURIComponent(window.end)}&method=GET&status_code=500&url:like=%2Fa%20b&level:min=warn&limit=500`,
		);
	});

	test("pages() walks every page newest first, each entry once", async () => {
		const { emu, p, client } = await start();
		pushMany(emu, p, 260);
		const seen: unknown[] = [];
		for await (const page of client.pages({ ...window, limit: 37 })) seen.push(...page.entries);
		expect(seen).toEqual(emu.history(p));
		expect(client.requests).toBe(Math.ceil(520 / 37));
	});

	test("server-side filters reach the emulator", async () => {
		const { emu, p, client } = await start();
		pushMany(emu, p, 100);
		const page = await client.page({ ...window, statusCode: 500, entryType: "log" });
		expect(page.entries).toHaveLength(10);
		expect(page.entries.every((e) => (e as { level: string }).level === "error")).toBe(true);
	});

	test("walkHistory reads a window oldest first across many slices, nothing lost or repeated at a seam", async () => {
		const { emu, p, client } = await start();
		// Two entries on every second, so slice edges fall on entries.
		pushMany(emu, p, 300, base - 600_000, 1000);
		const batches = [];
		for await (const batch of walkHistory(
			client,
			{ ...window, limit: 50 },
			base - 3_600_000,
			base + 3_600_000,
			{ firstSliceMs: 7_000, targetPages: 1 },
		)) {
			batches.push(batch);
		}
		expect(batches.length).toBeGreaterThan(5);
		const walked = batches.flatMap((batch) => batch.entries);
		expect(walked).toEqual([...emu.history(p)].reverse());
		const through = batches.map((batch) => batch.throughMs);
		expect(through).toEqual([...through].sort((a, b) => a - b));
	});

	test("a slice too dense to hold is cut finer and read again", async () => {
		const { emu, p, client } = await start();
		pushMany(emu, p, 200, base, 10);
		const walked: unknown[] = [];
		for await (const batch of walkHistory(
			client,
			{ ...window, limit: 20 },
			base - 3_600_000,
			base + 3_600_000,
			{
				maxSlicePages: 3,
			},
		)) {
			walked.push(...batch.entries);
		}
		expect(walked).toEqual([...emu.history(p)].reverse());
	});

	test("403 is catalyst's sentence, fatal, and never retried", async () => {
		const { emu, p, client } = await start();
		emu.historyFault(p, { fault: { kind: "status", status: 403 } });
		const failure = await client.page(window).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(ApiError);
		expect((failure as ApiError).message).toBe(
			"Infrastructure Logs API not enabled. If you are part of the beta, contact support@bigcommerce.com to enable it.",
		);
		expect((failure as ApiError).fatal).toBe(true);
		expect(emu.historyRequests(p)).toBe(1);
	});

	test("422 prints the API's title and field errors", async () => {
		const { p, client } = await start();
		const failure = (await client
			.page({ start: "yesterday", end: window.end })
			.catch((e: unknown) => e)) as ApiError;
		expect(failure).toBeInstanceOf(ApiError);
		expect(failure.message).toMatch(/^Invalid query \(start: .+\)$/);
		expect(failure.shortReason).toBe("bad query");
		void p;
	});

	test("404 and 401 read as catalyst's and the tail's sentences", async () => {
		const { emu } = await start();
		const target = { origin: emu.origin, storeHash: emu.storeHash, token: emu.token };
		const missing = new HistoryClient(target, "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1999", fast);
		await expect(missing.page(window)).rejects.toThrow(/^Project not found\. Check the project UUID/);
		const badToken = new HistoryClient({ ...target, token: "wrong" }, emu.projects[0]!.uuid, fast);
		await expect(badToken.page(window)).rejects.toThrow(/invalid or has expired \(401\)/);
	});

	test("5xx and a reset are retried with backoff, then the page arrives", async () => {
		const { emu, p, client } = await start();
		pushMany(emu, p, 3);
		emu.historyFault(p, { fault: { kind: "status", status: 503 }, times: 2 });
		emu.historyFault(p, { fault: { kind: "reset" } });
		const waits: string[] = [];
		const patient = new HistoryClient({ origin: emu.origin, storeHash: emu.storeHash, token: emu.token }, p, {
			...fast,
			onWait: (_ms, reason) => waits.push(reason),
		});
		const page = await patient.page(window);
		expect(page.entries).toHaveLength(6);
		expect(waits).toEqual(["503", "503", "connection reset"]);
		expect(emu.historyRequests(p)).toBe(4);
		void client;
	});

	test("429 waits at least the backoff step even when told to wait 0", async () => {
		const { emu, p } = await start();
		pushMany(emu, p, 1);
		emu.historyFault(p, {
			fault: { kind: "status", status: 429, headers: { "X-Rate-Limit-Time-Reset-Ms": "0" } },
			times: 2,
		});
		const waits: number[] = [];
		const client = new HistoryClient({ origin: emu.origin, storeHash: emu.storeHash, token: emu.token }, p, {
			backoff: { baseMs: 30, capMs: 1000 },
			onWait: (ms) => waits.push(ms),
		});
		const page = await client.page(window);
		expect(page.entries).toHaveLength(2);
		expect(waits).toEqual([30, 60]);
	});

	test("one request in flight per project: pages asked at once are sent one after another", async () => {
		const { emu, p, client } = await start();
		pushMany(emu, p, 5);
		emu.historyFault(p, { fault: { kind: "slow", ms: 100 }, times: 2 });
		const first = client.page(window);
		const second = client.page(window);
		await first;
		// Unqueued, the second request would have reached the server while the first was held; queued,
		// it is sent only now, and the server cannot have seen it before an I/O turn.
		expect(emu.historyRequests(p)).toBe(1);
		await second;
		expect(emu.historyRequests(p)).toBe(2);
	});
});
