/**
 * The one owner of a session's projects: opening a project adds it to the sink (the TUI's store, or
 * line mode's printer) and starts its stream client in the same step; closing one stops the client and
 * removes it from the sink. Every event is teed to the recorder (`--save`) and to the sink.
 *
 * The recording is independent of what the sink does with an event: the JSON text is read once, before
 * the event is handed to anyone, so a sink that keeps a compact copy (or changes the event) cannot
 * change what is recorded, whichever runs first.
 */
import type { ProjectInfo, TailSink } from "../model/types.js";
import type { Recorder } from "../record/recorder.js";
import type { HistoryFilters } from "../stream/history-client.js";
import {
	type AroundResult,
	createHistoryFeed,
	type FilteredResult,
	type HistoryFeed,
	type HistoryFeedOptions,
	type HistorySink,
	type OlderResult,
} from "../stream/history-feed.js";
import {
	createTailClient,
	type TailClient,
	type TailClientOptions,
	type TailTarget,
} from "../stream/tail-client.js";
import { userAgent } from "../util/version.js";
import { detachableSink, recordingSink } from "./session-sinks.js";

/** Where the session's events go, and (for the store) which projects it shows. */
export interface SessionSink extends HistorySink {
	/** A project was opened: show it (its name when known). */
	addProject?(uuid: string, name?: string): void;
	/** A project was closed: forget it. Called after its stream client has been told to stop. */
	removeProject?(uuid: string): void;
}

export interface SessionControllerOptions {
	readonly target: TailTarget;
	readonly sink: SessionSink;
	/** `--save`: receives every event's JSON line, as received. */
	readonly recorder?: Recorder | undefined;
	readonly idleTimeoutMs: number;
	readonly maxEventBytes: number;
	/**
	 * History around the live tail (backfill on open, gap and seam fills); omitted: live only. See
	 * `stream/history-feed.ts`.
	 */
	readonly history?: Omit<HistoryFeedOptions, "target" | "sink"> | undefined;
	/** Makes one project's stream client (default `createTailClient`). */
	readonly createClient?: (options: TailClientOptions) => TailClient;
}

/** A project to open: its UUID, and its name when known (else the pane shows the UUID). */
export interface SessionProject {
	readonly uuid: string;
	readonly name?: string | undefined;
}

export interface SessionController {
	/** Adds the project to the sink and starts its stream; false when it was already open. */
	open(project: SessionProject): boolean;
	/** Stops the project's stream and removes it from the sink; resolves when the client is quiet. */
	close(uuid: string): Promise<void>;
	/** Whether the project is open. */
	has(uuid: string): boolean;
	/** The open projects, in the order they were opened. */
	readonly projects: readonly string[];
	/** Stops every stream (projects stay in the sink, so the last state stays on screen). */
	stopAll(): Promise<void>;
	/** One page of history before `beforeMs` for scrolling back (see `HistoryFeed.loadOlder`). */
	loadOlder(uuid: string, beforeMs: number): Promise<OlderResult>;
	/** A window of history around `atMs`, for going to a time (see `HistoryFeed.loadAround`). */
	loadAround(uuid: string, atMs: number, untilMs: number): Promise<AroundResult>;
	/** A page of what server-side filters match before `beforeMs` (see `HistoryFeed.loadFiltered`). */
	loadFiltered(uuid: string, filters: HistoryFilters, beforeMs: number): Promise<FilteredResult>;
	/** What the TUI's picker calls: opens each chosen project. */
	openProjects(projects: readonly ProjectInfo[]): void;
}

/**
 * Creates the controller of one session. Nothing is opened yet.
 * @param options where events go, the recorder, and the stream clients' settings
 */
export function createSessionController(options: SessionControllerOptions): SessionController {
	const { sink, recorder } = options;
	const makeClient = options.createClient ?? createTailClient;
	const clients = new Map<string, { readonly client: TailClient; readonly detach: () => void }>();
	const recording = recordingSink(sink, recorder);
	const feed =
		options.history === undefined
			? null
			: createHistoryFeed({ ...options.history, target: options.target, sink: recording });
	const downstream: TailSink = feed ?? recording;
	const reads = historyReads(feed, recorder);

	const controller: SessionController = {
		open(project) {
			if (clients.has(project.uuid)) return false;
			sink.addProject?.(project.uuid, project.name);
			const tee = detachableSink(downstream);
			const client = makeClient({
				target: options.target,
				projectUuid: project.uuid,
				sink: tee.sink,
				idleTimeoutMs: options.idleTimeoutMs,
				maxEventBytes: options.maxEventBytes,
				userAgent,
				...minStreamFromEnvironment(),
			});
			clients.set(project.uuid, { client, detach: tee.detach });
			feed?.open(project.uuid);
			client.start();
			return true;
		},
		async close(uuid) {
			const open = clients.get(uuid);
			if (open === undefined) return;
			clients.delete(uuid);
			open.detach();
			feed?.close(uuid);
			const stopping = open.client.stop();
			sink.removeProject?.(uuid);
			await stopping;
		},
		has: (uuid) => clients.has(uuid),
		get projects() {
			return [...clients.keys()];
		},
		async stopAll() {
			// Attached to the end: line mode reports each project's last state.
			const all = [...clients.values()];
			clients.clear();
			feed?.stopAll();
			await Promise.all(all.map((open) => open.client.stop()));
		},
		...reads,
		openProjects(projects) {
			for (const project of projects) controller.open({ uuid: project.uuid, name: project.name });
		},
	};
	return controller;
}

/**
 * The reads a pane places itself, or refusals when the session has no history. What they bring is
 * recorded too (`--save` holds every event the session received; replay puts older pages back in
 * front of the pane, see record/replay-placement.ts).
 */
function historyReads(
	feed: HistoryFeed | null,
	recorder: Recorder | undefined,
): Pick<SessionController, "loadOlder" | "loadAround" | "loadFiltered"> {
	const none = { kind: "off", reason: "history is not enabled in this session" } as const;
	if (feed === null)
		return {
			loadOlder: () => Promise.resolve(none),
			loadAround: () => Promise.resolve(none),
			loadFiltered: () => Promise.resolve(none),
		};
	const record = <Result extends OlderResult | AroundResult | FilteredResult>(result: Result): Result => {
		if (recorder !== undefined && result.kind === "events")
			for (const event of result.events) recorder.write(event.json);
		return result;
	};
	return {
		loadOlder: (uuid, beforeMs) => feed.loadOlder(uuid, beforeMs).then(record),
		loadAround: (uuid, atMs, untilMs) => feed.loadAround(uuid, atMs, untilMs).then(record),
		loadFiltered: (uuid, filters, beforeMs) => feed.loadFiltered(uuid, filters, beforeMs).then(record),
	};
}

/**
 * `BCTAIL_MIN_STREAM_MS`: below this life a clean stream end counts as ended early (see
 * `TailClientOptions.minStreamMs`). For emulators and test servers whose streams are short on
 * purpose; unset, the client's default applies.
 */
function minStreamFromEnvironment(): { minStreamMs?: number } {
	const raw = process.env.BCTAIL_MIN_STREAM_MS;
	if (raw === undefined || !/^\d+$/.test(raw.trim())) return {};
	return { minStreamMs: Number(raw.trim()) };
}
