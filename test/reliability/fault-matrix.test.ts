/**
 * The fault matrix of issue 6, end to end: the emulator on loopback → real stream clients → the real
 * store (or the real CLI), one test per row. The stream tests (test/stream) prove each fault at the
 * client; here the question is what the user ends up with: which events the store holds (compared
 * with what the emulator wrote whole, `emulator.sent`), which gap rows, which pane status.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { hostilePayloadList, unterminatedPayloadList } from "../../source/emulator/hostile.js";
import { MAX_ROW_TEXT } from "../../source/store/entries.js";
import { describeNetworkError } from "../../source/stream/network-errors.js";
import { rowSpans } from "../../source/ui/row-format.js";
import { textWidth } from "../../source/ui/truncate-to-width.js";
import { ManualClock } from "../../source/util/clock.js";
import { binPath, type CliRun, cleanEnv, runCli } from "../support/run-cli.js";
import { hasTmux, startTmux } from "../support/tmux.js";
import { event, paneStatus, paneView, settle, terminalControls, world } from "./world.js";

const scratch = mkdtempSync(join(tmpdir(), "bctail-matrix-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("stream ends and partial frames", () => {
	it("a stream that ends every 100 ms, 20 times: every event exactly once, no gap", async () => {
		const { emulator, store, tail, project, statuses } = await world({ streamEndMs: 100, keepAliveMs: 30 });
		const uuid = project();
		tail(uuid);
		await paneStatus(store, uuid, (status) => status.phase === "live");
		// Events flow the whole time, also while a stream is being replaced.
		const pusher = setInterval(() => emulator.push(uuid, event(uuid)), 2);
		try {
			await vi.waitFor(() => expect(emulator.requests(uuid)).toBeGreaterThanOrEqual(21), { timeout: 20_000 });
		} finally {
			clearInterval(pusher);
		}
		const sent = emulator.sent(uuid);
		expect(sent.length).toBeGreaterThan(200);
		await vi.waitFor(() => expect(paneView(store, uuid).uuids).toHaveLength(sent.length));
		const view = paneView(store, uuid);
		expect(view.uuids).toEqual(sent);
		expect(view.gaps).toEqual([]);
		expect(view.status.phase).toBe("live");
		expect(view.status.counters).toMatchObject({
			gaps: 0,
			duplicates: 0,
			skipped: { torn: 0, json: 0, shape: 0, oversize: 0 },
		});
		expect(view.pane.totals.events).toBe(sent.length);
		// Routine ends are silent: the pane never showed "reconnecting".
		expect(statuses.some((status) => status.phase === "reconnecting")).toBe(false);
	});

	it("a torn frame: not shown, counted, a reconnect with backoff, every later event shown", async () => {
		const { emulator, store, tail, project } = await world();
		const uuid = project();
		const clock = new ManualClock();
		tail(uuid, { clock });
		await paneStatus(store, uuid, (status) => status.phase === "live");
		for (let i = 0; i < 5; i++) emulator.push(uuid, event(uuid, `before ${i}`));
		await vi.waitFor(() => expect(paneView(store, uuid).uuids).toHaveLength(5));

		emulator.fault(uuid, { fault: { kind: "torn" } });
		emulator.endStreams(uuid);
		const waiting = await paneStatus(store, uuid, (status) => status.phase === "reconnecting");
		expect(waiting.shortReason).toBe("torn frame");
		expect(waiting.counters.skipped.torn).toBe(1);
		// Backoff, not an immediate retry: the first wait's ceiling (random() = 1) is 500 ms.
		expect(waiting.attempt).toBe(1);
		expect(waiting.retryAt).toBe(clock.now() + 500);
		expect(emulator.requests(uuid)).toBe(2);
		clock.advance(499);
		await settle();
		expect(emulator.requests(uuid)).toBe(2);
		clock.advance(1);
		await paneStatus(store, uuid, (status) => status.phase === "live");
		expect(emulator.requests(uuid)).toBe(3);

		for (let i = 0; i < 5; i++) emulator.push(uuid, event(uuid, `after ${i}`));
		await vi.waitFor(() => expect(paneView(store, uuid).uuids).toHaveLength(10));
		const view = paneView(store, uuid);
		// The torn event was never written whole, so it is not in `sent` either.
		expect(view.uuids).toEqual(emulator.sent(uuid));
		expect(view.gaps.map((gap) => gap.text)).toEqual([
			expect.stringMatching(/^disconnected .*: torn frame$/),
		]);
	});
});

describe("silent servers", () => {
	it("no response headers ever: connect timeout, `reconnecting` with backoff, then live", async () => {
		const { emulator, store, tail, project } = await world();
		const uuid = project();
		const clock = new ManualClock();
		emulator.fault(uuid, { fault: { kind: "no-headers" } });
		tail(uuid, { clock, connectTimeoutMs: 15_000 });
		await vi.waitFor(() => expect(emulator.openStreams(uuid)).toBe(1));
		clock.advance(14_999);
		await settle();
		expect(paneView(store, uuid).status.phase).toBe("connecting");
		clock.advance(1);
		const waiting = await paneStatus(store, uuid, (status) => status.phase === "reconnecting");
		expect(waiting.shortReason).toBe("connect timeout");
		expect(waiting.reason).toMatch(/^No response from 127\.0\.0\.1:\d+ within 15 s\.$/);
		expect(waiting.retryAt).toBe(clock.now() + 500);
		await vi.waitFor(() => expect(emulator.openStreams(uuid)).toBe(0));
		clock.advance(500);
		await paneStatus(store, uuid, (status) => status.phase === "live");
		expect(emulator.requests(uuid)).toBe(2);
	});

	it("headers, then silence: dropped after the idle timeout, a gap row, live again", async () => {
		const { emulator, store, tail, project } = await world();
		const uuid = project();
		const clock = new ManualClock();
		const client = tail(uuid, { clock, idleTimeoutMs: 35_000 });
		await paneStatus(store, uuid, (status) => status.phase === "live");
		emulator.push(uuid, event(uuid));
		await vi.waitFor(() => expect(paneView(store, uuid).uuids).toHaveLength(1));
		emulator.fault(uuid, { fault: { kind: "stall" } });
		emulator.endStreams(uuid);
		// The client reads the stalled response (its idle watchdog is armed from here).
		await vi.waitFor(() => expect(client.status.counters.connections).toBe(2));
		const stalledAt = clock.now();
		clock.advance(34_999);
		await settle();
		expect(paneView(store, uuid).status.phase).toBe("live");
		clock.advance(1);
		const waiting = await paneStatus(store, uuid, (status) => status.phase === "reconnecting");
		expect(waiting.reason).toBe("No data for 35 s (not even a keep-alive): reconnecting.");
		clock.advance(500);
		await paneStatus(store, uuid, (status) => status.phase === "live");
		const [gap] = paneView(store, uuid).gaps;
		expect(gap?.text).toBe("disconnected 35.5 s: no data for 35 s");
		expect(gap?.gap?.start).toBe(stalledAt);
	});

	it("--idle-timeout in line mode: a stalled stream is reported and replaced", async () => {
		const { emulator, project } = await world({ keepAliveMs: 100 });
		const uuid = project();
		emulator.fault(uuid, { fault: { kind: "stall" } });
		const run = cli(emulator, ["--format", "json", "--idle-timeout", "0.6", uuid]);
		await run.waitForStderr((text) => /reconnecting: No data for 0\.6 s/.test(text));
		await run.waitForStderr((text) => text.includes("live again"));
		expect(emulator.requests(uuid)).toBe(2);
		emulator.push(uuid, event(uuid, "after the stall"));
		await run.waitForStdout((text) => text.includes("after the stall"));
	});

	it("keep-alives only, for 15 minutes of client time: live, one request, no busy loop", async () => {
		const { emulator, store, tail, project, statuses } = await world({ keepAliveMs: 10, streamEndMs: 0 });
		const uuid = project();
		emulator.fault(uuid, { fault: { kind: "keepalive-only" }, times: Number.POSITIVE_INFINITY });
		const clock = new ManualClock();
		const client = tail(uuid, { clock, idleTimeoutMs: 35_000 });
		await paneStatus(store, uuid, (status) => status.phase === "live");
		const statusesBefore = statuses.length;
		// Each real keep-alive stands for one of the API's (every 15 s): 60 of them are 15 minutes.
		for (let i = 0; i < 60; i++) {
			const bytes = client.status.counters.bytes;
			await vi.waitFor(() => expect(client.status.counters.bytes).toBeGreaterThan(bytes), { interval: 2 });
			clock.advance(15_000);
		}
		const status = paneView(store, uuid).status;
		expect(status.phase).toBe("live");
		expect(status.counters.connections).toBe(1);
		expect(status.counters.reconnects).toBe(0);
		expect(emulator.requests(uuid)).toBe(1);
		// No busy loop: keep-alives cost a counters update now and then (at most one per 250 ms of client
		// time, so at most two per step here) and one idle deadline, not a storm of statuses or timers.
		// What they cost in CPU is a measure: bench/ (`keepalive`).
		expect(statuses.length - statusesBefore).toBeLessThanOrEqual(2 * 60);
		expect(clock.pending).toBeLessThanOrEqual(2);
	});
});

describe("rate limits and server errors", () => {
	const cases = [
		{
			name: "X-Rate-Limit-Time-Reset-Ms",
			headers: () => ({ "X-Rate-Limit-Time-Reset-Ms": "12000" }),
			wait: 12_000,
		},
		{ name: "Retry-After", headers: () => ({ "Retry-After": "20" }), wait: 20_000 },
		// Neither: the client backs off (random() = 1: the first ceiling).
		{ name: "neither", headers: () => ({}), wait: 500 },
	];
	for (const testCase of cases) {
		it(`429 with ${testCase.name}: waits as told, then resumes`, async () => {
			const { emulator, store, tail, project } = await world();
			const uuid = project();
			const clock = new ManualClock();
			tail(uuid, { clock });
			await paneStatus(store, uuid, (status) => status.phase === "live");
			emulator.push(uuid, event(uuid));
			await vi.waitFor(() => expect(paneView(store, uuid).uuids).toHaveLength(1));
			emulator.fault(uuid, { fault: { kind: "status", status: 429, headers: testCase.headers() } });
			emulator.endStreams(uuid);
			const waiting = await paneStatus(store, uuid, (status) => status.phase === "reconnecting");
			expect(waiting.shortReason).toBe("429");
			expect(waiting.retryAt).toBe(clock.now() + testCase.wait);
			if (testCase.wait > 500) expect(waiting.reason).toMatch(/Waiting \d+ s\.$/);
			clock.advance(testCase.wait - 1);
			await settle();
			expect(emulator.requests(uuid)).toBe(2);
			clock.advance(1);
			await paneStatus(store, uuid, (status) => status.phase === "live");
			expect(emulator.requests(uuid)).toBe(3);
			emulator.push(uuid, event(uuid));
			await vi.waitFor(() => expect(paneView(store, uuid).uuids).toEqual(emulator.sent(uuid)));
			expect(paneView(store, uuid).uuids).toHaveLength(2);
		});
	}

	it("500, 502 and 503 for over 2 minutes: retries with capped backoff, visible, recovers", async () => {
		const { emulator, store, tail, project } = await world();
		const uuid = project();
		const other = project(1);
		const clock = new ManualClock();
		tail(uuid, { clock });
		// On the real clock: the two minutes below pass only for the failing project's client.
		tail(other);
		await paneStatus(store, uuid, (status) => status.phase === "live");
		emulator.push(uuid, event(uuid));
		await vi.waitFor(() => expect(paneView(store, uuid).uuids).toHaveLength(1));

		const statuses = [500, 502, 503];
		for (let i = 0; i < 30; i++) {
			emulator.fault(uuid, { fault: { kind: "status", status: statuses[i % 3] as number } });
		}
		const outageStart = clock.now();
		emulator.endStreams(uuid);
		const waits: number[] = [];
		for (let attempt = 1; clock.now() - outageStart < 120_000; attempt++) {
			const waiting = await paneStatus(
				store,
				uuid,
				(status) => status.phase === "reconnecting" && status.attempt === attempt,
			);
			expect(waiting.shortReason).toBe(String(statuses[(attempt - 1) % 3]));
			expect(waiting.reason).toMatch(/^50[023] /);
			const wait = (waiting.retryAt ?? 0) - clock.now();
			waits.push(wait);
			clock.advance(wait);
			await vi.waitFor(() => expect(emulator.requests(uuid)).toBe(attempt + 2));
		}
		// 0.5, 1, 2, 4, 8, 16, then the 30 s cap.
		expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
		const last = await paneStatus(
			store,
			uuid,
			(status) => status.phase === "reconnecting" && status.attempt === waits.length + 1,
		);
		expect((last.retryAt ?? 0) - clock.now()).toBe(30_000);
		// The other project never noticed.
		expect(paneView(store, other).status.phase).toBe("live");

		// The server recovers.
		emulator.clearFaults();
		clock.advance(30_000);
		await paneStatus(store, uuid, (status) => status.phase === "live");
		emulator.push(uuid, event(uuid));
		await vi.waitFor(() => expect(paneView(store, uuid).uuids).toHaveLength(2));
		const view = paneView(store, uuid);
		expect(view.uuids).toEqual(emulator.sent(uuid));
		expect(view.gaps).toHaveLength(1);
		// From the end of the last good stream to the next one: 121.5 s of retries, then one more wait.
		expect(view.gaps[0]?.text).toBe("disconnected 151.5 s: 500");
	});

	it("401 after 10 minutes of a healthy stream: that pane stops with the token message, the other goes on", async () => {
		const { emulator, store, tail, project } = await world({ keepAliveMs: 10 });
		const revoked = project();
		const other = project(1);
		const clock = new ManualClock();
		const client = tail(revoked, { clock });
		const otherClient = tail(other, { clock });
		await paneStatus(store, revoked, (status) => status.phase === "live");
		await paneStatus(store, other, (status) => status.phase === "live");
		// Ten minutes of client time, a keep-alive every 15 s and an event every minute.
		for (let i = 0; i < 40; i++) {
			const bytes = client.status.counters.bytes;
			const otherBytes = otherClient.status.counters.bytes;
			await vi.waitFor(
				() => {
					expect(client.status.counters.bytes).toBeGreaterThan(bytes);
					expect(otherClient.status.counters.bytes).toBeGreaterThan(otherBytes);
				},
				{ interval: 2 },
			);
			if (i % 4 === 0) emulator.push(revoked, event(revoked));
			clock.advance(15_000);
		}
		await vi.waitFor(() => expect(paneView(store, revoked).uuids).toHaveLength(10));
		expect(paneView(store, revoked).status.counters.connections).toBe(1);

		const secret = emulator.token;
		emulator.setToken("rotated-token-value");
		emulator.endStreams(revoked);
		const stopped = await paneStatus(store, revoked, (status) => status.phase === "stopped");
		expect(stopped.fatal).toBe(true);
		expect(stopped.shortReason).toBe("token expired");
		expect(stopped.reason).toMatch(/^Your access token is invalid or has expired/);
		expect(JSON.stringify(stopped)).not.toContain(secret);
		// Events already shown stay; the other pane's open stream goes on.
		expect(paneView(store, revoked).uuids).toHaveLength(10);
		emulator.push(other, event(other, "still flowing"));
		await vi.waitFor(() => expect(paneView(store, other).uuids).toHaveLength(1));
		expect(paneView(store, other).status.phase).toBe("live");
		// Stopped for good: no more requests, however long we wait.
		clock.advance(10 * 60_000);
		await settle();
		expect(emulator.requests(revoked)).toBe(2);
	});
});

describe("unreachable servers", () => {
	it("DNS failure (an error shaped as undici reports it; no real lookup is made): plain reason", () => {
		// Real DNS would query a resolver outside this machine, so the lookup failure is built by hand.
		const lookup = (code: string) =>
			Object.assign(new TypeError("fetch failed"), {
				cause: Object.assign(new Error(`getaddrinfo ${code} api.example.invalid`), {
					code,
					errno: -3008,
					syscall: "getaddrinfo",
					hostname: "api.example.invalid",
				}),
			});
		expect(describeNetworkError(lookup("ENOTFOUND"), "api.example.invalid")).toEqual({
			code: "ENOTFOUND",
			shortReason: "DNS error",
			reason: "Host api.example.invalid not found (DNS lookup failed).",
		});
		expect(describeNetworkError(lookup("EAI_AGAIN"), "api.example.invalid").reason).toBe(
			"DNS lookup for api.example.invalid failed temporarily.",
		);
	});

	it("connection refused: `reconnecting` with the reason, retried with backoff", async () => {
		const { store, tail } = await world();
		const port = await closedPort();
		const uuid = "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1001";
		const clock = new ManualClock();
		tail(uuid, {
			clock,
			target: { origin: `http://127.0.0.1:${port}`, storeHash: "demo1234", token: "tok-refused" },
		});
		const first = await paneStatus(store, uuid, (status) => status.phase === "reconnecting");
		expect(first.reason).toBe(`Connection refused by 127.0.0.1:${port}.`);
		expect(first.retryAt).toBe(clock.now() + 500);
		clock.advance(500);
		const second = await paneStatus(store, uuid, (status) => status.attempt === 2);
		expect(second.phase).toBe("reconnecting");
		expect(second.retryAt).toBe(clock.now() + 1000);
	});

	it("a TLS certificate the client cannot trust: says `certificate` plainly, and retries", async () => {
		const { store, tail } = await world();
		const { key, cert } = selfSignedCertificate();
		const server = createHttpsServer({ key, cert }, (_request, response) => response.end("{}"));
		let connections = 0;
		server.on("connection", () => {
			connections++;
		});
		await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
		try {
			const address = server.address();
			if (address === null || typeof address === "string") throw new Error("no port");
			const uuid = "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1001";
			const clock = new ManualClock();
			tail(uuid, {
				clock,
				target: { origin: `https://127.0.0.1:${address.port}`, storeHash: "demo1234", token: "tok-tls" },
			});
			const first = await paneStatus(store, uuid, (status) => status.phase === "reconnecting");
			expect(first.shortReason).toBe("TLS error");
			expect(first.reason).toMatch(
				/^TLS certificate error: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN) \(127\.0\.0\.1:\d+\)\.$/,
			);
			clock.advance(500);
			await paneStatus(store, uuid, (status) => status.attempt === 2);
			expect(connections).toBe(2);
		} finally {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});
});

describe("big, many and broken events", () => {
	it("a 20 MB event is skipped and counted with the default 8 MiB cap, without keeping it in memory", async () => {
		const { emulator, store, tail, project } = await world();
		const uuid = project();
		tail(uuid);
		await paneStatus(store, uuid, (status) => status.phase === "live");
		const before = event(uuid, "before");
		emulator.push(uuid, before);
		await vi.waitFor(() => expect(paneView(store, uuid).uuids).toEqual([before.uuid]));
		const heapBefore = collectedHeap();

		// Not kept in a variable: the test itself must not hold the 20 MB.
		emulator.push(uuid, event(uuid, "x".repeat(20 * 1024 * 1024)));
		await paneStatus(store, uuid, (status) => status.counters.skipped.oversize === 1);
		// The emulator remembers a stream's frames for replays; a new stream lets the big one go.
		emulator.endStreams(uuid);
		await vi.waitFor(() => expect(emulator.requests(uuid)).toBe(2));
		await vi.waitFor(() => expect(emulator.openStreams(uuid)).toBe(1));
		const after = event(uuid, "after");
		emulator.push(uuid, after);
		await vi.waitFor(() => expect(paneView(store, uuid).uuids).toEqual([before.uuid, after.uuid]));

		const view = paneView(store, uuid);
		expect(view.status.phase).toBe("live");
		expect(view.status.counters.skipped.oversize).toBe(1);
		expect(view.gaps).toEqual([]);
		expect(collectedHeap() - heapBefore).toBeLessThan(5 * 1024 * 1024);
	});

	it("a 200,000-character hostile message: shown, sanitized, its row cut to the pane width", async () => {
		const { emulator, store, tail, project } = await world();
		const uuid = project();
		tail(uuid);
		await paneStatus(store, uuid, (status) => status.phase === "live");
		const payloads = [...hostilePayloadList, ...unterminatedPayloadList];
		let message = "LONG-START ";
		for (let i = 0; message.length < 200_000; i++)
			message += `${"word ".repeat(40)}${payloads[i % payloads.length]}`;
		const long = event(uuid, message.slice(0, 200_000));
		emulator.push(uuid, long);
		await vi.waitFor(() => expect(paneView(store, uuid).uuids).toEqual([long.uuid]));
		const row = paneView(store, uuid).pane.rows.find((candidate) => candidate.entry.kind === "log");
		if (row === undefined) throw new Error("no log row");
		expect(row.entry.text.startsWith("LONG-START word word")).toBe(true);
		// The row keeps the first MAX_ROW_TEXT characters (memory); the event keeps the whole message.
		expect(row.entry.text.length).toBe(MAX_ROW_TEXT);
		expect(row.entry.event?.logs[0]?.text.length).toBeGreaterThan(150_000);
		expect(row.entry.text).not.toMatch(terminalControls);
		expect(row.entry.text).not.toContain("\n");
		const { spans } = rowSpans(row, { width: 80, timeFormat: "utc", now: Date.now(), focused: true });
		expect(spans.reduce((width, span) => width + textWidth(span.text), 0)).toBe(80);
		expect(spans.at(-1)?.text.endsWith("…")).toBe(true);
	});

	it("50,000 events in one burst: all delivered once, and store actions still publish in between", async () => {
		const { emulator, store, tail, project } = await world({}, { scrollback: 200_000 });
		const uuid = project();
		const client = tail(uuid);
		await paneStatus(store, uuid, (status) => status.phase === "live");

		// A "key" every 10 ms: pause or resume, counted when a published snapshot shows it while the
		// burst is still being parsed. How long a key waits behind the ingest is a measure, not a
		// correctness question: bench/ times it (`burst`).
		let shownDuringIngest = 0;
		let expectPaused: boolean | null = null;
		const unsubscribe = store.subscribe(() => {
			const pane = store.getSnapshot().panes[0];
			if (expectPaused !== null && pane?.paused === expectPaused) {
				const count = client.status.counters.events;
				if (count > 0 && count < 50_000) shownDuringIngest++;
				expectPaused = null;
			}
		});
		let probing = true;
		const probe = () => {
			if (!probing) return;
			if (expectPaused === null) {
				expectPaused = !store.getSnapshot().panes[0]?.paused;
				store.togglePause(uuid);
			}
			setTimeout(probe, 10);
		};

		const small = (i: number) => ({
			uuid: `b0000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`,
			logs: [{ level: "info", messages: [`m${i}`] }],
		});
		let written = 0;
		for (let i = 0; i < 50_000; i++) written += emulator.push(uuid, small(i));
		expect(written).toBe(50_000);
		// Probing starts once the emulator (in this same process) has queued the burst: its own
		// synchronous writes are not bctail's doing.
		probe();
		try {
			await vi.waitFor(() => expect(client.status.counters.events).toBe(50_000), { timeout: 30_000 });
		} finally {
			probing = false;
			unsubscribe();
		}
		if (store.getSnapshot().panes[0]?.paused) store.togglePause(uuid);
		const view = paneView(store, uuid);
		expect(view.uuids).toHaveLength(50_000);
		expect(view.uuids).toEqual(emulator.sent(uuid));
		expect(view.pane.totals.events).toBe(50_000);
		expect(view.status.counters.duplicates).toBe(0);
		// The loop was not held for the whole burst: keys got through, and were shown, in between.
		expect(shownDuringIngest).toBeGreaterThan(0);
	});

	it("invalid UTF-8, NUL bytes and lone surrogates: replaced or skipped, never a crash", async () => {
		const { emulator, store, tail, project } = await world();
		const uuid = project();
		const client = tail(uuid);
		await paneStatus(store, uuid, (status) => status.phase === "live");
		const frame = (...parts: (string | number[])[]) =>
			Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part) : Buffer.from(part))));
		// Invalid and truncated UTF-8 inside a JSON string.
		emulator.pushRaw(
			uuid,
			frame(
				'data: {"uuid":"bytes-1","logs":[{"level":"info","messages":["caf',
				[0xc3],
				" x ",
				[0xff, 0xfe, 0xed, 0xa0, 0x80],
				' ok"]}]}\n\n',
			),
		);
		// Escaped NUL and other controls: parsed, then sanitized away.
		emulator.push(uuid, { uuid: "nul-1", logs: [{ level: "info", messages: ["a\u0000b\u0000c"] }] });
		// A raw NUL byte in a JSON string is not JSON: skipped and counted.
		emulator.pushRaw(uuid, frame('data: {"uuid":"nul-raw","logs":[{"messages":["a', [0], 'b"]}]}\n\n'));
		// Lone surrogates, as JSON escapes (what JSON.stringify writes for them).
		emulator.pushRaw(
			uuid,
			'data: {"uuid":"sur-1","logs":[{"level":"info","messages":["x\\ud800y\\udfffz\\ud83d"]}],"exceptions":[{"name":"E\\udc00","message":"m"}]}\n\n',
		);
		emulator.push(uuid, { uuid: "fine-1", logs: [{ level: "info", messages: ["fine"] }] });
		await vi.waitFor(() =>
			expect(paneView(store, uuid).uuids).toEqual(["bytes-1", "nul-1", "sur-1", "fine-1"]),
		);
		const texts = paneView(store, uuid).entries.map((entry) => entry.text);
		expect(texts).toEqual([
			"caf\ufffd x \ufffd\ufffd\ufffd\ufffd\ufffd ok",
			"abc",
			"x\ufffdy\ufffdz\ufffd",
			"E\ufffd: m",
			"fine",
		]);
		for (const text of texts) expect(text).not.toMatch(terminalControls);
		expect(client.status.counters.skipped.json).toBe(1);
		expect(client.status.phase).toBe("live");
		expect(client.status.counters.connections).toBe(1);
	});

	it("the server replays recent events after reconnecting: each shown once", async () => {
		const { emulator, store, tail, project } = await world();
		const uuid = project();
		const client = tail(uuid);
		await paneStatus(store, uuid, (status) => status.phase === "live");
		for (let i = 0; i < 20; i++) emulator.push(uuid, event(uuid));
		await vi.waitFor(() => expect(paneView(store, uuid).uuids).toHaveLength(20));
		emulator.fault(uuid, { fault: { kind: "replay" } });
		emulator.endStreams(uuid);
		await vi.waitFor(() => expect(client.status.counters.duplicates).toBe(20));
		for (let i = 0; i < 5; i++) emulator.push(uuid, event(uuid));
		await vi.waitFor(() => expect(paneView(store, uuid).uuids).toHaveLength(25));
		const view = paneView(store, uuid);
		expect(view.uuids).toEqual(emulator.sent(uuid));
		expect(new Set(view.uuids).size).toBe(25);
		expect(view.gaps).toEqual([]);
	});
});

describe("--save on a full or read-only disk", () => {
	it("a full disk (/dev/full): a clear error on stderr, and tailing goes on", async () => {
		const { emulator, project } = await world();
		const uuid = project();
		const run = cli(emulator, ["--format", "json", "--save", "/dev/full", uuid]);
		await vi.waitFor(() => expect(emulator.openStreams(uuid)).toBe(1));
		emulator.push(uuid, event(uuid, "first"));
		await run.waitForStderr((text) => text.includes("--save"));
		expect(run.stderr()).toMatch(/^bctail: --save: ENOSPC: no space left on device, write$/m);
		emulator.push(uuid, event(uuid, "second"));
		await run.waitForStdout((text) => text.includes("second"));
		expect(run.stdout()).toContain("first");
		expect(run.child.exitCode).toBeNull();
		expect(run.stderr().match(/--save/g)).toHaveLength(1);
	});

	it.runIf(canDropRoot)("a read-only folder: a clear error on stderr, and tailing goes on", async () => {
		const { emulator, project } = await world();
		const uuid = project();
		const folder = join(scratch, "read-only");
		execFileSync("mkdir", ["-p", folder]);
		chmodSync(folder, 0o555);
		const target = join(folder, "events.ndjson");
		const run = unprivilegedCli(emulator, ["--format", "json", "--save", target, uuid]);
		await run.waitForStderr((text) => text.includes("--save"));
		expect(run.stderr()).toMatch(/^bctail: --save: EACCES: permission denied, open '.*events\.ndjson'$/m);
		await vi.waitFor(() => expect(emulator.openStreams(uuid)).toBe(1));
		emulator.push(uuid, event(uuid, "still tailing"));
		await run.waitForStdout((text) => text.includes("still tailing"));
		expect(existsSync(target)).toBe(false);
	});

	it.runIf(hasTmux)("the TUI: a notice in the status bar, and the panes stay live", async () => {
		const session = startTmux(`${process.execPath} ${binPath} --demo --rate 20 --save /dev/full`, {
			width: 150,
			height: 30,
		});
		try {
			const screen = await session.waitFor((text) => text.includes("--save stopped"), 20_000);
			const statusBar = screen.trimEnd().split("\n").at(-1) ?? "";
			expect(statusBar).toContain("--save stopped: ENOSPC: no space left on device, write");
			const live = await session.waitFor((text) => (text.match(/● live/g) ?? []).length === 3);
			expect(live).toContain("catalyst-production");
		} finally {
			session.kill();
		}
	});
});

/** The CLI in line mode against `emulator` (token in the environment), stopped after the test. */
function cli(emulator: { storeHash: string; origin: string; token: string }, args: string[]): CliRun {
	const run = runCli(["--store-hash", emulator.storeHash, "--api-host", emulator.origin, ...args], {
		env: cleanEnv({ CATALYST_ACCESS_TOKEN: emulator.token }),
	});
	cliRuns.push(run);
	return run;
}

