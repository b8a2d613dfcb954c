/**
 * Servers that would make a naive client hammer the API (issue 13, items 4-6): streams that end at
 * once, 429s that say "wait 0", and a 200 that is not an event stream. Real sockets (the emulator),
 * an injected clock for every wait: the number of requests is exact, not timed.
 */
import { describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../source/util/clock.js";
import { client, emulator, projectOf, statusWhere } from "./harness.js";
import { RecordingSink } from "./recording-sink.js";

describe("a server that ends every stream early", () => {
	it("backs off (never under the minimum interval), says so, and marks the gap", async () => {
		// Streams end after ~30 ms of real time; on the injected clock they lived 0 ms.
		const emu = await emulator({ streamEndMs: 30, keepAliveMs: 5 });
		const project = projectOf(emu);
		const clock = new ManualClock();
		const sink = new RecordingSink();
		client(emu, project, sink, { clock, random: () => 1, minStreamMs: 10_000, minReconnectMs: 1_000 });
		// Ceilings 500, 1000, 2000, 4000, 8000; the first is raised to the 1 s minimum.
		const expected = [1000, 1000, 2000, 4000, 8000];
		for (const [index, delay] of expected.entries()) {
			const attempt = index + 1;
			const waiting = await statusWhere(
				sink,
				project,
				(status) => status.phase === "reconnecting" && status.attempt === attempt,
			);
			expect(waiting.shortReason).toBe("ended early");
			expect(waiting.reason).toMatch(/^The server ended the stream after 0 s \(streams normally last 60 s\)/);
			expect(waiting.retryAt).toBe(clock.now() + delay);
			// No request before the wait is over.
			expect(emu.requests(project)).toBe(attempt);
			clock.advance(delay);
			await vi.waitFor(() => expect(emu.requests(project)).toBe(attempt + 1));
		}
		// Each wait was a real gap in the stream (the API has no resume): marked with its cause.
		await vi.waitFor(() => expect(sink.gapsOf(project).length).toBeGreaterThanOrEqual(4));
		expect(sink.gapsOf(project).every((gap) => gap.cause === "ended early")).toBe(true);
	});

	it("a stream that lived its minimum ends routinely: at once, silently", async () => {
		// A wide margin (300 ms lived against a 20 ms minimum): a slow connect on a busy machine cannot
		// make a routine end look early.
		const emu = await emulator({ streamEndMs: 300, keepAliveMs: 20 });
		const project = projectOf(emu);
		const sink = new RecordingSink();
		client(emu, project, sink, { minStreamMs: 20 });
		await vi.waitFor(() => expect(emu.requests(project)).toBeGreaterThanOrEqual(4), { timeout: 10_000 });
		expect(sink.statusesOf(project).some((status) => status.phase === "reconnecting")).toBe(false);
		expect(sink.gapsOf(project)).toEqual([]);
	});
});

describe("a 429 that says wait 0", () => {
	const cases: { name: string; headers: (clock: ManualClock) => Record<string, string> }[] = [
		{ name: "X-Rate-Limit-Time-Reset-Ms: 0", headers: () => ({ "X-Rate-Limit-Time-Reset-Ms": "0" }) },
		{ name: "X-Rate-Limit-Time-Reset-Ms: 0.4", headers: () => ({ "X-Rate-Limit-Time-Reset-Ms": "0.4" }) },
		{ name: "Retry-After: 0", headers: () => ({ "Retry-After": "0" }) },
		{
			name: "Retry-After in the past",
			headers: (clock) => ({ "Retry-After": new Date(clock.now() - 60_000).toUTCString() }),
		},
	];
	for (const testCase of cases) {
		it(`waits at least the backoff step: ${testCase.name}`, async () => {
			const emu = await emulator({ streamEndMs: 60_000 });
			const project = projectOf(emu);
			const clock = new ManualClock();
			emu.fault(project, {
				fault: { kind: "status", status: 429, headers: testCase.headers(clock) },
				times: Number.POSITIVE_INFINITY,
			});
			const sink = new RecordingSink();
			// random 0: a backoff draw would be 0 ms; the floor is the step itself.
			client(emu, project, sink, { clock, random: () => 0 });
			for (const [index, delay] of [500, 1000, 2000, 4000].entries()) {
				const attempt = index + 1;
				const waiting = await statusWhere(
					sink,
					project,
					(status) => status.phase === "reconnecting" && status.attempt === attempt,
				);
				expect(waiting.retryAt).toBe(clock.now() + delay);
				expect(waiting.reason).toContain(`Waiting ${delay / 1000} s.`);
				expect(emu.requests(project)).toBe(attempt);
				clock.advance(delay);
				await vi.waitFor(() => expect(emu.requests(project)).toBe(attempt + 1));
			}
		});
	}
});

describe("a 200 that is not an event stream", () => {
	it("is not live: it says what arrived, and backs off", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		const clock = new ManualClock();
		emu.fault(project, {
			fault: {
				kind: "status",
				status: 200,
				headers: { "Content-Type": "text/html; charset=utf-8" },
				body: "<!doctype html><title>Sign in\u001b[31m</title>",
			},
			times: 2,
		});
		const sink = new RecordingSink();
		client(emu, project, sink, { clock, random: () => 1 });
		const first = await statusWhere(sink, project, (status) => status.phase === "reconnecting");
		expect(first.shortReason).toBe("not a stream");
		expect(first.reason).toBe(
			'The server answered 200 with "text/html; charset=utf-8" instead of an event stream, starting "<!doctype html><title>Sign in</title>" (a proxy or login page in the way?).',
		);
		expect(first.retryAt).toBe(clock.now() + 500);
		expect(sink.statusesOf(project).some((status) => status.phase === "live")).toBe(false);
		expect(first.counters.connections).toBe(0);
		clock.advance(500);
		await statusWhere(sink, project, (status) => status.phase === "reconnecting" && status.attempt === 2);
		clock.advance(1000);
		await statusWhere(sink, project, (status) => status.phase === "live");
	});
});
