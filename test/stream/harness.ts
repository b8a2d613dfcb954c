/** Shared set-up for the stream client tests: emulators and clients that are torn down after each test. */
import { afterEach, expect, vi } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator, EmulatorOptions } from "../../source/emulator/types.js";
import type { ConnectionStatus } from "../../source/model/types.js";
import {
	createTailClient,
	type TailClient,
	type TailClientOptions,
	type TailTarget,
} from "../../source/stream/tail-client.js";
import type { RecordingSink } from "./recording-sink.js";

const emulators: Emulator[] = [];
const clients: TailClient[] = [];
const watched: { sink: RecordingSink; token: string }[] = [];

afterEach(async () => {
	await Promise.all(clients.splice(0).map((client) => client.stop()));
	await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
	// Whatever a test checked, no status or gap any client ever reported may contain its token.
	for (const { sink, token } of watched.splice(0)) expectNoToken(sink, token);
});

/** An emulator with fast keep-alives and stream ends, and no generated traffic unless asked. */
export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const instance = await createEmulator({ rate: 0, keepAliveMs: 50, streamEndMs: 200, ...options });
	emulators.push(instance);
	return instance;
}

export function projectOf(instance: Emulator, index = 0): string {
	const project = instance.projects[index];
	if (project === undefined) throw new Error("no such project");
	return project.uuid;
}

/** A started client of `project` on `instance`, reporting into `sink`; no jitter wait unless asked. */
export function client(
	instance: Emulator,
	project: string,
	sink: RecordingSink,
	options: Partial<TailClientOptions> = {},
): TailClient {
	return clientFor(
		{ origin: instance.origin, storeHash: instance.storeHash, token: instance.token },
		project,
		sink,
		options,
	);
}

/** A started client of `project` at `target` (stopped after the test). */
export function clientFor(
	target: TailTarget,
	project: string,
	sink: RecordingSink,
	options: Partial<TailClientOptions> = {},
): TailClient {
	const tail = createTailClient({ target, projectUuid: project, sink, random: () => 0, minStreamMs: 0, ...options });
	clients.push(tail);
	watched.push({ sink, token: (options.target ?? target).token });
	tail.start();
	return tail;
}

/** Every status the sink saw, with the token nowhere in it. */
export function expectNoToken(sink: RecordingSink, ...tokens: string[]): void {
	const all = JSON.stringify(sink.statuses) + JSON.stringify(sink.gaps);
	for (const token of tokens) expect(all).not.toContain(token);
}

/** Waits until some status of the project (in order of arrival) satisfies `check`; returns the first. */
export async function statusWhere(
	sink: RecordingSink,
	project: string,
	check: (status: ConnectionStatus) => boolean,
	timeout = 10_000,
): Promise<ConnectionStatus> {
	return vi.waitFor(
		() => {
			const found = sink.statusesOf(project).find(check);
			if (found === undefined)
				throw new Error(`no matching status; last: ${JSON.stringify(sink.last(project))}`);
			return found;
		},
		{ timeout, interval: 5 },
	);
}
