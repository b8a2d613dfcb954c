import { openSearchHistory } from "../config/search-history-file.js";
import { stateDir } from "../config/state-dir.js";
import type { ProjectInfo } from "../model/types.js";
import { createRecorder } from "../record/recorder.js";
import { startHeapWatch } from "../store/heap-watch.js";
import { createTailStore } from "../store/store.js";
import type { TailStore } from "../store/types.js";
import type { TailTarget } from "../stream/tail-client.js";
import type { TuiExit } from "../ui/run-tui.js";
import { systemClock } from "../util/clock.js";
import { historyKeys } from "./history-actions.js";
import { loadTui, tuiExitCode } from "./load-tui.js";
import { type ResolvedProject, resolvingNamesText } from "./resolve-projects.js";
import { createSessionController } from "./session-controller.js";

export interface InteractiveOptions {
	readonly target: TailTarget;
	readonly projects: readonly ResolvedProject[];
	readonly idleTimeoutMs: number;
	readonly maxEventBytes: number;
	readonly scrollback: number;
	/** What the scrollback of all panes may cost, in bytes. */
	readonly memoryBytes?: number;
	readonly save?: string | undefined;
	/** How much past each pane opens with (0: none). */
	readonly sinceMs: number;
	readonly listProjects: () => Promise<ProjectInfo[]>;
	/** Mouse reports in the TUI (`--no-mouse` turns them off). */
	readonly mouse?: boolean;
}

/**
 * The full-screen session: one store fed by one stream client per project (kept in step by the
 * session controller), drawn by the Ink app. Project names come from the projects API when the token
 * may read it; without it panes show UUIDs.
 */
export async function runInteractive(options: InteractiveOptions): Promise<number> {
	const { runTui } = await loadTui();
	const store = createTailStore({
		scrollback: options.scrollback,
		...(options.memoryBytes === undefined ? {} : { memoryBytes: options.memoryBytes }),
	});
	const recorder =
		options.save === undefined
			? undefined
			: createRecorder(options.save, {
					clock: systemClock,
					onError: (message) => store.setNotice(`--save stopped: ${message}`, 10_000),
				});
	const session = createSessionController({
		target: options.target,
		sink: store,
		recorder,
		idleTimeoutMs: options.idleTimeoutMs,
		maxEventBytes: options.maxEventBytes,
		history: { sinceMs: options.sinceMs },
	});
	// `--save` recordings name the projects they hold, so replay shows names, not UUIDs.
	const tailed = new Set<string>();
	const tail = (project: { uuid: string; name?: string | undefined }): void => {
		tailed.add(project.uuid);
		if (project.name !== undefined) recorder?.writeProject(project.uuid, project.name);
	};
	let unnamed = false;
	for (const project of options.projects) {
		// A label that is not a prefix of the UUID is a name too (run-command labels demo lines by name).
		const name = project.name ?? (project.uuid.startsWith(project.label) ? undefined : project.label);
		if (name === undefined) unnamed = true;
		session.open({ uuid: project.uuid, name });
		tail({ uuid: project.uuid, name });
	}
	// Names are a nicety: a token without a projects scope still tails. Panes without a name say the
	// lookup is running, so a slow projects API is not a silent wait.
	if (unnamed) store.setNotice(resolvingNamesText, 30_000);
	const clearNotice = (): void => {
		if (!unnamed) return;
		// Publish first: a newer notice (a --save error) set meanwhile must not be cleared.
		store.flush();
		if (store.getSnapshot().notice === resolvingNamesText) store.setNotice("", 0);
	};
	options.listProjects().then(
		(projects) => {
			store.setProjectNames(projects);
			for (const project of projects) if (tailed.has(project.uuid)) tail(project);
			clearNotice();
		},
		() => clearNotice(),
	);
	const stopHeapWatch = watchHeap(store);
	let exit: TuiExit = { reason: "quit" };
	try {
		exit = await runTui({
			store,
			mouse: options.mouse !== false,
			listProjects: options.listProjects,
			onOpenProjects: (projects) => {
				for (const project of projects) tail(project);
				session.openProjects(projects);
			},
			onClosePane: (uuid) => void session.close(uuid),
			// Read once here (a missing or damaged file is no recent searches), written on each applied search.
			...historyKeys(store, session, openSearchHistory(stateDir(), options.target.token)),
		});
	} finally {
		stopHeapWatch();
		await session.stopAll();
		await recorder?.close();
		store.dispose();
	}
	return tuiExitCode(exit);
}

/** Out of heap, V8 aborts with no handler run (the terminal left raw): shed scrollback first. */
function watchHeap(store: TailStore): () => void {
	return startHeapWatch({
		onPressure: () => {
			const evicted = store.shedScrollback();
			if (evicted > 0) store.setNotice(`memory: evicted ${evicted} old entries`, 10_000);
		},
	});
}
