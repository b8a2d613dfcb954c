import { afterEach, describe, expect, test } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { openTail, tailUrl } from "./sse-client.js";

const errorType = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes";

let emulator: Emulator | undefined;
afterEach(async () => {
	await emulator?.close();
	emulator = undefined;
});

async function start(): Promise<Emulator> {
	emulator = await createEmulator({ rate: 0, keepAliveMs: 50, streamEndMs: 300 });
	return emulator;
}

describe("tail endpoint", () => {
	test("a valid request opens an event stream", async () => {
		const emu = await start();
		const tail = await openTail(emu, emu.projects[0]!.uuid);
		expect(tail.response.status).toBe(200);
		expect(tail.response.headers.get("content-type")).toBe("text/event-stream");
		expect(tail.response.headers.get("cache-control")).toBe("no-cache");
		tail.abort();
	});

	test.each([
		["missing", null],
		["wrong", "not-the-token"],
	])("a %s token gets 401 with a BigCommerce error body", async (_case, token) => {
		const emu = await start();
		const tail = await openTail(emu, emu.projects[0]!.uuid, { token });
		expect(tail.response.status).toBe(401);
		expect(tail.response.headers.get("content-type")).toBe("application/json");
		const body = (await tail.json()) as { title: string };
		expect(body).toEqual({ status: 401, title: expect.any(String), type: errorType, errors: {} });
		expect(body.title.length).toBeGreaterThan(0);
	});

	test("a wrong store hash gets 404", async () => {
		const emu = await start();
		const tail = await openTail(emu, emu.projects[0]!.uuid, { storeHash: "other999" });
		expect(tail.response.status).toBe(404);
		expect(await tail.json()).toMatchObject({ status: 404, type: errorType });
	});

	test("a project that is not a uuid gets 400 with the API's title", async () => {
		const emu = await start();
		const tail = await openTail(emu, "not-a-uuid");
		expect(tail.response.status).toBe(400);
		expect(await tail.json()).toEqual({
			status: 400,
			title: ":projectUuid should be valid UUID.",
			type: errorType,
			errors: {},
		});
	});

	test("an unknown project gets 404", async () => {
		const emu = await start();
		const tail = await openTail(emu, "11111111-2222-4333-8444-555555555555");
		expect(tail.response.status).toBe(404);
		expect(await tail.json()).toMatchObject({ status: 404, type: errorType, errors: {} });
	});

	test("setToken revokes the old token for new requests", async () => {
		const emu = await start();
		const project = emu.projects[1]!.uuid;
		const old = emu.token;
		emu.setToken("rotated-token");
		expect(emu.token).toBe("rotated-token");
		expect((await openTail(emu, project, { token: old })).response.status).toBe(401);
		const tail = await openTail(emu, project, { token: "rotated-token" });
		expect(tail.response.status).toBe(200);
		tail.abort();
	});

	test("requests() counts every stream request of a project, whatever its status", async () => {
		const emu = await start();
		const project = emu.projects[0]!.uuid;
		const other = emu.projects[1]!.uuid;
		await (await openTail(emu, project, { token: "bad" })).done;
		await (await openTail(emu, project, { storeHash: "nope" })).done;
		const ok = await openTail(emu, project);
		ok.abort();
		expect(emu.requests(project)).toBe(3);
		expect(emu.requests(other)).toBe(0);
		expect(emu.requests("not-a-uuid")).toBe(0);
	});

	test("an upper-case project uuid is the same project", async () => {
		const emu = await start();
		const project = emu.projects[0]!.uuid;
		const tail = await openTail(emu, project.toUpperCase());
		expect(tail.response.status).toBe(200);
		expect(emu.push(project, { uuid: "u" })).toBe(1);
		expect(emu.requests(project)).toBe(1);
		tail.abort();
	});

	test("other paths get a 404 error body and other methods 405", async () => {
		const emu = await start();
		const notFound = await fetch(`${emu.origin}/stores/${emu.storeHash}/v3/catalog/products`, {
			headers: { "X-Auth-Token": emu.token },
		});
		expect(notFound.status).toBe(404);
		expect(await notFound.json()).toMatchObject({ status: 404, type: errorType });
		const post = await fetch(tailUrl(emu, emu.projects[0]!.uuid), {
			method: "POST",
			headers: { "X-Auth-Token": emu.token },
		});
		expect(post.status).toBe(405);
		await post.body?.cancel();
	});
});

describe("listening", () => {
	test("refuses a non-loopback host", async () => {
		await expect(createEmulator({ host: "0.0.0.0" })).rejects.toThrow(/loopback/);
		await expect(createEmulator({ host: "192.168.1.10" })).rejects.toThrow(/loopback/);
	});

	test("origin and port describe where it listens, on 127.0.0.1 by default", async () => {
		const emu = await start();
		expect(emu.origin).toBe(`http://127.0.0.1:${emu.port}`);
		expect(emu.port).toBeGreaterThan(0);
	});

	test("uses the given store hash, token and projects", async () => {
		emulator = await createEmulator({
			rate: 0,
			storeHash: "abc123",
			token: "secret-token",
			projects: [{ uuid: "019500e2-933d-7057-8e81-090dd7240795", name: "mine", hostnames: ["mine.example"] }],
		});
		expect(emulator.storeHash).toBe("abc123");
		expect(emulator.token).toBe("secret-token");
		const tail = await openTail(emulator, "019500e2-933d-7057-8e81-090dd7240795");
		expect(tail.response.status).toBe(200);
		tail.abort();
	});

	test("the default projects are three demo projects with stable uuids and hostnames", async () => {
		const first = await start();
		const again = await createEmulator({ rate: 0 });
		try {
			expect(first.projects).toHaveLength(3);
			expect(again.projects).toEqual(first.projects);
			expect(new Set(first.projects.map((p) => p.uuid)).size).toBe(3);
			for (const project of first.projects) expect(project.hostnames.length).toBeGreaterThan(0);
			expect(first.projects.map((p) => p.name)).toContain("catalyst-production");
		} finally {
			await again.close();
		}
	});
});
