import type { ConnectionStatus, Gap, SkipCause, TailEvent } from "../model/types.js";
import { createLineFormatter, type LineFormat } from "../output/line-format.js";
import { createLineWriter } from "../output/line-writer.js";
import { createNoticeWriter } from "../output/notice-writer.js";
import { describeOutputError } from "../output/output-error.js";
import { createRecorder } from "../record/recorder.js";
import type { HistoryFeedOptions, HistoryNote, HistorySink } from "../stream/history-feed.js";
import type { TailTarget } from "../stream/tail-client.js";
import { type Clock, systemClock } from "../util/clock.js";
import { waitForExitSignal } from "./exit-signal.js";
import { describeGapToFill, describeHistoryNote } from "./history-notes.js";
import { createSessionController } from "./session-controller.js";
import { describePhaseChange, describeSkip } from "./status-line.js";

export interface LineModeOptions {
	readonly target: TailTarget;
	readonly projects: readonly { readonly uuid: string; readonly label: string }[];
	readonly format: LineFormat;
	readonly color: boolean;
	readonly idleTimeoutMs: number;
	readonly maxEventBytes: number;
	readonly save?: string | undefined;
	readonly stdout: NodeJS.WritableStream;
	readonly stderr: NodeJS.WritableStream;
	readonly clock?: Clock;
	/**
	 * Characters that may wait for a stalled stdout before events are given up (counted, reported,
	 * exit 1); default 128 Mi.
	 */
	readonly maxBacklogChars?: number;
	/** History printed first (`--since`), in ms; 0 or undefined: none. */
	readonly sinceMs?: number | undefined;
	/** History settings for tests (delays, page size); gaps and seams are always filled. */
	readonly history?: Omit<HistoryFeedOptions, "target" | "sink" | "sinceMs"> | undefined;
	/** Ends the tail like SIGTERM does (exit 0 unless events were lost). */
	readonly signal?: AbortSignal;
}

/** Skip and loss notices are rate-limited per project: a flood of bad frames must not flood stderr. */
const skipNoticeIntervalMs = 1000;

/**
 * Default for `maxBacklogChars`: text waiting for a stalled stdout. The stream client has no way to
 * stop reading yet (its sink cannot make it wait), so this is what a slow reader may cost in memory
 * before events are given up, counted and reported.
 */
const defaultMaxBacklogChars = 128 * 1024 * 1024;

/**
 * Tails the projects and prints their events as lines until a signal, a closed stdout, or every
 * project stopping on a fatal error (exit 1). Connection news goes to stderr, never into the data.
 * stdout failing other than by a closed pipe (a full disk) is said on stderr and exits 1; so does a
 * reader too slow to keep up, once events had to be given up (never silently).
 */
export async function runLineMode(options: LineModeOptions): Promise<number> {
	const clock = options.clock ?? systemClock;
	const labels = new Map(options.projects.map((project) => [project.uuid, project.label]));
	const labelOf = (uuid: string): string => labels.get(uuid) ?? uuid.slice(0, 8);
	const format = createLineFormatter({
		format: options.format,
		color: options.color,
		label: options.projects.length > 1 ? labelOf : undefined,
	});
	const notices = createNoticeWriter(options.stderr);
	const note = (line: string): void => notices.write(line);

	let finish: (code: number) => void = () => {};
	const finished = new Promise<number>((resolve) => {
		finish = resolve;
	});

	const writer = createLineWriter(options.stdout, {
		onClosed: (error) => {
			if (error !== null) note(describeOutputError(error));
			finish(error === null ? 0 : 1);
		},
	});
	const recorder =
		options.save === undefined
			? undefined
			: createRecorder(options.save, { clock, onError: (message) => note(`bctail: --save: ${message}`) });
	// Names (not UUID prefixes) go into the recording, so replay shows them.
	for (const project of options.projects) {
		if (!project.uuid.startsWith(project.label)) recorder?.writeProject(project.uuid, project.label);
	}
	const loss = createLossCounter(options.maxBacklogChars ?? defaultMaxBacklogChars, clock, note);

	const sink = createPrintSink({
		projectCount: options.projects.length,
		labelOf,
		clock,
		note,
		print: (event) => {
			if (loss.over(writer.buffered)) return;
			const text = format(event);
			if (text !== "") writer.write(text);
		},
		onAllStopped: () => finish(1),
	});

	const session = createSessionController({
		target: options.target,
		sink,
		recorder,
		idleTimeoutMs: options.idleTimeoutMs,
		maxEventBytes: options.maxEventBytes,
		history: { ...options.history, sinceMs: options.sinceMs ?? 0 },
	});
	const stopSignals = waitForExitSignal(() => finish(0));
	options.signal?.addEventListener("abort", () => finish(0), { once: true });
	if (options.signal?.aborted) finish(0);
	for (const project of options.projects) session.open({ uuid: project.uuid });

	const code = await finished;
	stopSignals();
	await session.stopAll();
	await recorder?.close();
	await writer.flush();
	return loss.report() ? Math.max(code, 1) : code;
}

