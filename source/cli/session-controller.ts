/**
 * The one owner of a session's projects: opening a project adds it to the sink (the TUI's store, or
 * line mode's printer) and starts its stream client in the same step; closing one stops the client and
 * removes it from the sink. Every event is teed to the recorder (`--save`) and to the sink.
 *
 * The recording is independent of what the sink does with an event: the JSON text is read once, before
 * the event is handed to anyone, so a sink that keeps a compact copy (or changes the event) cannot
 * change what is recorded, whichever runs first.
 */
import type { ConnectionStatus, Gap, ProjectInfo, SkipCause, TailEvent, TailSink } from "../model/types.js";
import type { Recorder } from "../record/recorder.js";
import {
	createHistoryFeed,
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
	/** Live and history events alike reach the sink here, and the recorder with them. */
	const recording: HistorySink = {
		event(project: string, event: TailEvent) {
			// Read before the sink sees the event: see the file comment.
			const json = recorder === undefined ? "" : event.json;
			sink.event(project, event);
			recorder?.write(json);
		},
		status: (project, status) => sink.status(project, status),
		gap: (project, gap) => sink.gap(project, gap),
		skip: (project, cause) => sink.skip(project, cause),
		seam: (project, seam) => sink.seam?.(project, seam),
		historyNote: (project, note) => sink.historyNote?.(project, note),
	};
	const feed =
		options.history === undefined
			? null
			: createHistoryFeed({ ...options.history, target: options.target, sink: recording });
	const downstream: TailSink = feed ?? recording;

	/**
	 * One project's tee. Once the project is closed its client's last reports (the `stopped` it sends
	 * while stopping, a late event) are dropped here, so a closed pane cannot come back whatever the
	 * sink does with reports of unknown projects.
	 */
	const teeFor = (): { sink: TailSink; detach: () => void } => {
		let attached = true;
		const sinkOf: TailSink = {
			event(project: string, event: TailEvent) {
				if (attached) downstream.event(project, event);
			},
			status(project: string, status: ConnectionStatus) {
				if (attached) downstream.status(project, status);
			},
			gap(project: string, gap: Gap) {
				if (attached) downstream.gap(project, gap);
			},
			skip(project: string, cause: SkipCause) {
				if (attached) downstream.skip(project, cause);
			},
			seam(project: string, seam: { readonly start: number; readonly end: number }) {
				if (attached) downstream.seam?.(project, seam);
			},
		};
		return {
			sink: sinkOf,
			detach: () => {
				attached = false;
			},
		};
	};

	const controller: SessionController = {
		open(project) {
			if (clients.has(project.uuid)) return false;
			sink.addProject?.(project.uuid, project.name);
			const tee = teeFor();
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
		loadOlder(uuid, beforeMs) {
			return feed === null
				? Promise.resolve({ kind: "off", reason: "history is not enabled in this session" })
				: feed.loadOlder(uuid, beforeMs);
		},
		openProjects(projects) {
			for (const project of projects) controller.open({ uuid: project.uuid, name: project.name });
		},
	};
	return controller;
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
