import { afterEach, expect, test } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import type { ProjectInfo } from "../../source/model/types.js";

let emulator: Emulator | undefined;
afterEach(async () => {
	await emulator?.close();
	emulator = undefined;
});

const projects: ProjectInfo[] = [
	"alpha-shop",
	"beta-shop",
	"gamma-outlet",
	"delta-shop",
	"epsilon-outlet",
].map((name, index) => ({
	uuid: `019500e2-933d-7057-8e81-${String(index).padStart(12, "0")}`,
	name,
	hostnames: [`${name}.example`],
}));

interface Page {
	data: {
		uuid: string;
		name: string;
		date_created: string;
		date_modified: string;
		deployment_hostnames: string[];
	}[];
	meta: {
		cursor_pagination: {
			count: number;
			per_page: number;
			start_cursor: string | null;
			end_cursor: string | null;
			links: { previous: string | null; next: string | null };
		};
	};
}

async function get(emu: Emulator, query: string, token: string = emu.token): Promise<Response> {
	return fetch(`${emu.origin}/stores/${emu.storeHash}/v3/infrastructure/projects${query}`, {
		headers: { "X-Auth-Token": token },
	});
}

test("following links.next walks every project once, in order", async () => {
	emulator = await createEmulator({ rate: 0, projects });
	const seen: string[] = [];
	let query: string | null = "?limit=2";
	let pages = 0;
	while (query !== null) {
		const response = await get(emulator, query);
		expect(response.status).toBe(200);
		const page = (await response.json()) as Page;
		const pagination = page.meta.cursor_pagination;
		expect(pagination.count).toBe(page.data.length);
		expect(pagination.per_page).toBe(2);
		seen.push(...page.data.map((project) => project.name));
		query = pagination.links.next;
		if (query !== null) expect(query).toMatch(/^\?limit=2&after=[^&]+$/);
		pages += 1;
	}
	expect(seen).toEqual(projects.map((project) => project.name));
	expect(pages).toBe(3);
});

test("a page carries the project fields and cursors; previous walks back", async () => {
	emulator = await createEmulator({ rate: 0, projects });
	const first = (await (await get(emulator, "?limit=2")).json()) as Page;
	expect(first.meta.cursor_pagination.links.previous).toBeNull();
	const entry = first.data[0]!;
	expect(entry.uuid).toBe(projects[0]!.uuid);
	expect(entry.deployment_hostnames).toEqual(["alpha-shop.example"]);
	expect(Number.isNaN(Date.parse(entry.date_created))).toBe(false);
	expect(Date.parse(entry.date_modified)).toBeGreaterThanOrEqual(Date.parse(entry.date_created));
	const second = (await (await get(emulator, first.meta.cursor_pagination.links.next!)).json()) as Page;
	expect(second.data.map((p) => p.name)).toEqual(["gamma-outlet", "delta-shop"]);
	expect(second.meta.cursor_pagination.start_cursor).not.toBe(first.meta.cursor_pagination.end_cursor);
	const back = (await (await get(emulator, second.meta.cursor_pagination.links.previous!)).json()) as Page;
	expect(back.data.map((p) => p.name)).toEqual(["alpha-shop", "beta-shop"]);
});

test("name:like filters by substring, and its links keep the filter", async () => {
	emulator = await createEmulator({ rate: 0, projects });
	const first = (await (await get(emulator, "?limit=1&name:like=outlet")).json()) as Page;
	expect(first.data.map((p) => p.name)).toEqual(["gamma-outlet"]);
	const next = first.meta.cursor_pagination.links.next;
	expect(next).toContain("name:like=outlet");
	const second = (await (await get(emulator, next!)).json()) as Page;
	expect(second.data.map((p) => p.name)).toEqual(["epsilon-outlet"]);
	expect(second.meta.cursor_pagination.links.next).toBeNull();
	const none = (await (await get(emulator, "?name:like=zzz")).json()) as Page;
	expect(none.data).toEqual([]);
	expect(none.meta.cursor_pagination).toMatchObject({ count: 0, start_cursor: null, end_cursor: null });
});

test("without a limit, all demo projects come in one page", async () => {
	emulator = await createEmulator({ rate: 0 });
	const page = (await (await get(emulator, "")).json()) as Page;
	expect(page.data.map((p) => p.uuid)).toEqual(emulator.projects.map((p) => p.uuid));
	expect(page.meta.cursor_pagination.links.next).toBeNull();
});

test("the listing needs the token, the right store, and a sane limit", async () => {
	emulator = await createEmulator({ rate: 0, projects });
	const unauthorized = await get(emulator, "?limit=2", "wrong");
	expect(unauthorized.status).toBe(401);
	expect(await unauthorized.json()).toMatchObject({ status: 401, errors: {} });
	const otherStore = await fetch(`${emulator.origin}/stores/zzz/v3/infrastructure/projects`, {
		headers: { "X-Auth-Token": emulator.token },
	});
	expect(otherStore.status).toBe(404);
	await otherStore.body?.cancel();
	for (const query of ["?limit=0", "?limit=abc", "?after=%%%bad"]) {
		const response = await get(emulator, query);
		expect(response.status, query).toBe(400);
		expect(await response.json()).toMatchObject({ status: 400 });
	}
});
