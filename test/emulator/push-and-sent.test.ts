import { afterEach, expect, test } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import { createTrafficGenerator } from "../../source/emulator/traffic.js";
import type { Emulator } from "../../source/emulator/types.js";
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

test("push with no open stream reaches nobody and records nothing", async () => {
	const { emu, p } = await start();
	expect(emu.push(p, { uuid: "lost" })).toBe(0);
	expect(emu.sent(p)).toEqual([]);
	expect(emu.openStreams()).toBe(0);
});

test("push reaches every open stream of the project, and only that project; sent lists it once", async () => {
	const { emu, p, q } = await start();
	const a = await openTail(emu, p);
	const b = await openTail(emu, p);
	const other = await openTail(emu, q);
	expect(emu.openStreams(p)).toBe(2);
	expect(emu.openStreams()).toBe(3);
	expect(emu.push(p, { uuid: "u1", logs: [] })).toBe(2);
	expect(emu.push(p, { uuid: "u2" })).toBe(2);
	await until(() => expect(uuidsOf(a)).toEqual(["u1", "u2"]));
	await until(() => expect(uuidsOf(b)).toEqual(["u1", "u2"]));
	expect(emu.sent(p)).toEqual(["u1", "u2"]);
	expect(emu.sent(q)).toEqual([]);
	emu.endStreams();
	await other.done;
	expect(uuidsOf(other)).toEqual([]);
});

test("raw data strings: JSON with a uuid is recorded, anything else is delivered but not recorded", async () => {
	const { emu, p } = await start();
	const tail = await openTail(emu, p);
	expect(emu.push(p, '{"uuid":"from-string"}')).toBe(1);
	expect(emu.push(p, "not json {")).toBe(1);
	expect(emu.push(p, { no: "uuid" })).toBe(1);
	expect(emu.push(p, { uuid: 17 })).toBe(1);
	await until(() => expect(tail.events).toHaveLength(4));
	expect(tail.events.map((e) => e.data)).toEqual([
		'{"uuid":"from-string"}',
		"not json {",
		'{"no":"uuid"}',
		'{"uuid":17}',
	]);
	expect(emu.sent(p)).toEqual(["from-string"]);
});

test("pushRaw writes bytes as they are, strings or Uint8Array", async () => {
	const { emu, p, q } = await start();
	const tail = await openTail(emu, p);
	expect(emu.pushRaw(p, 'data: {"uuid":"r1"}\r\n')).toBe(1);
	expect(emu.pushRaw(p, new TextEncoder().encode("\r\n: hello\n\n"))).toBe(1);
	expect(emu.pushRaw(q, "data: x\n\n")).toBe(0);
	await until(() => expect(tail.comments.map((c) => c.trim())).toContain("hello"));
	expect(uuidsOf(tail)).toEqual(["r1"]);
	expect(tail.raw).toContain('data: {"uuid":"r1"}\r\n\r\n: hello\n\n');
	// Raw bytes are not bookkept: the test that writes them knows what they are.
	expect(emu.sent(p)).toEqual([]);
});

test("openStreams drops when a client goes away", async () => {
	const { emu, p } = await start();
	const tail = await openTail(emu, p);
	expect(emu.openStreams(p)).toBe(1);
	tail.abort();
	await tail.done;
	await until(() => expect(emu.openStreams(p)).toBe(0));
	expect(emu.push(p, { uuid: "after" })).toBe(0);
	expect(emu.sent(p)).toEqual([]);
});

test("generated events are lost while no stream is open, as with the real API", async () => {
	emulator = await createEmulator({ rate: 300, keepAliveMs: 50, streamEndMs: 30_000, seed: 9 });
	const [first, second] = emulator.projects as [(typeof emulator.projects)[0], (typeof emulator.projects)[0]];
	// While this stream fills up, the second project generates as much with nobody listening.
	const clock = await openTail(emulator, first!.uuid);
	await until(() => expect(uuidsOf(clock).length).toBeGreaterThanOrEqual(40));
	const tail = await openTail(emulator, second!.uuid);
	await until(() => expect(uuidsOf(tail).length).toBeGreaterThanOrEqual(5));
	emulator.endStreams();
	await tail.done;

	const generator = createTrafficGenerator(9, second!.uuid, { hostnames: second!.hostnames });
	const expected = Array.from({ length: 20_000 }, () => String(generator.next(0).uuid));
	const received = uuidsOf(tail);
	const offset = expected.indexOf(received[0]!);
	expect(offset).toBeGreaterThan(0);
	expect(received).toEqual(expected.slice(offset, offset + received.length));
	expect(emulator.sent(second!.uuid)).toEqual(received);
});
