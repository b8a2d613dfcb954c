/**
 * Where a replayed event goes in its pane. A recording is in the order the session received events,
 * and a scroll-back page (older history the user asked for with `g` or ↑) arrives after the live
 * events it sits in front of: replayed in file order it would land at the bottom, out of time. So a
 * run of history events (uuid `h:`) older than the pane's oldest row is put in front of the pane
 * (`prependOlder`), as the live session placed it; everything else is appended, as it was live.
 */
import type { TailEvent } from "../model/types.js";
import type { TailStore } from "../store/types.js";

/** A run of older history for one pane, held until the run ends. */
interface OlderRun {
	/** The pane's oldest row when the run began: the run's events are all older. */
	readonly before: number;
	readonly events: TailEvent[];
}

export interface ReplayPlacement {
	/** Places one event read from the recording. */
	place(event: TailEvent): void;
	/** Places the runs still held (at the end of the recording). */
	flush(): void;
}

export function createReplayPlacement(
	store: Pick<TailStore, "ingest" | "prependOlder" | "oldestTime">,
): ReplayPlacement {
	const runs = new Map<string, OlderRun>();

	const endRun = (projectUuid: string): void => {
		const run = runs.get(projectUuid);
		if (run === undefined) return;
		runs.delete(projectUuid);
		// A page's events are oldest first in the recording, as `prependOlder` takes them.
		store.prependOlder(projectUuid, run.events);
	};

	const olderHistory = (event: TailEvent): boolean => {
		if (!event.uuid.startsWith("h:") || event.timeMissing) return false;
		const run = runs.get(event.projectUuid);
		if (run !== undefined) return event.time < run.before;
		const oldest = store.oldestTime(event.projectUuid);
		if (oldest === null || event.time >= oldest) return false;
		runs.set(event.projectUuid, { before: oldest, events: [] });
		return true;
	};

	return {
		place(event) {
			if (olderHistory(event)) {
				runs.get(event.projectUuid)?.events.push(event);
				return;
			}
			endRun(event.projectUuid);
			store.ingest(event);
		},
		flush() {
			for (const projectUuid of [...runs.keys()]) endRun(projectUuid);
		},
	};
}
