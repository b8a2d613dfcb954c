/**
 * The stream client against the emulator over real loopback HTTP: delivery (exactly once across
 * routine stream ends and replays), framing variants, splits on the wire.
 */
import { describe, expect, it, vi } from "vitest";
import { client, emulator, expectNoToken, projectOf, statusWhere } from "./harness.js";
import { makeEvent, RecordingSink } from "./recording-sink.js";

describe("delivery", () => {
	it("shows every event exactly once across at least 5 routine stream ends, with no gap", async () => {
		const emu = await emulator({ streamEndMs: 150 });
		const project = projectOf(emu);
		const sink = new RecordingSink();
		const tail = client(emu, project, sink);
		await statusWhere(sink, project, (status) => status.phase === "live");
		// Push continuously while streams end and reopen underneath.
		const pusher = setInterval(() => emu.push(project, makeEvent(project)), 3);
		try {
			await vi.waitFor(() => expect(tail.status.counters.connections).toBeGreaterThanOrEqual(7), {
				timeout: 15_000,
			});
		} finally {
			clearInterval(pusher);
		}
		const sent = emu.sent(project);
		expect(sent.length).toBeGreaterThan(50);
		await vi.waitFor(() => expect(sink.uuids(project).length).toBe(sent.length));
		expect(sink.uuids(project)).toEqual(sent);
		expect(sink.gaps).toEqual([]);
		expect(sink.skips).toEqual([]);
		const status = tail.status;
		expect(status.phase).toBe("live");
		expect(status.counters.reconnects).toBe(status.counters.connections - 1);
		expect(status.counters.events).toBe(sent.length);
		expect(status.counters.duplicates).toBe(0);
		// Routine ends are silent: never reported as reconnecting.
		expect(sink.statusesOf(project).some((s) => s.phase === "reconnecting")).toBe(false);
		expectNoToken(sink, emu.token);
	});

	it("shows replayed events once and counts the duplicates", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		const sink = new RecordingSink();
		const tail = client(emu, project, sink);
		await statusWhere(sink, project, (status) => status.phase === "live");
		for (let i = 0; i < 10; i++) expect(emu.push(project, makeEvent(project))).toBe(1);
		await vi.waitFor(() => expect(sink.uuids(project)).toHaveLength(10));
		emu.fault(project, { fault: { kind: "replay", count: 6 } });
		emu.endStreams(project);
		await vi.waitFor(() => expect(tail.status.counters.duplicates).toBe(6));
		expect(emu.push(project, makeEvent(project))).toBe(1);
		await vi.waitFor(() => expect(sink.uuids(project)).toHaveLength(11));
		expect(sink.uuids(project)).toEqual(emu.sent(project));
		expect(new Set(sink.uuids(project)).size).toBe(11);
		expect(tail.status.counters.connections).toBe(2);
	});

	it("forgets uuids beyond the dedup window (bounded memory)", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		const sink = new RecordingSink();
		const tail = client(emu, project, sink, { dedupWindow: 3 });
		await statusWhere(sink, project, (status) => status.phase === "live");
		const first = makeEvent(project);
		emu.push(project, first);
		for (let i = 0; i < 3; i++) emu.push(project, makeEvent(project));
		// The first uuid has left the window of 3: shown again. The latest is still in it: dropped.
		emu.push(project, first);
		emu.push(project, makeEvent(project, "last"));
		await vi.waitFor(() => expect(sink.uuids(project)).toHaveLength(6));
		expect(sink.uuids(project)[4]).toBe(first.uuid);
		const last = sink.uuids(project)[5] ?? "";
		emu.push(project, { ...makeEvent(project), uuid: last });
		emu.push(project, makeEvent(project, "after"));
		await vi.waitFor(() => expect(sink.uuids(project)).toHaveLength(7));
		expect(tail.status.counters.duplicates).toBe(1);
	});

	it("skips data that is not JSON or not an event, and counts each cause", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		const sink = new RecordingSink();
		const tail = client(emu, project, sink);
		await statusWhere(sink, project, (status) => status.phase === "live");
		emu.push(project, "{not json");
		emu.push(project, JSON.stringify({ no: "uuid" }));
		emu.push(project, "[1,2]");
		// Another event type with non-JSON data is none of our business: not counted.
		emu.pushRaw(project, "event: ping\ndata: hello\n\n");
		const good = makeEvent(project);
		emu.push(project, good);
		await vi.waitFor(() => expect(sink.uuids(project)).toEqual([good.uuid]));
		expect(sink.skipsOf(project)).toEqual(["json", "shape", "shape"]);
		expect(tail.status.counters.skipped).toEqual({ torn: 0, json: 1, shape: 2, oversize: 0 });
	});

	it("reaches the documented URL with the token header (the emulator answers 200 to nothing else)", async () => {
		const emu = await emulator();
		const project = projectOf(emu);
		const sink = new RecordingSink();
		// A wrong store hash or a missing header would not get a 200 from the emulator.
		client(emu, project, sink, { userAgent: "bctail/9.9.9" });
		const live = await statusWhere(sink, project, (status) => status.phase === "live");
		expect(live.counters.connections).toBe(1);
		expect(emu.requests(project)).toBe(1);
	});
});

