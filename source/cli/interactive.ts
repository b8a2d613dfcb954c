import type { ConnectionStatus, Gap, ProjectInfo, SkipCause, TailEvent, TailSink } from "../model/types.js";
import { createRecorder } from "../store/recorder.js";
import { createTailStore } from "../store/store.js";
import type { TailTarget } from "../stream/tail-client.js";
import type { TuiExit } from "../ui/run-tui.js";
import { systemClock } from "../util/clock.js";
import { loadTui, tuiExitCode } from "./load-tui.js";
import type { ResolvedProject } from "./resolve-projects.js";
import { TailSet } from "./tail-set.js";

export interface InteractiveOptions {
	readonly target: TailTarget;
	readonly projects: readonly ResolvedProject[];
	readonly idleTimeoutMs: number;
	readonly maxEventBytes: number;
	readonly scrollback: number;
	readonly save?: string | undefined;
	readonly listProjects: () => Promise<ProjectInfo[]>;
}

/**
 * The full-screen session: one store fed by one stream client per project, drawn by the Ink app.
 * Project names come from the projects API when the token may read it; without it panes show UUIDs.
 */
export async function runInteractive(options: InteractiveOptions): Promise<number> {
	const { runTui } = await loadTui();
	const store = createTailStore({ scrollback: options.scrollback });
	const recorder =
		options.save === undefined
			? undefined
			: createRecorder(options.save, {
					clock: systemClock,
					onError: (message) => store.setNotice(`--save stopped: ${message}`, 10_000),
				});
	const sink: TailSink = recorder
		? {
				event(project: string, event: TailEvent) {
					// Record first: the store compacts the event (its stored JSON escapes non-Latin-1
					// text), and a recording should keep the readable UTF-8 as received.
					recorder.write(event);
					store.event(project, event);
				},
				status: (project: string, status: ConnectionStatus) => store.status(project, status),
				gap: (project: string, gap: Gap) => store.gap(project, gap),
				skip: (project: string, cause: SkipCause) => store.skip(project, cause),
			}
		: store;
	const tails = new TailSet({
		target: options.target,
		sink,
		idleTimeoutMs: options.idleTimeoutMs,
		maxEventBytes: options.maxEventBytes,
	});
	const open = (project: { uuid: string; name?: string | undefined }): void => {
		if (tails.has(project.uuid)) return;
		store.addProject(project.uuid, project.name);
		tails.add(project.uuid);
	};
	for (const project of options.projects) {
		open({
			uuid: project.uuid,
			name: project.label === project.uuid.slice(0, 8) ? undefined : project.label,
		});
	}
	// Names are a nicety: a token without a projects scope still tails.
	options.listProjects().then(
		(projects) => store.setProjectNames(projects),
		() => {},
	);
	let exit: TuiExit = { reason: "quit" };
	try {
		exit = await runTui({
			store,
			listProjects: options.listProjects,
			onOpenProjects: (projects) => {
				for (const project of projects) open({ uuid: project.uuid, name: project.name });
			},
			onClosePane: (uuid) => {
				store.removeProject(uuid);
				void tails.remove(uuid);
			},
		});
	} finally {
		await tails.stopAll();
		await recorder?.close();
		store.dispose();
	}
	return tuiExitCode(exit);
}
