/** A TailSink that records everything it is told, for assertions. */
import type { ConnectionStatus, Gap, SkipCause, TailEvent, TailSink } from "../../source/model/types.js";

export class RecordingSink implements TailSink {
	readonly events: { project: string; event: TailEvent }[] = [];
	readonly statuses: { project: string; status: ConnectionStatus }[] = [];
	readonly gaps: { project: string; gap: Gap }[] = [];
	readonly skips: { project: string; cause: SkipCause }[] = [];

	event(projectUuid: string, event: TailEvent): void {
		this.events.push({ project: projectUuid, event });
	}
	status(projectUuid: string, status: ConnectionStatus): void {
		this.statuses.push({ project: projectUuid, status });
	}
	gap(projectUuid: string, gap: Gap): void {
		this.gaps.push({ project: projectUuid, gap });
	}
	skip(projectUuid: string, cause: SkipCause): void {
		this.skips.push({ project: projectUuid, cause });
	}

	uuids(project: string): string[] {
		return this.events.filter((entry) => entry.project === project).map((entry) => entry.event.uuid);
	}
	statusesOf(project: string): ConnectionStatus[] {
		return this.statuses.filter((entry) => entry.project === project).map((entry) => entry.status);
	}
	last(project: string): ConnectionStatus | undefined {
		return this.statusesOf(project).at(-1);
	}
	gapsOf(project: string): Gap[] {
		return this.gaps.filter((entry) => entry.project === project).map((entry) => entry.gap);
	}
	skipsOf(project: string): SkipCause[] {
		return this.skips.filter((entry) => entry.project === project).map((entry) => entry.cause);
	}
}

let counter = 0;

/** A valid tail event for `project` with a fresh uuid. */
export function makeEvent(project: string, message = "hello", extra: Record<string, unknown> = {}) {
	counter += 1;
	const uuid = `00000000-0000-4000-8000-${counter.toString(16).padStart(12, "0")}`;
	return {
		uuid,
		project_uuid: project,
		request: { method: "GET", url: `/path/${counter}`, status_code: 200 },
		logs: [{ timestamp: "2026-01-01T00:00:00.000Z", level: "info", messages: [message] }],
		exceptions: [],
		timestamp: "2026-01-01T00:00:00.000Z",
		...extra,
	};
}
