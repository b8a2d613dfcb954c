/**
 * The session controller against the emulator over real loopback HTTP: a project opens in the sink
 * and on the wire together, closes in both together, and every event is recorded as received.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSessionController, type SessionSink } from "../../source/cli/session-controller.js";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import type { TailEvent } from "../../source/model/types.js";
import { createRecorder } from "../../source/record/recorder.js";
import { createTailStore } from "../../source/store/store.js";
import { ManualClock } from "../../source/util/clock.js";

const folder = mkdtempSync(join(tmpdir(), "bctail-session-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let emulator: Emulator;
beforeEach(async () => {
	emulator = await createEmulator({ rate: 0, keepAliveMs: 100, streamEndMs: 0 });
});
afterEach(async () => {
	await emulator.close();
});

/** A sink that writes down every call, in order, as `kind:project[:detail]`. */
function journalSink(): SessionSink & { readonly calls: string[]; readonly events: TailEvent[] } {
	const calls: string[] = [];
	const events: TailEvent[] = [];
	return {
		calls,
		events,
		addProject: (uuid, name) => calls.push(`add:${uuid}:${name ?? ""}`),
		removeProject: (uuid) => calls.push(`remove:${uuid}`),
		event(project, event) {
			calls.push(`event:${project}:${event.uuid}`);
			events.push(event);
		},
		status: (project, status) => calls.push(`status:${project}:${status.phase}`),
		gap: (project) => calls.push(`gap:${project}`),
		skip: (project, cause) => calls.push(`skip:${project}:${cause}`),
	};
}

const target = () => ({ origin: emulator.origin, storeHash: emulator.storeHash, token: emulator.token });
const uuidOf = (index: number): string => emulator.projects[index]!.uuid;
const open = (index: number) =>
	vi.waitFor(() => expect(emulator.openStreams(uuidOf(index))).toBeGreaterThan(0), { timeout: 10_000 });
const event = (n: number, message = `event ${n}`) => ({
	uuid: `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
	timestamp: "2026-01-01T00:00:00.000Z",
	request: { method: "GET", url: `/item/${n}`, status_code: 200 },
	logs: [{ timestamp: "2026-01-01T00:00:00.000Z", level: "info", messages: [message] }],
	exceptions: [],
});

describe("createSessionController", () => {
	it("opens a project in the sink and on the wire together, once", async () => {
		const sink = journalSink();
		const session = createSessionController({
			target: target(),
			sink,
			idleTimeoutMs: 30_000,
			maxEventBytes: 1 << 20,
		});
		expect(session.open({ uuid: uuidOf(0), name: "production" })).toBe(true);
		expect(session.open({ uuid: uuidOf(0) })).toBe(false);
		session.openProjects([emulator.projects[1]!]);
		expect(sink.calls.filter((call) => call.startsWith("add:"))).toEqual([
			`add:${uuidOf(0)}:production`,
			`add:${uuidOf(1)}:${emulator.projects[1]!.name}`,
		]);
		// The pane exists before its stream reports anything.
		expect(sink.calls[0]).toBe(`add:${uuidOf(0)}:production`);
		expect(session.projects).toEqual([uuidOf(0), uuidOf(1)]);
		await open(0);
		await open(1);
		expect(emulator.openStreams(uuidOf(0))).toBe(1);
		emulator.push(uuidOf(1), event(1));
		await vi.waitFor(() => expect(sink.calls).toContain(`event:${uuidOf(1)}:${event(1).uuid}`));
		await session.stopAll();
		expect(session.projects).toEqual([]);
		// Stopping is not closing: the projects stay in the sink with their last state.
		expect(sink.calls.filter((call) => call.startsWith("remove:"))).toEqual([]);
		await vi.waitFor(() => expect(emulator.openStreams(uuidOf(0)) + emulator.openStreams(uuidOf(1))).toBe(0));
	});

	it("closes a project in the sink and on the wire together; nothing of it reaches the sink after", async () => {
		const sink = journalSink();
		const session = createSessionController({
			target: target(),
			sink,
			idleTimeoutMs: 30_000,
			maxEventBytes: 1 << 20,
		});
		session.open({ uuid: uuidOf(0) });
		session.open({ uuid: uuidOf(1) });
		await open(0);
		await open(1);
		await session.close(uuidOf(0));
		expect(session.has(uuidOf(0))).toBe(false);
		const removedAt = sink.calls.indexOf(`remove:${uuidOf(0)}`);
		expect(removedAt).toBeGreaterThan(-1);
		await vi.waitFor(() => expect(emulator.openStreams(uuidOf(0))).toBe(0));
		emulator.push(uuidOf(1), event(2));
		await vi.waitFor(() => expect(sink.calls).toContain(`event:${uuidOf(1)}:${event(2).uuid}`));
		// Not even the `stopped` the closing client reports: a closed pane cannot come back.
		expect(sink.calls.slice(removedAt + 1).some((call) => call.includes(uuidOf(0)))).toBe(false);
		await session.close(uuidOf(0)); // twice is harmless
		await session.stopAll();
	});

	it("records each event as received, whatever the store does with it afterwards", async () => {
		const store = createTailStore({ scrollback: 100, clock: new ManualClock(0) });
		const path = join(folder, "tee.ndjson");
		const recorder = createRecorder(path, { clock: new ManualClock(0), onError: () => {} });
		const session = createSessionController({
			target: target(),
			sink: store,
			recorder,
			idleTimeoutMs: 30_000,
			maxEventBytes: 1 << 20,
		});
		session.open({ uuid: uuidOf(0) });
		await open(0);
		// The store keeps a compact copy that escapes non-Latin-1 text; the recording keeps it readable.
		const sent = event(3, "日本語 ü 😀");
		emulator.push(uuidOf(0), sent);
		await vi.waitFor(async () => {
			await recorder.flush();
			expect(readFileSync(path, "utf8")).toContain(sent.uuid);
		});
		await session.stopAll();
		await recorder.close();
		store.dispose();
		const line = readFileSync(path, "utf8").trim();
		expect(line).toContain("日本語 ü 😀");
		expect(JSON.parse(line)).toMatchObject(sent);
	});
});
