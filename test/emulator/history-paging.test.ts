import { afterEach, describe, expect, test } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator, EmulatorOptions, HistoryEntry } from "../../source/emulator/types.js";
import { queryHistory, walkPages, windowOf } from "./history-client.js";

let emulator: Emulator | undefined;
afterEach(async () => {
	await emulator?.close();
	emulator = undefined;
});

const base = Date.parse("2026-06-15T10:00:00.000Z");
const window = windowOf(base - 3_600_000, base + 3_600_000);
const at = (ms: number) => new Date(base + ms).toISOString();

/** Pushes `count` invocations a second apart; every fifth repeats the previous timestamp (ties). */
function pushMany(emu: Emulator, project: string, count: number): void {
	for (let i = 0; i < count; i++) {
		const t = i % 5 === 4 ? i - 1 : i;
		const level = ["debug", "info", "warn", "error", "log"][i % 5]!;
		emu.push(project, {
			uuid: `u${i}`,
			timestamp: at(t * 1000),
			request: i % 7 === 6 ? null : { method: i % 2 ? "POST" : "GET", url: `/en/p/${i}`, status_code: 200 },
			logs: [{ timestamp: at(t * 1000), level, messages: [`log ${i}`, { i }] }],
			exceptions: [],
		});
	}
}

async function start(options: EmulatorOptions = {}): Promise<{ emu: Emulator; p: string }> {
	emulator = await createEmulator({ rate: 0, ...options });
	return { emu: emulator, p: emulator.projects[0]!.uuid };
}

const timeOf = (entry: HistoryEntry) => Date.parse(String(entry.timestamp));

