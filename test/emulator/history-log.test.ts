import { readFileSync } from "node:fs";
import { afterEach, expect, test } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator, EmulatorOptions, HistoryEntry } from "../../source/emulator/types.js";
import { queryHistory, windowOf } from "./history-client.js";
import { openTail, until } from "./sse-client.js";

let emulators: Emulator[] = [];
afterEach(async () => {
	await Promise.all(emulators.map((emulator) => emulator.close()));
	emulators = [];
});

async function start(options: EmulatorOptions = {}): Promise<{ emu: Emulator; p: string }> {
	const emulator = await createEmulator({ rate: 0, ...options });
	emulators.push(emulator);
	return { emu: emulator, p: emulator.projects[0]!.uuid };
}

const samples = readFileSync(new URL("../fixtures/sample-events.ndjson", import.meta.url), "utf8")
	.trim()
	.split("\n")
	.map((line) => JSON.parse(line) as Record<string, unknown>);

test("a pushed event is flattened exactly as the contract says, with no tail open", async () => {
	const { emu, p } = await start();
	// Line 5: a request, three logs (level "log", non-string messages), an exception with a stack.
	expect(emu.push(p, samples[4])).toBe(0);
	const request = { method: "GET", url: "https://store.example.com/en/cart", status_code: 500 };
	const reply = await queryHistory(
		emu,
		p,
		windowOf(Date.parse("2026-06-01T12:00:00Z"), Date.parse("2026-06-01T13:00:00Z")),
	);
	expect(reply.status).toBe(200);
	const expected: HistoryEntry[] = [
		{
			timestamp: "2026-06-01T12:34:56.410Z",
			entry_type: "request",
			level: "info",
			messages: ["GET https://store.example.com/en/cart"],
			is_exception: false,
			request,
		},
		{
			timestamp: "2026-06-01T12:34:56.405Z",
			entry_type: "log",
			level: "error",
			messages: ["BigCommerceAPIError: BigCommerce API returned 530"],
			is_exception: true,
			exception_name: "BigCommerceAPIError",
			request,
		},
		{
			timestamp: "2026-06-01T12:34:56.402Z",
			entry_type: "log",
			level: "error",
			messages: ["BigCommerceAPIError: \n    BigCommerce API returned 530\n    \n    "],
			is_exception: false,
			request,
		},
		{
			timestamp: "2026-06-01T12:34:56.250Z",
			entry_type: "log",
			level: "warn",
			messages: ["slow upstream", 812],
			is_exception: false,
			request,
		},
		{
			timestamp: "2026-06-01T12:34:56.101Z",
			entry_type: "log",
			level: "log",
			messages: ["cart lookup", { cartId: "c-42", items: 3 }],
			is_exception: false,
			request,
		},
	];
	expect(reply.body.data).toEqual(expected);
	expect(emu.history(p)).toEqual(expected);
	// Raw JSON text keeps its exact bytes in the entries (key order, too).
	expect(JSON.stringify(reply.body.data![0])).toBe(
		'{"timestamp":"2026-06-01T12:34:56.410Z","entry_type":"request","level":"info","messages":["GET https://store.example.com/en/cart"],"is_exception":false,"request":{"method":"GET","url":"https://store.example.com/en/cart","status_code":500}}',
	);
});

test("a request-less event with a null timestamp, and a request that logged nothing", async () => {
	const { emu, p } = await start();
	emu.push(p, JSON.stringify(samples[5]));
	emu.push(p, samples[3]);
	expect(emu.history(p)).toEqual([
		{
			timestamp: "2026-06-01T12:35:00.002Z",
			entry_type: "log",
			level: "log",
			messages: ["DOQueueHandler: revalidated 3 tags"],
			is_exception: false,
			request: null,
		},
		{
			timestamp: "2026-06-01T12:34:56.789Z",
			entry_type: "request",
			level: "info",
			messages: ["POST https://store.example.com/api/cart"],
			is_exception: false,
			request: { method: "POST", url: "https://store.example.com/api/cart", status_code: 204 },
		},
	]);
	// Not JSON objects: nothing to keep.
	emu.push(p, "not json {");
	emu.push(p, "[1,2]");
	expect(emu.history(p)).toHaveLength(2);
});

