import type { ConnectionStatus, Gap, SkipCause, TailEvent, TailSink } from "../model/types.js";
import { createLineFormatter, type LineFormat } from "../output/line-format.js";
import { createLineWriter } from "../output/line-writer.js";
import { createRecorder } from "../store/recorder.js";
import type { TailTarget } from "../stream/tail-client.js";
import { type Clock, systemClock } from "../util/clock.js";
import { waitForExitSignal } from "./exit-signal.js";
import { describeGap, describePhaseChange, describeSkip } from "./status-line.js";
import { TailSet } from "./tail-set.js";

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
}

/** Skip notices are rate-limited per project: a flood of bad frames must not flood stderr. */
const skipNoticeIntervalMs = 1000;

/**
 * Tails the projects and prints their events as lines until a signal, a closed stdout, or every
 * project stopping on a fatal error (exit 1). Connection news goes to stderr, never into the data.
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
	const note = (line: string): void => {
		options.stderr.write(`${line}\n`);
	};

	let finish: (code: number) => void = () => {};
	const finished = new Promise<number>((resolve) => {
		finish = resolve;
	});

	const writer = createLineWriter(options.stdout, { onClosed: () => finish(0) });
	const recorder =
		options.save === undefined
			? undefined
			: createRecorder(options.save, { clock, onError: (message) => note(`bctail: --save: ${message}`) });

	const statuses = new Map<string, ConnectionStatus>();
	const skips = new Map<string, { total: number; lastNotice: number }>();
	const sink: TailSink = {
		event(_project: string, event: TailEvent) {
			const text = format(event);
			if (text !== "") writer.write(text);
			recorder?.write(event);
		},
		status(project: string, status: ConnectionStatus) {
			const line = describePhaseChange(labelOf(project), statuses.get(project), status, clock.now());
			statuses.set(project, status);
			if (line !== null) note(line);
			if (
				statuses.size === options.projects.length &&
				[...statuses.values()].every((each) => each.phase === "stopped" && each.fatal)
			) {
				finish(1);
			}
		},
		gap(project: string, gap: Gap) {
			note(describeGap(labelOf(project), gap));
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

	const tails = new TailSet({
		target: options.target,
		sink,
		idleTimeoutMs: options.idleTimeoutMs,
		maxEventBytes: options.maxEventBytes,
	});
	const stopSignals = waitForExitSignal(() => finish(0));
	for (const project of options.projects) tails.add(project.uuid);

	const code = await finished;
	stopSignals();
	await tails.stopAll();
	await recorder?.close();
	await writer.flush();
	return code;
}
