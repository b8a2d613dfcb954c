import { afterEach, describe, expect, test } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import { formatEventFrame, formatKeepAlive } from "../../source/emulator/sse-writer.js";
import type { Emulator, EmulatorOptions } from "../../source/emulator/types.js";
import { eventsOf, openTail, type TailReader, until } from "./sse-client.js";

let emulator: Emulator | undefined;
afterEach(async () => {
	await emulator?.close();
	emulator = undefined;
});

const keepAlives = (tail: TailReader, style: "comment" | "empty-data"): number =>
	style === "comment"
		? tail.comments.filter((comment) => comment.trim() === "keep-alive").length
		: tail.events.filter((event) => event.data === "").length;

const combinations: [
	NonNullable<EmulatorOptions["framing"]>,
	NonNullable<EmulatorOptions["lineEnding"]>,
	NonNullable<EmulatorOptions["keepAliveStyle"]>,
][] = [];
for (const framing of ["data", "message"] as const) {
	for (const lineEnding of ["\n", "\r\n", "\r"] as const) {
		for (const keepAliveStyle of ["comment", "empty-data"] as const)
			combinations.push([framing, lineEnding, keepAliveStyle]);
	}
}

describe("SSE framing", () => {
	test.each(combinations)(
		"framing %j, line ending %j, keep-alive %j",
		async (framing, lineEnding, keepAliveStyle) => {
			emulator = await createEmulator({
				rate: 0,
				keepAliveMs: 50,
				streamEndMs: 30_000,
				framing,
				lineEnding,
				keepAliveStyle,
			});
			const project = emulator.projects[0]!.uuid;
			const tail = await openTail(emulator, project);
			await until(() => expect(keepAlives(tail, keepAliveStyle)).toBeGreaterThanOrEqual(2));

			const event = { uuid: "e-1", project_uuid: project, note: "première ligne 🚀" };
			expect(emulator.push(project, event)).toBe(1);
			expect(emulator.push(project, "line one\nline two")).toBe(1);
			await until(() => expect(tail.events.filter((e) => e.data !== "")).toHaveLength(2));
			emulator.endStreams(project);
			await tail.done;
			expect(tail.ended).toBe(true);

			const frames = tail.events.filter((e) => e.data !== "");
			expect(JSON.parse(frames[0]!.data)).toEqual(event);
			expect(frames[1]!.data).toBe("line one\nline two");
			for (const frame of frames) expect(frame.event).toBe(framing === "message" ? "message" : undefined);
			if (keepAliveStyle === "comment") expect(tail.events.filter((e) => e.data === "")).toHaveLength(0);
			else expect(tail.comments).toHaveLength(0);

			// Every line break on the wire is the chosen one.
			const breaks = tail.raw.match(/\r\n|\r|\n/g) ?? [];
			expect(breaks.length).toBeGreaterThan(0);
			expect(new Set(breaks)).toEqual(new Set([lineEnding]));
			expect(tail.raw.includes("event: message")).toBe(framing === "message");
		},
	);

	test("the server ends a stream after streamEndMs, with keep-alives before", async () => {
		emulator = await createEmulator({ rate: 0, keepAliveMs: 50, streamEndMs: 300 });
		const project = emulator.projects[0]!.uuid;
		const started = Date.now();
		const tail = await openTail(emulator, project);
		expect(emulator.openStreams(project)).toBe(1);
		await tail.done;
		const elapsed = Date.now() - started;
		expect(tail.ended).toBe(true);
		expect(tail.error).toBeUndefined();
		expect(keepAlives(tail, "comment")).toBeGreaterThanOrEqual(1);
		// Timers never fire early ("never" is the test's timeout).
		expect(elapsed).toBeGreaterThanOrEqual(250);
		await until(() => expect(emulator!.openStreams(project)).toBe(0));
	});

	test("endStreams ends the streams of one project, or of all", async () => {
		emulator = await createEmulator({ rate: 0, keepAliveMs: 50, streamEndMs: 30_000 });
		const [a, b, c] = emulator.projects.map((p) => p.uuid) as [string, string, string];
		const tails = await Promise.all([openTail(emulator, a), openTail(emulator, b), openTail(emulator, c)]);
		expect(emulator.openStreams()).toBe(3);
		emulator.endStreams(a);
		await tails[0].done;
		expect(tails[0].ended).toBe(true);
		await until(() => expect(emulator!.openStreams()).toBe(2));
		expect(emulator.openStreams(a)).toBe(0);
		emulator.endStreams();
		await Promise.all(tails.map((t) => t.done));
		expect(tails.every((t) => t.ended)).toBe(true);
		await until(() => expect(emulator!.openStreams()).toBe(0));
	});

	test("rate 0 sends keep-alives and nothing else", async () => {
		emulator = await createEmulator({ rate: 0, keepAliveMs: 50, streamEndMs: 30_000 });
		const project = emulator.projects[0]!.uuid;
		const tail = await openTail(emulator, project);
		await until(() => expect(keepAlives(tail, "comment")).toBeGreaterThanOrEqual(4));
		expect(eventsOf(tail)).toEqual([]);
		expect(emulator.sent(project)).toEqual([]);
		tail.abort();
	});

	test("hostile traffic reaches the wire and still parses", async () => {
		emulator = await createEmulator({ rate: 300, keepAliveMs: 50, streamEndMs: 30_000, hostile: true });
		const project = emulator.projects[0]!.uuid;
		const tail = await openTail(emulator, project);
		// JSON on the wire escapes ESC and BEL; once parsed, the strings carry them raw again.
		const escapes = (value: unknown): boolean =>
			typeof value === "string"
				? /[\u0007\u001b]/.test(value)
				: typeof value === "object" && value !== null && Object.values(value).some(escapes);
		await until(() => expect(eventsOf(tail).some(escapes)).toBe(true));
		expect(tail.raw).toMatch(/\\u001b/);
		tail.abort();
	});

	test("frame builders produce the documented bytes", () => {
		const style = { framing: "message", lineEnding: "\r\n", keepAliveStyle: "empty-data" } as const;
		expect(formatEventFrame('{"a":1}', style)).toBe('event: message\r\ndata: {"a":1}\r\n\r\n');
		expect(formatEventFrame("x\ny", { ...style, framing: "data" })).toBe("data: x\r\ndata: y\r\n\r\n");
		expect(formatKeepAlive(style)).toBe("event: message\r\ndata:\r\n\r\n");
		expect(formatKeepAlive({ ...style, framing: "data" })).toBe("data:\r\n\r\n");
		expect(formatKeepAlive({ ...style, keepAliveStyle: "comment", lineEnding: "\n" })).toBe(
			": keep-alive\n\n",
		);
	});

	test("generated events arrive parsed whole, and each is recorded as sent", async () => {
		emulator = await createEmulator({ rate: 200, keepAliveMs: 50, streamEndMs: 30_000, seed: 7 });
		const project = emulator.projects[2]!.uuid;
		const tail = await openTail(emulator, project);
		await until(() => expect(eventsOf(tail).length).toBeGreaterThanOrEqual(20));
		emulator.endStreams(project);
		await tail.done;
		const received = eventsOf(tail);
		expect(received.map((event) => event.uuid)).toEqual(emulator.sent(project));
		for (const event of received) expect(event.project_uuid).toBe(project);
	});
});
