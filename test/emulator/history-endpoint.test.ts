import { afterEach, describe, expect, test } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { historyUrl, queryHistory, windowOf } from "./history-client.js";

let emulator: Emulator | undefined;
afterEach(async () => {
	await emulator?.close();
	emulator = undefined;
});

async function start(): Promise<{ emu: Emulator; p: string }> {
	emulator = await createEmulator({ rate: 0 });
	return { emu: emulator, p: emulator.projects[0]!.uuid };
}

const hour = 3_600_000;
const window = windowOf(Date.now() - hour, Date.now() + hour);
const errorType = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes";

describe("request checks, as the tail does them", () => {
	test("401 for a missing or wrong token, counted", async () => {
		const { emu, p } = await start();
		expect((await queryHistory(emu, p, window, { token: null })).status).toBe(401);
		const wrong = await queryHistory(emu, p, window, { token: "nope" });
		expect(wrong.status).toBe(401);
		expect(wrong.body.status).toBe(401);
		expect(emu.historyRequests(p)).toBe(2);
		expect(emu.requests(p)).toBe(0);
	});

	test("404 for another store or an unknown project, 400 for a uuid that is not one", async () => {
		const { emu, p } = await start();
		const store = await queryHistory(emu, p, window, { storeHash: "other" });
		expect([store.status, store.body.title]).toEqual([404, "Store not found"]);
		const project = await queryHistory(emu, "00000000-0000-4000-8000-000000000000", window);
		expect([project.status, project.body.title]).toEqual([404, "Project not found"]);
		const bad = await queryHistory(emu, "not-a-uuid", window);
		expect([bad.status, bad.body.title]).toEqual([400, ":projectUuid should be valid UUID."]);
	});

	test("an upper-case uuid is the project; Accept: application/json gets JSON", async () => {
		const { emu, p } = await start();
		const reply = await queryHistory(emu, p.toUpperCase(), window);
		expect(reply.status).toBe(200);
		expect(reply.headers.get("content-type")).toBe("application/json");
		expect(reply.body.data).toEqual([]);
		expect(emu.historyRequests(p)).toBe(1);
	});

	test("the tail route is still the tail route, and POST is 405", async () => {
		const { emu, p } = await start();
		const post = await fetch(`${historyUrl(emu, p)}?start=${window.start}&end=${window.end}`, {
			method: "POST",
			headers: { "X-Auth-Token": emu.token },
		});
		expect(post.status).toBe(405);
		await post.body?.cancel();
		const tail = await fetch(`${historyUrl(emu, p)}/tail`, { headers: { "X-Auth-Token": emu.token } });
		expect(tail.headers.get("content-type")).toBe("text/event-stream");
		await tail.body?.cancel();
	});
});

describe("422 for an invalid query, with the v3 field map", () => {
	const cases: [string, Record<string, string>, string][] = [
		["start missing", { end: window.end }, "start"],
		["end missing", { start: window.start }, "end"],
		["start not ISO-8601", { ...window, start: "yesterday" }, "start"],
		["start an epoch number", { ...window, start: "1750000000" }, "start"],
		["end a date without a time", { ...window, end: "2026-06-15" }, "end"],
		["start after end", windowOf(Date.now(), Date.now() - 1), "start"],
		["window over 7 days", windowOf(0, 7 * 24 * hour + 1), "end"],
		["limit 0", { ...window, limit: "0" }, "limit"],
		["limit 501", { ...window, limit: "501" }, "limit"],
		["limit not an integer", { ...window, limit: "2.5" }, "limit"],
		["status_code 99", { ...window, status_code: "99" }, "status_code"],
		["status_code 600", { ...window, status_code: "600" }, "status_code"],
		["status_code text", { ...window, status_code: "5xx" }, "status_code"],
		["level:min unknown", { ...window, "level:min": "log" }, "level:min"],
		["entry_type unknown", { ...window, entry_type: "exception" }, "entry_type"],
		["after and before", { ...window, after: "x", before: "y" }, "after"],
	];
	for (const [name, params, field] of cases) {
		test(name, async () => {
			const { emu, p } = await start();
			const reply = await queryHistory(emu, p, params);
			expect(reply.status).toBe(422);
			expect(reply.body).toEqual({
				status: 422,
				title: "Invalid query",
				type: errorType,
				errors: { [field]: expect.any(String) },
			});
		});
	}

	test("several problems are reported together", async () => {
		const { emu, p } = await start();
		const reply = await queryHistory(emu, p, { limit: "900", "level:min": "loud" });
		expect(Object.keys(reply.body.errors ?? {}).sort()).toEqual(["end", "level:min", "limit", "start"]);
	});

	test("the edges are valid: a 7-day window, limit 1 and 500, status 100 and 599, offsets", async () => {
		const { emu, p } = await start();
		const edges: Record<string, string>[] = [
			windowOf(0, 7 * 24 * hour),
			{ ...window, limit: "1" },
			{ ...window, limit: "500" },
			{ ...window, status_code: "100" },
			{ ...window, status_code: "599" },
			{ start: "2026-06-15T10:00:00+02:00", end: "2026-06-15T12:00:00.5Z" },
			{ ...window, start: window.end },
		];
		for (const params of edges) expect((await queryHistory(emu, p, params)).status).toBe(200);
	});
});

test("the default limit is 100", async () => {
	const { emu, p } = await start();
	const now = Date.now();
	for (let i = 0; i < 60; i++) {
		emu.push(p, {
			uuid: `u${i}`,
			timestamp: new Date(now - i * 1000).toISOString(),
			request: { method: "GET", url: `/p/${i}`, status_code: 200 },
			logs: [{ timestamp: new Date(now - i * 1000).toISOString(), level: "info", messages: [`m${i}`] }],
			exceptions: [],
		});
	}
	const reply = await queryHistory(emu, p, window);
	expect(reply.body.data).toHaveLength(100);
	expect(reply.body.meta?.cursor_pagination.has_next_page).toBe(true);
	expect((await queryHistory(emu, p, { ...window, limit: 500 })).body.data).toHaveLength(120);
});
