import { afterEach, describe, expect, test } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { eventsOf, openTail, type TailReader, until, uuidsOf } from "./sse-client.js";

let emulator: Emulator | undefined;
afterEach(async () => {
	await emulator?.close();
	emulator = undefined;
});

async function start(streamEndMs = 300): Promise<{ emu: Emulator; p: string; q: string }> {
	emulator = await createEmulator({ rate: 0, keepAliveMs: 50, streamEndMs });
	return { emu: emulator, p: emulator.projects[0]!.uuid, q: emulator.projects[1]!.uuid };
}

const keepAliveCount = (tail: TailReader) => tail.comments.filter((c) => c.trim() === "keep-alive").length;

/** Opens a normal stream and checks it works: the fault is used up. */
async function expectHealthy(emu: Emulator, project: string): Promise<void> {
	const tail = await openTail(emu, project);
	expect(tail.response.status).toBe(200);
	const uuid = `healthy-${Math.random()}`;
	expect(emu.push(project, { uuid })).toBe(1);
	await until(() => expect(uuidsOf(tail)).toContain(uuid));
	tail.abort();
	await tail.done;
}

describe("faults", () => {
	test("torn: half an event frame, then the connection is destroyed; nothing is recorded as sent", async () => {
		const { emu, p } = await start(30_000);
		emu.fault(p, { fault: { kind: "torn" } });
		const tail = await openTail(emu, p);
		expect(tail.response.status).toBe(200);
		// Nothing may follow the half frame, even before the socket is gone.
		expect(emu.push(p, { uuid: "after-tear" })).toBe(0);
		await tail.done;
		expect(tail.ended).toBe(false);
		expect(tail.error).toBeDefined();
		expect(tail.raw).toContain("data: {");
		expect(tail.raw.endsWith("\n\n")).toBe(false);
		expect(eventsOf(tail)).toHaveLength(0);
		expect(emu.sent(p)).toEqual([]);
		await expectHealthy(emu, p);
	});

	test("reset: the socket is destroyed before any response", async () => {
		const { emu, p } = await start();
		emu.fault(p, { fault: { kind: "reset" } });
		await expect(openTail(emu, p)).rejects.toThrow();
		expect(emu.requests(p)).toBe(1);
		await expectHealthy(emu, p);
	});

	test("status: 429 with rate-limit headers and a BigCommerce error body", async () => {
		const { emu, p } = await start();
		emu.fault(p, {
			fault: { kind: "status", status: 429, headers: { "X-Rate-Limit-Time-Reset-Ms": "1500" } },
		});
		const tail = await openTail(emu, p);
		expect(tail.response.status).toBe(429);
		expect(tail.response.headers.get("x-rate-limit-time-reset-ms")).toBe("1500");
		expect(await tail.json()).toMatchObject({ status: 429, title: "Too Many Requests", errors: {} });
		await expectHealthy(emu, p);
	});

	test.each([500, 502, 503])(
		"status: %i with Retry-After, a default body, or a custom body",
		async (status) => {
			const { emu, p } = await start();
			emu.fault(p, { fault: { kind: "status", status, headers: { "Retry-After": "2" } } });
			emu.fault(p, {
				fault: { kind: "status", status, headers: { "content-type": "text/html" }, body: "<h1>down</h1>" },
			});
			const first = await openTail(emu, p);
			expect(first.response.status).toBe(status);
			expect(first.response.headers.get("retry-after")).toBe("2");
			expect(await first.json()).toMatchObject({ status, type: expect.stringContaining("bigcommerce") });
			const second = await openTail(emu, p);
			expect(second.response.status).toBe(status);
			expect(second.response.headers.get("content-type")).toBe("text/html");
			await second.done;
			expect(second.raw).toBe("<h1>down</h1>");
			await expectHealthy(emu, p);
		},
	);

	test("stall: headers, then silence (no keep-alive, no end) until close()", async () => {
		const { emu, p, q } = await start(300);
		emu.fault(p, { fault: { kind: "stall" } });
		const stalled = await openTail(emu, p);
		expect(stalled.response.status).toBe(200);
		// A healthy stream opened after it, as the clock: it gets keep-alives and is ended.
		const reference = await openTail(emu, q);
		await reference.done;
		expect(reference.ended).toBe(true);
		expect(keepAliveCount(reference)).toBeGreaterThanOrEqual(1);
		expect(stalled.raw).toBe("");
		expect(stalled.ended).toBe(false);
		expect(emu.openStreams(p)).toBe(1);
		expect(emu.push(p, { uuid: "x" })).toBe(0);
		emu.endStreams();
		expect(emu.openStreams(p)).toBe(1);
		await emu.close();
		await stalled.done;
		expect(stalled.error).toBeDefined();
		expect(stalled.raw).toBe("");
	});

	test("no-headers: the request is accepted and never answered", async () => {
		const { emu, p, q } = await start(300);
		emu.fault(p, { fault: { kind: "no-headers" } });
		const controller = new AbortController();
		let settled = false;
		const pending = openTail(emu, p, { signal: controller.signal }).finally(() => {
			settled = true;
		});
		await until(() => expect(emu.requests(p)).toBe(1));
		const reference = await openTail(emu, q);
		await reference.done;
		expect(reference.ended).toBe(true);
		expect(settled).toBe(false);
		expect(emu.openStreams(p)).toBe(1);
		controller.abort();
		await expect(pending).rejects.toThrow();
		await until(() => expect(emu.openStreams(p)).toBe(0));
		await expectHealthy(emu, p);
	});

	test("keepalive-only: keep-alives but no events, while another stream of the project gets them", async () => {
		const { emu, p } = await start(30_000);
		emu.fault(p, { fault: { kind: "keepalive-only" } });
		const quiet = await openTail(emu, p);
		const normal = await openTail(emu, p);
		expect(emu.openStreams(p)).toBe(2);
		expect(emu.push(p, { uuid: "only-normal" })).toBe(1);
		expect(emu.pushRaw(p, ": raw comment\n\n")).toBe(1);
		await until(() => expect(uuidsOf(normal)).toEqual(["only-normal"]));
		await until(() => expect(keepAliveCount(quiet)).toBeGreaterThanOrEqual(3));
		expect(quiet.events).toHaveLength(0);
		expect(quiet.comments.every((c) => c.trim() === "keep-alive")).toBe(true);
		emu.endStreams(p);
		await quiet.done;
		expect(quiet.ended).toBe(true);
	});

	test("replay: the last N events of the previous stream come again first, then new ones", async () => {
		const { emu, p } = await start(30_000);
		const first = await openTail(emu, p);
		for (let i = 1; i <= 5; i++) expect(emu.push(p, { uuid: `e${i}` })).toBe(1);
		await until(() => expect(uuidsOf(first)).toHaveLength(5));
		emu.endStreams(p);
		await first.done;

		emu.fault(p, { fault: { kind: "replay", count: 3 } });
		const second = await openTail(emu, p);
		await until(() => expect(uuidsOf(second)).toEqual(["e3", "e4", "e5"]));
		emu.push(p, { uuid: "e6" });
		await until(() => expect(uuidsOf(second)).toEqual(["e3", "e4", "e5", "e6"]));
		emu.endStreams(p);
		await second.done;

		// Without a count, everything the previous stream sent.
		emu.fault(p, { fault: { kind: "replay" } });
		const third = await openTail(emu, p);
		await until(() => expect(uuidsOf(third)).toEqual(["e3", "e4", "e5", "e6"]));
		// sent() lists each uuid once, in first-write order.
		expect(emu.sent(p)).toEqual(["e1", "e2", "e3", "e4", "e5", "e6"]);
		third.abort();
	});

	test("rules apply per request in the order added; '*' matches every project; times counts down", async () => {
		const { emu, p, q } = await start();
		emu.fault("*", { fault: { kind: "status", status: 503 }, times: 2 });
		emu.fault(p, { fault: { kind: "status", status: 500 } });
		expect((await openTail(emu, p)).response.status).toBe(503);
		expect((await openTail(emu, q)).response.status).toBe(503);
		expect((await openTail(emu, p)).response.status).toBe(500);
		expect((await openTail(emu, q)).response.status).toBe(200);
		await expectHealthy(emu, p);
	});

	test("status: 204 goes out without a body", async () => {
		const { emu, p } = await start();
		emu.fault(p, { fault: { kind: "status", status: 204 } });
		const tail = await openTail(emu, p);
		expect(tail.response.status).toBe(204);
		await tail.done;
		expect(tail.raw).toBe("");
		await expectHealthy(emu, p);
	});

	test("times: Infinity lasts until clearFaults", async () => {
		const { emu, p } = await start();
		emu.fault(p, { fault: { kind: "status", status: 502 }, times: Number.POSITIVE_INFINITY });
		for (let i = 0; i < 4; i++) expect((await openTail(emu, p)).response.status).toBe(502);
		emu.clearFaults();
		await expectHealthy(emu, p);
	});

	test("clearFaults(project) removes that project's faults only", async () => {
		const { emu, p, q } = await start();
		const forever = Number.POSITIVE_INFINITY;
		emu.fault(p, { fault: { kind: "status", status: 502 }, times: forever });
		emu.fault(q, { fault: { kind: "status", status: 503 }, times: forever });
		emu.clearFaults(p);
		await expectHealthy(emu, p);
		expect((await openTail(emu, q)).response.status).toBe(503);
	});

	test("end-early after an event: the stream ends cleanly right after its first event frame", async () => {
		// A 30 s stream life: only the fault can end it this soon.
		const { emu, p } = await start(30_000);
		emu.fault(p, { fault: { kind: "end-early", after: "event" } });
		const tail = await openTail(emu, p);
		expect(emu.push(p, { uuid: "first" })).toBe(1);
		expect(emu.push(p, { uuid: "second" })).toBe(0);
		await tail.done;
		expect(tail.ended).toBe(true);
		expect(uuidsOf(tail)).toEqual(["first"]);
		expect(emu.sent(p)).toEqual(["first"]);
		await expectHealthy(emu, p);
	});

	test("end-early after a keep-alive: one keep-alive, no events, then a clean end", async () => {
		const { emu, p } = await start(30_000);
		emu.fault(p, { fault: { kind: "end-early", after: "keep-alive" } });
		const tail = await openTail(emu, p);
		expect(emu.push(p, { uuid: "not-carried" })).toBe(0);
		await tail.done;
		expect(tail.ended).toBe(true);
		expect(keepAliveCount(tail)).toBe(1);
		expect(tail.events).toHaveLength(0);
		await expectHealthy(emu, p);
	});

	test("faults apply only to requests that would have succeeded", async () => {
		const { emu, p } = await start();
		emu.fault(p, { fault: { kind: "status", status: 503 } });
		expect((await openTail(emu, p, { token: "wrong" })).response.status).toBe(401);
		expect((await openTail(emu, p)).response.status).toBe(503);
	});
});
