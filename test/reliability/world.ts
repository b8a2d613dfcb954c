/**
 * The whole data path as bctail wires it, for the reliability tests: the emulator on loopback, one
 * real stream client per project, and the real store as their sink. Everything started here is torn
 * down after each test, and no status the store ever held may contain the access token.
 */
import { afterEach, expect, vi } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator, EmulatorOptions } from "../../source/emulator/types.js";
import type { ConnectionStatus, TailSink } from "../../source/model/types.js";
import { createTailStore } from "../../source/store/store.js";
import type { Entry, PaneSnapshot, StoreOptions, TailStore } from "../../source/store/types.js";
import {
	createTailClient,
	type TailClient,
	type TailClientOptions,
} from "../../source/stream/tail-client.js";

const emulators: Emulator[] = [];
const clients: TailClient[] = [];
const stores: { store: TailStore; tokens: string[]; statuses: ConnectionStatus[] }[] = [];

afterEach(async () => {
	await Promise.all(clients.splice(0).map((client) => client.stop()));
	await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
	for (const { store, tokens, statuses } of stores.splice(0)) {
		store.dispose();
		const seen = JSON.stringify(statuses) + JSON.stringify(store.getSnapshot());
		for (const token of tokens) expect(seen).not.toContain(token);
	}
});

export interface World {
	readonly emulator: Emulator;
	readonly store: TailStore;
	/** Every status any client reported, in order (the store keeps only the last per pane). */
	readonly statuses: ConnectionStatus[];
	/** Starts a real client of `project` that reports into the store (jitter off unless asked). */
	tail(project: string, options?: Partial<TailClientOptions>): TailClient;
	/** The uuid of the emulator's n-th project. */
	project(index?: number): string;
}

/** An emulator with no generated traffic and fast keep-alives (unless overridden), and a store. */
export async function world(
	emulatorOptions: EmulatorOptions = {},
	storeOptions: StoreOptions = {},
): Promise<World> {
	const emulator = await createEmulator({
		rate: 0,
		keepAliveMs: 50,
		streamEndMs: 60_000,
		...emulatorOptions,
	});
	emulators.push(emulator);
	const store = createTailStore(storeOptions);
	const statuses: ConnectionStatus[] = [];
	const record = { store, tokens: [emulator.token], statuses };
	stores.push(record);
	// The store is the sink, as in the TUI; statuses are also kept to check every one of them.
	const sink: TailSink = {
		event: (project, event) => store.event(project, event),
		status: (project, status) => {
			statuses.push(status);
			store.status(project, status);
		},
		gap: (project, gap) => store.gap(project, gap),
		skip: (project, cause) => store.skip(project, cause),
	};
	return {
		emulator,
		store,
		statuses,
		tail(project, options = {}) {
			const target = options.target ?? {
				origin: emulator.origin,
				storeHash: emulator.storeHash,
				token: emulator.token,
			};
			record.tokens.push(target.token);
			store.addProject(project);
			const client = createTailClient({ target, projectUuid: project, sink, random: () => 1, minStreamMs: 0, ...options });
			clients.push(client);
			client.start();
			return client;
		},
		project(index = 0) {
			const project = emulator.projects[index];
			if (project === undefined) throw new Error(`the emulator has no project ${index}`);
			return project.uuid;
		},
	};
}

/** What one pane of the store holds right now, read through its public snapshot. */
export interface PaneView {
	readonly pane: PaneSnapshot;
	/** The uuids of the events in the pane, in order, one per event (a repeated event shows twice). */
	readonly uuids: string[];
	readonly gaps: Entry[];
	readonly entries: Entry[];
	readonly status: ConnectionStatus;
}

/** Every row of the pane (the viewport is grown to the whole buffer for the read). */
export function paneView(store: TailStore, project: string): PaneView {
	store.flush();
	const find = (): PaneSnapshot => {
		const pane = store.getSnapshot().panes.find((candidate) => candidate.id === project);
		if (pane === undefined) throw new Error(`no pane for ${project}`);
		return pane;
	};
	store.setViewport(project, find().size);
	store.flush();
	const pane = find();
	const entries = pane.rows.map((row) => row.entry);
	const uuids: string[] = [];
	let previous: unknown = null;
	for (const entry of entries) {
		// The rows of one event are consecutive and share its object: a new object is a new event.
		if (entry.event !== null && entry.event !== previous) uuids.push(entry.event.uuid);
		previous = entry.event;
	}
	return { pane, uuids, gaps: entries.filter((entry) => entry.kind === "gap"), entries, status: pane.status };
}

/** Waits until the pane's status (as the store holds it) satisfies `check`. */
export async function paneStatus(
	store: TailStore,
	project: string,
	check: (status: ConnectionStatus) => boolean,
	timeout = 20_000,
): Promise<ConnectionStatus> {
	return vi.waitFor(
		() => {
			const status = paneView(store, project).status;
			if (!check(status)) throw new Error(`pane status not there yet: ${JSON.stringify(status)}`);
			return status;
		},
		{ timeout, interval: 5 },
	);
}

let counter = 0;

/** A small valid tail event with a fresh uuid. */
export function event(project: string, message = "hello", extra: Record<string, unknown> = {}) {
	counter += 1;
	return {
		uuid: `7e57e7e7-0000-4000-8000-${counter.toString(16).padStart(12, "0")}`,
		project_uuid: project,
		request: { method: "GET", url: `/r/${counter}`, status_code: 200 },
		logs: [{ timestamp: "2026-01-01T00:00:00.000Z", level: "info", messages: [message] }],
		exceptions: [],
		timestamp: "2026-01-01T00:00:00.000Z",
		...extra,
	};
}

/** Lets pending I/O callbacks and promise jobs run, before a negative check. */
export const settle = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** Forbidden in anything bound for a terminal: C0 but LF, DEL, C1, bidi controls and marks. */
export const terminalControls =
	/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
