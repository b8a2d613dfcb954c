/**
 * The sinks a session puts between its stream clients and its sink: the recording tee (every event,
 * live or history, to `--save` and to the sink) and one project's detachable tee (a closed project's
 * last reports are dropped).
 */
import type { ConnectionStatus, Gap, SkipCause, TailEvent, TailSink } from "../model/types.js";
import type { Recorder } from "../record/recorder.js";
import type { HistorySink } from "../stream/history-feed.js";

/**
 * Live and history events alike reach `sink` here, and the recorder with them. The JSON text is read
 * before the sink sees the event, so a sink that keeps a compact copy cannot change what is recorded.
 */
export function recordingSink(sink: HistorySink, recorder: Recorder | undefined): HistorySink {
	return {
		event(project: string, event: TailEvent) {
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
}

/**
 * One project's tee. Once the project is closed its client's last reports (the `stopped` it sends
 * while stopping, a late event) are dropped here, so a closed pane cannot come back whatever the
 * sink does with reports of unknown projects.
 */
export function detachableSink(downstream: TailSink): { sink: TailSink; detach: () => void } {
	let attached = true;
	const sink: TailSink = {
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
		sink,
		detach: () => {
			attached = false;
		},
	};
}