describe("paging", () => {
	test("older pages via after, then newer via before, give every entry once, newest first", async () => {
		const { emu, p } = await start();
		pushMany(emu, p, 140);
		const all = emu.history(p);
		expect(all.length).toBe(140 + 120);
		const times = all.map(timeOf);
		expect(times).toEqual([...times].sort((a, b) => b - a));

		const older = await walkPages(emu, p, { ...window, limit: 7 }, "older");
		expect(older.pages.length).toBe(Math.ceil(all.length / 7));
		expect(older.pages.flat()).toEqual(all);

		const newer = await walkPages(emu, p, { ...window, limit: 7 }, "newer", older.last.start_cursor!);
		// The walk back starts from the oldest page's start cursor, so that page is not repeated.
		const back = newer.pages.reverse().flat();
		expect([...back, ...older.pages.at(-1)!]).toEqual(all);
	});

	test("entries pushed between pages do not shift the pages already walked", async () => {
		const { emu, p } = await start();
		pushMany(emu, p, 30);
		const first = await queryHistory(emu, p, { ...window, limit: 10 });
		emu.push(p, { uuid: "late", timestamp: at(999_000), request: null, logs: [], exceptions: [] });
		emu.push(p, {
			uuid: "newest",
			timestamp: at(999_000),
			request: { method: "GET", url: "/new", status_code: 200 },
			logs: [],
			exceptions: [],
		});
		const second = await queryHistory(emu, p, {
			...window,
			limit: 10,
			after: first.body.meta!.cursor_pagination.end_cursor!,
		});
		const all = emu.history(p);
		expect(all[0]!.messages).toEqual(["GET /new"]);
		expect([...first.body.data!, ...second.body.data!]).toEqual(all.slice(1, 21));
		const previous = await queryHistory(emu, p, {
			...window,
			limit: 10,
			before: first.body.meta!.cursor_pagination.start_cursor!,
		});
		expect(previous.body.data).toEqual([all[0]]);
		expect(previous.body.meta!.cursor_pagination.has_prev_page).toBe(false);
	});

	test("a cursor used with another window or other filters is a 400 with a v3 body", async () => {
		const { emu, p } = await start();
		pushMany(emu, p, 20);
		const first = await queryHistory(emu, p, { ...window, limit: 5 });
		const cursor = first.body.meta!.cursor_pagination.end_cursor!;
		expect((await queryHistory(emu, p, { ...window, limit: 9, after: cursor })).status).toBe(200);
		const others: Record<string, string>[] = [
			{ ...window, after: cursor, entry_type: "log" },
			{ ...window, after: cursor, method: "GET" },
			{ ...window, after: cursor, "level:min": "warn" },
			{ ...window, after: cursor, "url:like": "/en" },
			{ ...window, after: cursor, status_code: "200" },
			{ ...window, start: at(-1), after: cursor },
			{ ...window, before: "bm90LWEtY3Vyc29y" },
			{ ...window, after: "%%%" },
		];
		for (const params of others) {
			const reply = await queryHistory(emu, p, params);
			expect(reply.status).toBe(400);
			expect(reply.body.title).toBe("Invalid cursor");
			expect(reply.body.type).toMatch(/^https:\/\/developer\.bigcommerce\.com\//);
			expect(Object.keys(reply.body.errors!)).toEqual([params.before ? "before" : "after"]);
		}
	});

	test("the cursor is opaque base64url", async () => {
		const { emu, p } = await start();
		pushMany(emu, p, 3);
		const { start_cursor } = (await queryHistory(emu, p, window)).body.meta!.cursor_pagination;
		expect(start_cursor).toMatch(/^[A-Za-z0-9_-]+$/);
	});
});

describe("pagination forms", () => {
	async function pages(pagination: EmulatorOptions["historyPagination"]) {
		const { emu, p } = await start(pagination ? { historyPagination: pagination } : {});
		pushMany(emu, p, 10);
		const first = (await queryHistory(emu, p, { ...window, limit: 5 })).body.meta!.cursor_pagination;
		const middle = (await queryHistory(emu, p, { ...window, limit: 5, after: first.end_cursor! })).body.meta!
			.cursor_pagination;
		const last = (await queryHistory(emu, p, { ...window, limit: 50, after: middle.end_cursor! })).body.meta!
			.cursor_pagination;
		return { first, middle, last };
	}

	test("both (the default): flags and links", async () => {
		const { first, middle, last } = await pages(undefined);
		expect(first).toMatchObject({ has_next_page: true, has_prev_page: false });
		expect(first.links).toEqual({ next: `?after=${first.end_cursor}` });
		expect(middle).toMatchObject({ has_next_page: true, has_prev_page: true });
		expect(middle.links).toEqual({
			next: `?after=${middle.end_cursor}`,
			previous: `?before=${middle.start_cursor}`,
		});
		expect(last).toMatchObject({ has_next_page: false, has_prev_page: true });
		expect(last.links).toEqual({ previous: `?before=${last.start_cursor}` });
	});

	test("links only", async () => {
		const { first, middle, last } = await pages("links");
		for (const page of [first, middle, last]) {
			expect(page).not.toHaveProperty("has_next_page");
			expect(page).not.toHaveProperty("has_prev_page");
		}
		expect(Object.keys(first.links!)).toEqual(["next"]);
		expect(Object.keys(middle.links!).sort()).toEqual(["next", "previous"]);
		expect(Object.keys(last.links!)).toEqual(["previous"]);
	});

	test("flags only", async () => {
		const { first, middle, last } = await pages("flags");
		for (const page of [first, middle, last]) expect(page).not.toHaveProperty("links");
		expect([first.has_next_page, first.has_prev_page]).toEqual([true, false]);
		expect([middle.has_next_page, middle.has_prev_page]).toEqual([true, true]);
		expect([last.has_next_page, last.has_prev_page]).toEqual([false, true]);
	});

	test("an empty result has null cursors and no pages either way", async () => {
		const { emu, p } = await start();
		const pagination = (await queryHistory(emu, p, window)).body.meta!.cursor_pagination;
		expect(pagination).toEqual({
			start_cursor: null,
			end_cursor: null,
			has_next_page: false,
			has_prev_page: false,
			links: {},
		});
	});
});

describe("filters and window", () => {
	async function data(params: Record<string, string>): Promise<HistoryEntry[]> {
		const reply = await queryHistory(emulator!, emulator!.projects[0]!.uuid, {
			...window,
			limit: 500,
			...params,
		});
		expect(reply.status).toBe(200);
		return reply.body.data!;
	}

	test("each filter selects what it says, and only that", async () => {
		const { emu, p } = await start();
		pushMany(emu, p, 40);
		emu.push(p, {
			uuid: "cart",
			timestamp: at(500),
			request: { method: "GET", url: "https://store.example.com/en/cart", status_code: 500 },
			logs: [],
			exceptions: [{ timestamp: at(500), name: "TypeError", message: "boom" }],
		});
		const all = await data({});
		expect(all).toHaveLength(emu.history(p).length);

		const requests = await data({ entry_type: "request" });
		expect(requests.length).toBeGreaterThan(0);
		expect(requests.every((e) => e.entry_type === "request")).toBe(true);
		const logs = await data({ entry_type: "log" });
		expect(logs.length + requests.length).toBe(all.length);
		expect(logs.every((e) => e.entry_type === "log")).toBe(true);

		const gets = await data({ method: "get" });
		expect(gets).toEqual(all.filter((e) => e.request?.method === "GET"));
		expect(gets.length).toBeGreaterThan(0);
		expect(await data({ method: "GeT" })).toEqual(gets);

		expect(await data({ status_code: "500" })).toEqual(all.filter((e) => e.request?.status_code === 500));
		expect((await data({ status_code: "500" })).length).toBe(2);

		// Same timestamp: ties are newest first by the order they were recorded, so oldest first
		// reads request row, then exception.
		expect((await data({ "url:like": "/cart" })).map((e) => e.messages[0])).toEqual([
			"TypeError: boom",
			"GET https://store.example.com/en/cart",
		]);
		expect(await data({ "url:like": "/CART" })).toEqual([]);
		expect(await data({ "url:like": "/en/p/1" })).toEqual(
			all.filter((e) => String(e.request?.url ?? "").includes("/en/p/1")),
		);
	});

	test("level:min: debug < info < warn < error, and 'log' counts as info", async () => {
		const { emu, p } = await start();
		pushMany(emu, p, 25);
		const levels = async (min: string) => new Set((await data({ "level:min": min })).map((e) => e.level));
		expect(await levels("debug")).toEqual(new Set(["debug", "info", "warn", "error", "log"]));
		expect(await levels("info")).toEqual(new Set(["info", "warn", "error", "log"]));
		expect(await levels("warn")).toEqual(new Set(["warn", "error"]));
		expect(await levels("error")).toEqual(new Set(["error"]));
	});

	test("filters combine, and the window bounds are inclusive", async () => {
		const { emu, p } = await start();
		pushMany(emu, p, 20);
		const combined = await data({ entry_type: "log", "level:min": "warn", method: "POST" });
		expect(combined.length).toBeGreaterThan(0);
		for (const entry of combined) {
			expect(entry.entry_type).toBe("log");
			expect(["warn", "error"]).toContain(entry.level);
			expect(entry.request?.method).toBe("POST");
		}
		const inWindow = await data({ start: at(3000), end: at(5000) });
		const times = inWindow.map(timeOf);
		expect(Math.max(...times)).toBe(base + 5000);
		expect(Math.min(...times)).toBe(base + 3000);
		expect(inWindow).toEqual(
			emu.history(p).filter((e) => timeOf(e) >= base + 3000 && timeOf(e) <= base + 5000),
		);
	});
});