interface PrintSinkOptions {
	readonly projectCount: number;
	readonly labelOf: (uuid: string) => string;
	readonly clock: Clock;
	readonly note: (line: string) => void;
	readonly print: (event: TailEvent) => void;
	/** Every project has stopped on a fatal error. */
	readonly onAllStopped: () => void;
}

/** Line mode's sink: events to `print`, connection news (phase changes, gaps, skips) to stderr. */
function createPrintSink(options: PrintSinkOptions): HistorySink {
	const { labelOf, clock, note } = options;
	const statuses = new Map<string, ConnectionStatus>();
	const skips = new Map<string, { total: number; lastNotice: number }>();
	return {
		event(_project: string, event: TailEvent) {
			options.print(event);
		},
		status(project: string, status: ConnectionStatus) {
			const line = describePhaseChange(labelOf(project), statuses.get(project), status, clock.now());
			statuses.set(project, status);
			if (line !== null) note(line);
			if (
				statuses.size === options.projectCount &&
				[...statuses.values()].every((each) => each.phase === "stopped" && each.fatal)
			) {
				options.onAllStopped();
			}
		},
		gap(project: string, gap: Gap) {
			note(describeGapToFill(labelOf(project), gap));
		},
		historyNote(project: string, history: HistoryNote) {
			note(describeHistoryNote(labelOf(project), history));
		},
		skip(project: string, cause: SkipCause) {
			const record = skips.get(project) ?? { total: 0, lastNotice: Number.NEGATIVE_INFINITY };
			record.total += 1;
			skips.set(project, record);
			const now = clock.now();
			if (now - record.lastNotice >= skipNoticeIntervalMs) {
				record.lastNotice = now;
				note(describeSkip(labelOf(project), cause, record.total));
			}
		},
	};
}

interface LossCounter {
	/** Whether `buffered` waiting characters are past the budget; counts the event given up if so. */
	over(buffered: number): boolean;
	/** Says on stderr how many events were given up, if any; true when there were. */
	report(): boolean;
}

/**
 * Counts the events given up because stdout did not keep up: the first one is said at once, then at
 * most once a second, and the total at the end.
 */
function createLossCounter(maxChars: number, clock: Clock, note: (line: string) => void): LossCounter {
	let lost = 0;
	let lastNotice = Number.NEGATIVE_INFINITY;
	const sentence = (): string =>
		`bctail: standard output is not keeping up: ${lost} event(s) not printed (more than ${Math.round(maxChars / 1048576)} MiB waited for it)`;
	return {
		over(buffered) {
			if (buffered <= maxChars) return false;
			lost++;
			const now = clock.now();
			if (now - lastNotice >= skipNoticeIntervalMs) {
				lastNotice = now;
				note(sentence());
			}
			return true;
		},
		report() {
			if (lost > 0) note(sentence());
			return lost > 0;
		},
	};
}