describe("framing on the wire", () => {
	const variants = [
		{ framing: "data", lineEnding: "\n", keepAliveStyle: "comment" },
		{ framing: "message", lineEnding: "\n", keepAliveStyle: "empty-data" },
		{ framing: "data", lineEnding: "\r\n", keepAliveStyle: "empty-data" },
		{ framing: "message", lineEnding: "\r\n", keepAliveStyle: "comment" },
		{ framing: "data", lineEnding: "\r", keepAliveStyle: "comment" },
		{ framing: "message", lineEnding: "\r", keepAliveStyle: "empty-data" },
	] as const;

	for (const style of variants) {
		it(`framing ${style.framing}, ${JSON.stringify(style.lineEnding)}, ${style.keepAliveStyle} keep-alives`, async () => {
			const emu = await emulator({ ...style, streamEndMs: 60_000 });
			const project = projectOf(emu);
			const sink = new RecordingSink();
			const tail = client(emu, project, sink);
			await statusWhere(sink, project, (status) => status.phase === "live");
			const events = [makeEvent(project, "one"), makeEvent(project, "twö €"), makeEvent(project, "three")];
			emu.push(project, events[0]);
			// Pretty-printed: several `data:` lines that must be joined back.
			emu.push(project, JSON.stringify(events[1], null, 2));
			emu.push(project, events[2]);
			await vi.waitFor(() => expect(sink.uuids(project)).toHaveLength(3));
			expect(sink.uuids(project)).toEqual(events.map((event) => event.uuid));
			expect(sink.events[1]?.event.logs[0]?.text).toBe("twö €");
			// Several keep-alives later, still three events and nothing skipped.
			const bytes = tail.status.counters.bytes;
			await vi.waitFor(() => expect(tail.status.counters.bytes).toBeGreaterThan(bytes + 30));
			expect(sink.uuids(project)).toHaveLength(3);
			expect(sink.skips).toEqual([]);
		});
	}

	it("reassembles a frame split on the wire at every byte offset (multi-byte characters, CRLF)", async () => {
		const emu = await emulator({ streamEndMs: 60_000, keepAliveMs: 60_000 });
		const project = projectOf(emu);
		const sink = new RecordingSink();
		const tail = client(emu, project, sink);
		await statusWhere(sink, project, (status) => status.phase === "live");
		const event = makeEvent(project, "€ 😀 日本");
		const frame = new TextEncoder().encode(`event: message\r\ndata: ${JSON.stringify(event)}\r\n\r\n`);
		for (let offset = 1; offset < frame.length; offset++) {
			const bytes = tail.status.counters.bytes;
			expect(emu.pushRaw(project, frame.subarray(0, offset))).toBe(1);
			// The first part reached the client on its own before the rest is written.
			await vi.waitFor(() => expect(tail.status.counters.bytes).toBe(bytes + offset), { interval: 1 });
			emu.pushRaw(project, frame.subarray(offset));
			await vi.waitFor(() => expect(tail.status.counters.bytes).toBe(bytes + frame.length), { interval: 1 });
		}
		// Same uuid every time: shown once, the rest are duplicates; none torn or broken.
		await vi.waitFor(() => expect(tail.status.counters.duplicates).toBe(frame.length - 2));
		expect(sink.uuids(project)).toEqual([event.uuid]);
		expect(sink.events[0]?.event.logs[0]?.text).toBe("€ 😀 日本");
		expect(sink.skips).toEqual([]);
	});
});
