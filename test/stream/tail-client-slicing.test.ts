/**
 * The stream client shares the event loop: a backlog of chunks is parsed in slices, with turns of the
 * loop (timers, keys, frames) in between, and its own pauses never count as the server's silence.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TailEvent } from "../../source/model/types.js";
import { ManualClock } from "../../source/util/clock.js";
import { client, emulator, projectOf, statusWhere } from "./harness.js";
import { makeEvent, RecordingSink } from "./recording-sink.js";

/** Counts turns of the event loop (a setImmediate chain) while running. */
function turnCounter(): { readonly turns: () => number; stop(): void } {
	let turns = 0;
	let running = true;
	const tick = (): void => {
		if (!running) return;
		turns++;
		setImmediate(tick);
	};
	setImmediate(tick);
	return {
		turns: () => turns,
		stop: () => {
			running = false;
		},
	};
}

/** Records, for each event, how many loop turns had passed when it arrived. */
class TurnSink extends RecordingSink {
	readonly seenAtTurn: number[] = [];
	constructor(private readonly turns: () => number) {
		super();
	}
	override event(projectUuid: string, event: TailEvent): void {
		this.seenAtTurn.push(this.turns());
		super.event(projectUuid, event);
	}
}

let counters: { stop(): void }[] = [];
afterEach(() => {
	for (const counter of counters) counter.stop();
	counters = [];
});

/** A backlog written to the socket at once: `count` events of about 16 KiB, many 64 KiB reads. */
function backlog(project: string, count: number): { wire: string; uuids: string[] } {
	const events = Array.from({ length: count }, (_, i) => makeEvent(project, `${i} ${"p".repeat(16_000)}`));
	return {
		wire: events.map((event) => `event: message\ndata: ${JSON.stringify(event)}\n\n`).join(""),
		uuids: events.map((event) => event.uuid),
	};
}

describe("slicing", () => {
	it("lets the event loop turn between the chunks of a backlog", async () => {
		const emu = await emulator({ streamEndMs: 60_000, keepAliveMs: 60_000 });
		const project = projectOf(emu);
		const counter = turnCounter();
		counters.push(counter);
		const sink = new TurnSink(counter.turns);
		client(emu, project, sink, { sliceMs: 0 });
		await statusWhere(sink, project, (status) => status.phase === "live");
		const { wire, uuids } = backlog(project, 48);
		emu.pushRaw(project, wire);
		await vi.waitFor(() => expect(sink.uuids(project)).toEqual(uuids));
		// About 12 reads of 64 KiB, 4 events each. Measured: with a pause after every read, at most 9
		// events arrive between two turns of the counter; with no pause, 30 to 39 (the whole backlog is
		// parsed in one or two poll phases).
		const perTurn = new Map<number, number>();
		for (const turn of sink.seenAtTurn) perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1);
		expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(16);
	});

	it("does not count its own pause as the server's silence", async () => {
		const emu = await emulator({ streamEndMs: 60_000, keepAliveMs: 60_000 });
		const project = projectOf(emu);
		const clock = new ManualClock();
		const sink = new RecordingSink();
		const originalEvent = sink.event.bind(sink);
		let advanced = false;
		sink.event = (projectUuid, event) => {
			originalEvent(projectUuid, event);
			if (advanced) return;
			advanced = true;
			// Queued before the client's own pause (it starts once this chunk is parsed), so it runs while
			// the client waits for its turn: the watchdog's deadline passes during the pause.
			setImmediate(() => clock.advance(1_001));
		};
		const tail = client(emu, project, sink, { clock, idleTimeoutMs: 1_000, sliceMs: 0 });
		await statusWhere(sink, project, (status) => status.phase === "live");
		const first = makeEvent(project, "first");
		emu.push(project, first);
		await vi.waitFor(() => expect(advanced).toBe(true));
		const second = makeEvent(project, "second");
		emu.push(project, second);
		await vi.waitFor(() => expect(sink.uuids(project)).toEqual([first.uuid, second.uuid]));
		expect(tail.status.phase).toBe("live");
		expect(tail.status.counters.connections).toBe(1);
		expect(sink.statusesOf(project).some((status) => status.phase === "reconnecting")).toBe(false);
	});
});
