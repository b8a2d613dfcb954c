/**
 * The stream client's bounds and its own lifecycle: oversized events, throttled counter updates,
 * stop() in every phase.
 */
import { describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../source/util/clock.js";
import { client, emulator, projectOf, statusWhere } from "./harness.js";
import { makeEvent, RecordingSink } from "./recording-sink.js";

describe("oversized events", () => {
	it("skips an event over the cap that spans many chunks, and keeps the stream", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		const sink = new RecordingSink();
		const tail = client(emu, project, sink, { maxEventBytes: 64 * 1024 });
		await statusWhere(sink, project, (status) => status.phase === "live");
		const before = makeEvent(project, "before");
		const huge = makeEvent(project, "x".repeat(1024 * 1024));
		const after = makeEvent(project, "after");
		emu.push(project, before);
		emu.push(project, huge);
		emu.push(project, after);
		await vi.waitFor(() => expect(sink.uuids(project)).toEqual([before.uuid, after.uuid]));
		expect(tail.status.counters.skipped.oversize).toBe(1);
		expect(sink.skipsOf(project)).toEqual(["oversize"]);
		expect(tail.status.counters.connections).toBe(1);
		expect(tail.status.phase).toBe("live");
	});

	it("skips an oversized event that arrives in one write together with small ones", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		const sink = new RecordingSink();
		const tail = client(emu, project, sink, { maxEventBytes: 4096 });
		await statusWhere(sink, project, (status) => status.phase === "live");
		const small = [makeEvent(project, "a"), makeEvent(project, "b")];
		const big = makeEvent(project, "y".repeat(10_000));
		const frame = (event: object) => `data: ${JSON.stringify(event)}\n\n`;
		emu.pushRaw(project, frame(small[0] ?? {}) + frame(big) + frame(small[1] ?? {}));
		await vi.waitFor(() => expect(sink.uuids(project)).toEqual(small.map((event) => event.uuid)));
		expect(tail.status.counters.skipped.oversize).toBe(1);
	});

	it("passes a large event under the default cap", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		const sink = new RecordingSink();
		client(emu, project, sink);
		await statusWhere(sink, project, (status) => status.phase === "live");
		const large = makeEvent(project, "z".repeat(2 * 1024 * 1024));
		emu.push(project, large);
		await vi.waitFor(() => expect(sink.uuids(project)).toEqual([large.uuid]));
		expect(sink.skips).toEqual([]);
	});
});

describe("status updates", () => {
	it("reports count-only changes at most every 250 ms", async () => {
		const emu = await emulator({ streamEndMs: 60_000, keepAliveMs: 60_000 });
		const project = projectOf(emu);
		const clock = new ManualClock();
		const sink = new RecordingSink();
		const tail = client(emu, project, sink, { clock });
		await statusWhere(sink, project, (status) => status.phase === "live");
		const reported = sink.statusesOf(project).length;
		for (let i = 1; i <= 40; i++) {
			emu.push(project, makeEvent(project));
			// One at a time, so each arrives in a chunk of its own.
			await vi.waitFor(() => expect(sink.uuids(project)).toHaveLength(i), { interval: 1 });
		}
		// Time stands still: no count-only report yet, but the status getter is current.
		expect(sink.statusesOf(project).length).toBe(reported);
		expect(tail.status.counters.events).toBe(40);
		clock.advance(250);
		expect(sink.statusesOf(project).length).toBe(reported + 1);
		expect(sink.last(project)?.counters.events).toBe(40);
		expect(sink.last(project)?.counters.lastByteAt).toBe(clock.now() - 250);
	});
});

describe("stop()", () => {
	it("while live: aborts the stream, reports stopped, leaves no timer", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		const clock = new ManualClock();
		const sink = new RecordingSink();
		const tail = client(emu, project, sink, { clock });
		await statusWhere(sink, project, (status) => status.phase === "live");
		await vi.waitFor(() => expect(tail.status.counters.bytes).toBeGreaterThan(0));
		await tail.stop();
		const last = sink.last(project);
		expect(last).toMatchObject({ phase: "stopped", fatal: false, reason: "stopped", retryAt: null });
		expect(clock.pending).toBe(0);
		await vi.waitFor(() => expect(emu.openStreams(project)).toBe(0));
		// Nothing more is reported after stop, and it is idempotent.
		const count = sink.statuses.length;
		emu.push(project, makeEvent(project));
		await tail.stop();
		clock.advance(60_000);
		expect(sink.statuses.length).toBe(count);
		expect(sink.uuids(project)).toEqual([]);
	});

	it("while waiting to retry", async () => {
		const emu = await emulator();
		const project = projectOf(emu);
		emu.fault(project, { fault: { kind: "status", status: 503 } });
		const clock = new ManualClock();
		const sink = new RecordingSink();
		const tail = client(emu, project, sink, { clock, random: () => 1 });
		await statusWhere(sink, project, (status) => status.phase === "reconnecting");
		await tail.stop();
		expect(tail.status.phase).toBe("stopped");
		expect(clock.pending).toBe(0);
		clock.advance(60_000);
		expect(emu.requests(project)).toBe(1);
	});

	it("while waiting for response headers", async () => {
		const emu = await emulator();
		const project = projectOf(emu);
		emu.fault(project, { fault: { kind: "no-headers" } });
		const clock = new ManualClock();
		const sink = new RecordingSink();
		const tail = client(emu, project, sink, { clock });
		await vi.waitFor(() => expect(emu.openStreams(project)).toBe(1));
		await tail.stop();
		expect(tail.status).toMatchObject({ phase: "stopped", fatal: false });
		expect(clock.pending).toBe(0);
		await vi.waitFor(() => expect(emu.openStreams(project)).toBe(0));
	});

	it("called from the sink just as the stream completes (a pending read that an abort alone never settles)", async () => {
		const emu = await emulator({ streamEndMs: 60_000, keepAliveMs: 60_000 });
		const project = projectOf(emu);
		for (let round = 0; round < 5; round++) {
			const sink = new RecordingSink();
			let stopped: Promise<void> | undefined;
			const tail = client(emu, project, sink);
			sink.event = (projectUuid, event) => {
				RecordingSink.prototype.event.call(sink, projectUuid, event);
				stopped ??= tail.stop();
			};
			await vi.waitFor(() => expect(emu.openStreams(project)).toBe(1));
			await statusWhere(sink, project, (status) => status.phase === "live");
			// The event and the end of the response arrive together.
			emu.pushRaw(project, `data: ${JSON.stringify(makeEvent(project))}\n\n`);
			emu.endStreams(project);
			let settled = false;
			await vi.waitFor(() => expect(stopped).toBeDefined());
			stopped?.then(() => {
				settled = true;
			});
			await vi.waitFor(() => expect(settled).toBe(true), { timeout: 5000 });
			expect(tail.status.phase).toBe("stopped");
		}
	});

	it("start() twice opens one stream; start() after stop() opens none", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		const sink = new RecordingSink();
		const tail = client(emu, project, sink);
		tail.start();
		await statusWhere(sink, project, (status) => status.phase === "live");
		expect(emu.requests(project)).toBe(1);
		await tail.stop();
		tail.start();
		expect(tail.status.phase).toBe("stopped");
		expect(emu.requests(project)).toBe(1);
	});
});