const cliRuns: CliRun[] = [];
afterEach(() => {
	for (const run of cliRuns.splice(0)) run.child.kill("SIGKILL");
});

const runningAsRoot = process.getuid?.() === 0;
/** Root ignores permission bits: the read-only case then needs setpriv to run the CLI as nobody. */
const canDropRoot =
	!runningAsRoot ||
	(() => {
		try {
			execFileSync("setpriv", ["--version"], { stdio: "ignore" });
			return true;
		} catch {
			return false;
		}
	})();

/**
 * The CLI as an unprivileged user when the tests run as root (root ignores permission bits, so a
 * read-only folder would not be read-only for it); as is otherwise.
 */
function unprivilegedCli(
	emulator: { storeHash: string; origin: string; token: string },
	args: string[],
): CliRun {
	const run = runCli(["--store-hash", emulator.storeHash, "--api-host", emulator.origin, ...args], {
		env: cleanEnv({ CATALYST_ACCESS_TOKEN: emulator.token }),
		cwd: "/",
		prefix: runningAsRoot ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [],
	});
	cliRuns.push(run);
	return run;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = createNetServer();
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (address === null || typeof address === "string") throw new Error("no port");
	return address.port;
}

/** A throwaway self-signed certificate for 127.0.0.1, made with openssl in the scratch folder. */
function selfSignedCertificate(): { key: string; cert: string } {
	const keyFile = join(scratch, "key.pem");
	const certFile = join(scratch, "cert.pem");
	execFileSync(
		"openssl",
		[
			"req",
			"-x509",
			"-newkey",
			"ec",
			"-pkeyopt",
			"ec_paramgen_curve:prime256v1",
			"-nodes",
			"-keyout",
			keyFile,
			"-out",
			certFile,
			"-days",
			"1",
			"-subj",
			"/CN=127.0.0.1",
			"-addext",
			"subjectAltName=IP:127.0.0.1",
		],
		{ stdio: "ignore", timeout: 30_000 },
	);
	return { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8") };
}

/** heapUsed after full collections (gc is exposed at run time: vitest's workers do not pass flags). */
function collectedHeap(): number {
	setFlagsFromString("--expose-gc");
	const gc = runInNewContext("gc") as () => void;
	for (let i = 0; i < 3; i++) gc();
	return process.memoryUsage().heapUsed;
}
