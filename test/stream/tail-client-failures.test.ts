/**
 * The stream client's failure handling against the emulator over real loopback HTTP: fatal statuses,
 * rate limits, backoff, torn frames, stalls, missing headers, refused connections, gaps.
 */
import { createServer } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../source/util/clock.js";
import { client, clientFor, emulator, expectNoToken, projectOf, statusWhere } from "./harness.js";
import { makeEvent, RecordingSink } from "./recording-sink.js";

/** Lets pending I/O callbacks and promise jobs run (used only before a negative check). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (address === null || typeof address === "string") throw new Error("no port");
	return address.port;
}

describe("fatal statuses stop one project with a sentence, the others go on", () => {
	const cases = [
		{
			name: "401 (wrong token)",
			setup: async () => {
				const emu = await emulator();
				return { emu, project: projectOf(emu), token: "wrong-secret-token-0123456789" };
			},
			short: "token expired",
			reason: /^Your access token is invalid or has expired/,
		},
		{
			name: "403 (no scope)",
			setup: async () => {
				const emu = await emulator();
				const project = projectOf(emu);
				emu.fault(project, { fault: { kind: "status", status: 403 } });
				return { emu, project, token: emu.token };
			},
			short: "no logs scope",
			reason:
				/Infrastructure Logs API is not enabled for this store, or the token lacks the store_infrastructure_logs_read_only scope/,
		},
		{
			name: "404 (unknown project)",
			setup: async () => {
				const emu = await emulator();
				return { emu, project: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6affff", token: emu.token };
			},
			short: "not found",
			reason:
				/^Project not found, or the token belongs to a different store than demo1234 .*Project not found/,
		},
		{
			name: "400 (not a uuid)",
			setup: async () => {
				const emu = await emulator();
				return { emu, project: "not-a-uuid", token: emu.token };
			},
			short: "bad uuid",
			reason: /^"not-a-uuid" is not a valid project UUID .*:projectUuid should be valid UUID\./,
		},
		{
			name: "403 with an API detail (sanitized)",
			setup: async () => {
				const emu = await emulator();
				const project = projectOf(emu);
				const body = JSON.stringify({
					status: 403,
					title: "Forbidden\u001b[31m",
					detail: "Missing scope\u0007 logs",
				});
				emu.fault(project, { fault: { kind: "status", status: 403, body } });
				return { emu, project, token: emu.token };
			},
			short: "no logs scope",
			reason: /The API said: "Forbidden — Missing scope logs"\.$/,
		},
	];

	for (const testCase of cases) {
		it(testCase.name, async () => {
			const { emu, project, token } = await testCase.setup();
			const other = projectOf(emu, 1);
			const sink = new RecordingSink();
			const failing = client(emu, project, sink, {
				target: { origin: emu.origin, storeHash: emu.storeHash, token },
			});
			const healthy = client(emu, other, sink);
			const stopped = await statusWhere(sink, project, (status) => status.phase === "stopped");
			expect(stopped.fatal).toBe(true);
			expect(stopped.shortReason).toBe(testCase.short);
			expect(stopped.reason).toMatch(testCase.reason);
			expect(stopped.reason).not.toMatch(/[\u0000-\u001f]/);
			expect(failing.status.phase).toBe("stopped");
			expect(emu.requests(project)).toBe(1);
			// The other project is unaffected.
			await statusWhere(sink, other, (status) => status.phase === "live");
			const event = makeEvent(other);
			emu.push(other, event);
			await vi.waitFor(() => expect(sink.uuids(other)).toEqual([event.uuid]));
			expect(healthy.status.phase).toBe("live");
			// stop() after a fatal stop keeps the fatal reason.
			await failing.stop();
			expect(failing.status.reason).toBe(stopped.reason);
			expectNoToken(sink, token, emu.token);
		});
	}

	it("reads at most 64 KiB of an error body", async () => {
		const emu = await emulator();
		const project = projectOf(emu);
		const body = JSON.stringify({ status: 404, title: "Huge", detail: "d".repeat(1024 * 1024) });
		emu.fault(project, { fault: { kind: "status", status: 404, body } });
		const sink = new RecordingSink();
		client(emu, project, sink);
		const stopped = await statusWhere(sink, project, (status) => status.phase === "stopped");
		expect(stopped.reason).toBe(
			"Project not found, or the token belongs to a different store than demo1234 (404).",
		);
	});

	it("a token revoked while streaming stops at the next reconnect", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		const sink = new RecordingSink();
		client(emu, project, sink);
		await statusWhere(sink, project, (status) => status.phase === "live");
		const secret = emu.token;
		emu.setToken("rotated-token");
		emu.endStreams(project);
		const stopped = await statusWhere(sink, project, (status) => status.phase === "stopped");
		expect(stopped.shortReason).toBe("token expired");
		expectNoToken(sink, secret);
	});

	it("a token that cannot be a header value stops at once without echoing it", async () => {
		const emu = await emulator();
		const project = projectOf(emu);
		const sink = new RecordingSink();
		const token = "abc def\nghi-secret";
		client(emu, project, sink, { target: { origin: emu.origin, storeHash: emu.storeHash, token } });
		const stopped = await statusWhere(sink, project, (status) => status.phase === "stopped");
		expect(stopped.fatal).toBe(true);
		expect(stopped.shortReason).toBe("bad token");
		expect(emu.requests(project)).toBe(0);
		expectNoToken(sink, token, "ghi-secret");
	});
});

describe("429", () => {
	const cases = [
		{
			name: "X-Rate-Limit-Time-Reset-Ms",
			headers: () => ({ "X-Rate-Limit-Time-Reset-Ms": "7250" }),
			wait: 7250,
		},
		{ name: "Retry-After seconds", headers: () => ({ "Retry-After": "3" }), wait: 3000 },
		{
			name: "Retry-After HTTP date",
			headers: (clock: ManualClock) => ({ "Retry-After": new Date(clock.now() + 5000).toUTCString() }),
			wait: 5000,
		},
		{ name: "neither (backoff)", headers: () => ({}), wait: 500 },
	];

	for (const testCase of cases) {
		it(`waits as told: ${testCase.name}`, async () => {
			const emu = await emulator({ streamEndMs: 60_000 });
			const project = projectOf(emu);
			const clock = new ManualClock();
			emu.fault(project, { fault: { kind: "status", status: 429, headers: testCase.headers(clock) } });
			const sink = new RecordingSink();
			client(emu, project, sink, { clock, random: () => 1 });
			const waiting = await statusWhere(sink, project, (status) => status.phase === "reconnecting");
			expect(waiting.retryAt).toBe(clock.now() + testCase.wait);
			expect(waiting.shortReason).toBe("429");
			expect(waiting.attempt).toBe(1);
			expect(emu.requests(project)).toBe(1);
			clock.advance(testCase.wait - 1);
			await settle();
			expect(emu.requests(project)).toBe(1);
			clock.advance(1);
			await vi.waitFor(() => expect(emu.requests(project)).toBe(2));
			await statusWhere(sink, project, (status) => status.phase === "live");
			// Never live before: no gap.
			expect(sink.gaps).toEqual([]);
		});
	}
});

describe("transient failures", () => {
	it("5xx: retries with exponential backoff, capped, and resets once a stream delivers", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		const clock = new ManualClock();
		emu.fault(project, { fault: { kind: "status", status: 503 }, times: 6 });
		const sink = new RecordingSink();
		const tail = client(emu, project, sink, {
			clock,
			random: () => 1,
			backoff: { baseMs: 500, capMs: 4000 },
		});
		const expected = [500, 1000, 2000, 4000, 4000, 4000];
		for (const [index, delay] of expected.entries()) {
			const attempt = index + 1;
			const waiting = await statusWhere(
				sink,
				project,
				(status) => status.phase === "reconnecting" && status.attempt === attempt && status.retryAt !== null,
			);
			expect(waiting.retryAt).toBe(clock.now() + delay);
			expect(waiting.reason).toBe("503 Service Unavailable");
			expect(waiting.shortReason).toBe("503");
			clock.advance(delay);
			await vi.waitFor(() => expect(emu.requests(project)).toBe(attempt + 1));
		}
		await statusWhere(sink, project, (status) => status.phase === "live");
		// The first keep-alive resets the attempt count.
		await vi.waitFor(() => expect(tail.status.attempt).toBe(0));
		expect(tail.status.counters.reconnects).toBe(6);
		expect(tail.status.counters.connections).toBe(1);
	});

	it("full jitter: the wait is random() times the ceiling", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		const clock = new ManualClock();
		emu.fault(project, { fault: { kind: "status", status: 502 }, times: 2 });
		const sink = new RecordingSink();
		client(emu, project, sink, { clock, random: () => 0.25 });
		const first = await statusWhere(sink, project, (s) => s.phase === "reconnecting" && s.attempt === 1);
		expect(first.retryAt).toBe(clock.now() + 125);
		clock.advance(125);
		const second = await statusWhere(sink, project, (s) => s.phase === "reconnecting" && s.attempt === 2);
		expect(second.retryAt).toBe(clock.now() + 250);
	});

	it("a torn frame is not shown, is counted, and leaves a gap", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		const sink = new RecordingSink();
		const tail = client(emu, project, sink);
		// A stream that ends before delivering anything is a failure of its own kind: wait for a byte.
		await vi.waitFor(() => expect(tail.status.counters.lastByteAt).not.toBeNull());
		emu.fault(project, { fault: { kind: "torn" } });
		emu.endStreams(project);
		await vi.waitFor(() => expect(tail.status.counters.skipped.torn).toBe(1));
		const gap = await vi.waitFor(() => {
			const found = sink.gapsOf(project)[0];
			if (found === undefined) throw new Error("no gap yet");
			return found;
		});
		expect(gap.cause).toBe("torn frame");
		expect(gap.end).toBeGreaterThanOrEqual(gap.start);
		expect(sink.uuids(project)).toEqual([]);
		expect(sink.skipsOf(project)).toEqual(["torn"]);
		const reconnecting = await statusWhere(sink, project, (s) => s.phase === "reconnecting");
		expect(reconnecting.shortReason).toBe("torn frame");
		await vi.waitFor(() => expect(tail.status.phase).toBe("live"));
		expect(tail.status.counters.gaps).toBe(1);
		// Still delivering afterwards.
		const event = makeEvent(project);
		emu.push(project, event);
		await vi.waitFor(() => expect(sink.uuids(project)).toEqual([event.uuid]));
	});

	it("a stalled stream (no byte at all) is dropped after the idle timeout, with a gap", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		emu.fault(project, { fault: { kind: "stall" } });
		const sink = new RecordingSink();
		const tail = client(emu, project, sink, { idleTimeoutMs: 600 });
		await statusWhere(sink, project, (status) => status.phase === "live");
		const reconnecting = await statusWhere(sink, project, (status) => status.phase === "reconnecting");
		expect(reconnecting.reason).toMatch(/^No data for 0\.6 s/);
		expect(reconnecting.shortReason).toBe("idle 0.6 s");
		await vi.waitFor(() => expect(sink.gapsOf(project)).toHaveLength(1));
		const gap = sink.gapsOf(project)[0];
		expect(gap?.cause).toBe("no data for 0.6 s");
		// The gap starts when the stream went quiet, not when the watchdog noticed.
		expect((gap?.end ?? 0) - (gap?.start ?? 0)).toBeGreaterThanOrEqual(500);
		await vi.waitFor(() => expect(tail.status.phase).toBe("live"));
		expect(emu.openStreams(project)).toBe(1);
		// Keep-alives keep a quiet stream alive: no further reconnect while they flow.
		const connections = tail.status.counters.connections;
		const bytes = tail.status.counters.bytes;
		await vi.waitFor(() => expect(tail.status.counters.bytes).toBeGreaterThan(bytes + 200), {
			timeout: 5000,
		});
		expect(tail.status.counters.connections).toBe(connections);
	});

	it("the idle watchdog runs on the injected clock", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		emu.fault(project, { fault: { kind: "stall" } });
		const clock = new ManualClock();
		const sink = new RecordingSink();
		client(emu, project, sink, { clock, idleTimeoutMs: 35_000 });
		await statusWhere(sink, project, (status) => status.phase === "live");
		clock.advance(34_999);
		await settle();
		expect(sink.last(project)?.phase).toBe("live");
		clock.advance(1);
		const reconnecting = await statusWhere(sink, project, (status) => status.phase === "reconnecting");
		expect(reconnecting.reason).toMatch(/^No data for 35 s/);
	});

	it("no response headers: aborted after the connect timeout, then retried", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		emu.fault(project, { fault: { kind: "no-headers" } });
		const sink = new RecordingSink();
		const tail = client(emu, project, sink, { connectTimeoutMs: 500 });
		const reconnecting = await statusWhere(sink, project, (status) => status.phase === "reconnecting");
		expect(reconnecting.shortReason).toBe("connect timeout");
		expect(reconnecting.reason).toMatch(/^No response from 127\.0\.0\.1:\d+ within 0\.5 s\.$/);
		await vi.waitFor(() => expect(tail.status.phase).toBe("live"));
		expect(emu.requests(project)).toBe(2);
		// Never live before the failure: no gap.
		expect(sink.gaps).toEqual([]);
	});

	it("a redirect is not followed (the token would go along) and is retried", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		emu.fault(project, {
			fault: { kind: "status", status: 302, headers: { Location: "http://127.0.0.2:1/elsewhere" }, body: "" },
		});
		const sink = new RecordingSink();
		const tail = client(emu, project, sink);
		const reconnecting = await statusWhere(sink, project, (status) => status.phase === "reconnecting");
		expect(reconnecting.reason).toBe("302 Found: redirects are not followed.");
		await vi.waitFor(() => expect(tail.status.phase).toBe("live"));
		expect(emu.requests(project)).toBe(2);
	});

	it("a reset connection is retried", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		emu.fault(project, { fault: { kind: "reset" } });
		const sink = new RecordingSink();
		const tail = client(emu, project, sink);
		const reconnecting = await statusWhere(sink, project, (status) => status.phase === "reconnecting");
		expect(reconnecting.shortReason).toMatch(/^connection (reset|lost)$/);
		await vi.waitFor(() => expect(tail.status.phase).toBe("live"));
	});

	it("connection refused: reconnecting with the reason, forever", async () => {
		const port = await closedPort();
		const sink = new RecordingSink();
		const clock = new ManualClock();
		const project = "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1001";
		const target = { origin: `http://127.0.0.1:${port}`, storeHash: "demo1234", token: "refused-secret" };
		clientFor(target, project, sink, { clock, random: () => 1 });
		const first = await statusWhere(sink, project, (s) => s.phase === "reconnecting" && s.attempt === 1);
		expect(first.reason).toBe(`Connection refused by 127.0.0.1:${port}.`);
		expect(first.shortReason).toBe("connection refused");
		clock.advance(500);
		const second = await statusWhere(sink, project, (s) => s.phase === "reconnecting" && s.attempt === 2);
		expect(second.retryAt).toBe(clock.now() + 1000);
		expectNoToken(sink, "refused-secret");
	});

	it("https to a plain http server: a TLS error in plain words", async () => {
		const emu = await emulator();
		const project = projectOf(emu);
		const sink = new RecordingSink();
		client(emu, project, sink, {
			target: { origin: emu.origin.replace("http:", "https:"), storeHash: emu.storeHash, token: emu.token },
		});
		const reconnecting = await statusWhere(sink, project, (s) => s.phase === "reconnecting");
		expect(reconnecting.shortReason).toBe("TLS error");
		expect(reconnecting.reason).toMatch(/^TLS error: ERR_SSL_WRONG_VERSION_NUMBER/);
		expectNoToken(sink, emu.token);
	});

	it("a failed reconnect after a routine end is a gap, from the end to the next open stream", async () => {
		const emu = await emulator({ streamEndMs: 60_000 });
		const project = projectOf(emu);
		const sink = new RecordingSink();
		const tail = client(emu, project, sink);
		await vi.waitFor(() => expect(tail.status.counters.lastByteAt).not.toBeNull());
		emu.fault(project, { fault: { kind: "status", status: 500 }, times: 2 });
		emu.endStreams(project);
		await vi.waitFor(() => expect(sink.gapsOf(project)).toHaveLength(1));
		const gap = sink.gapsOf(project)[0];
		expect(gap?.cause).toBe("500");
		expect(tail.status.phase).toBe("live");
		expect(tail.status.counters.gaps).toBe(1);
		expect(emu.requests(project)).toBe(4);
	});
});