test("an event a stream took is in the history too, and so is one pushed to another project", async () => {
	const { emu, p } = await start();
	const q = emu.projects[1]!.uuid;
	const tail = await openTail(emu, p);
	expect(emu.push(p, samples[2])).toBe(1);
	expect(emu.push(q, samples[0])).toBe(0);
	await until(() => expect(tail.events).toHaveLength(1));
	expect(emu.history(p).map((e) => e.messages[0])).toEqual(["hello world", "GET https://example.com/test"]);
	expect(emu.history(q).map((e) => e.messages[0])).toEqual([
		"Request processed successfully",
		"GET /products",
	]);
	tail.abort();
});

test("generated traffic reaches the history with no stream open", async () => {
	const { emu, p } = await start({ rate: 200 });
	await until(() => expect(emu.history(p).length).toBeGreaterThan(50));
	expect(emu.openStreams()).toBe(0);
	expect(emu.sent(p)).toEqual([]);
});

test("history is bounded: the newest historyLimit entries per project stay", async () => {
	const { emu, p } = await start({ historyLimit: 10 });
	for (let i = 0; i < 30; i++) {
		emu.push(p, {
			timestamp: new Date(1e12 + i).toISOString(),
			request: null,
			logs: [{ timestamp: null, level: "info", messages: [`m${i}`] }],
		});
	}
	expect(emu.history(p).map((e) => e.messages[0])).toEqual(
		Array.from({ length: 10 }, (_, i) => `m${29 - i}`),
	);
});

test("seeded history: past traffic at the rate, deterministic from the seed, with the quirks real entries have", async () => {
	const before = Date.now();
	const seeded = { rate: 4, seed: 7, historySeedMs: 20 * 60_000 };
	const { emu, p } = await start(seeded);
	const { emu: twin } = await start(seeded);
	const past = emu.history(p).filter((e) => e.timestamp === null || Date.parse(e.timestamp) < before);
	// 20 minutes at 4 events/s: around 4,800 invocations, each one or more entries.
	expect(past.length).toBeGreaterThan(4000);
	const times = past.flatMap((e) => (e.timestamp === null ? [] : [Date.parse(e.timestamp)]));
	expect(Math.min(...times)).toBeLessThan(before - 19 * 60_000);
	expect(Math.min(...times)).toBeGreaterThan(before - 21 * 60_000);

	const shape = (e: HistoryEntry) => JSON.stringify({ ...e, timestamp: e.timestamp === null });
	const oldest = (list: readonly HistoryEntry[]) => list.slice(-3000).map(shape);
	expect(oldest(twin.history(p))).toEqual(oldest(emu.history(p)));

	const untyped = past.filter((e) => !("entry_type" in e)).length / past.length;
	expect(untyped).toBeGreaterThan(0.05);
	expect(untyped).toBeLessThan(0.15);
	expect(past.some((e) => e.exception_name?.includes("<*>"))).toBe(true);
	expect(past.some((e) => e.is_exception && !e.exception_name?.includes("<*>"))).toBe(true);
	expect(past.some((e) => e.request === null && e.timestamp === null)).toBe(true);
	expect(past.some((e) => "worker_version" in e)).toBe(true);
	// A template keeps the exception's name, and the message stays literal.
	for (const entry of past.filter((e) => e.exception_name?.includes("<*>"))) {
		expect(String(entry.messages[0])).not.toContain("<*>");
		expect(entry.exception_name!.split(":")[0]).toBe(String(entry.messages[0]).split(":")[0]);
	}
});

test("historyUntypedShare 0: every generated entry has its entry_type; no seed means no past", async () => {
	const { emu, p } = await start({ rate: 4, historySeedMs: 5 * 60_000, historyUntypedShare: 0 });
	expect(emu.history(p).length).toBeGreaterThan(500);
	expect(emu.history(p).every((e) => e.entry_type === "log" || e.entry_type === "request")).toBe(true);
	const { emu: fresh, p: q } = await start({ rate: 0, historySeedMs: 5 * 60_000 });
	expect(fresh.history(q)).toEqual([]);
});

test("a pushed event over historyMaxEventBytes reaches streams but not the history", async () => {
	const { emu, p } = await start({ historyMaxEventBytes: 1000 });
	const tail = await openTail(emu, p);
	const big = {
		uuid: "big",
		timestamp: null,
		request: null,
		logs: [{ level: "info", messages: ["x".repeat(2000)] }],
	};
	expect(emu.push(p, big)).toBe(1);
	expect(emu.push(p, { ...big, uuid: "small", logs: [{ level: "info", messages: ["small"] }] })).toBe(1);
	await until(() => expect(tail.events).toHaveLength(2));
	expect(emu.history(p).map((e) => e.messages[0])).toEqual(["small"]);
	tail.abort();
});
