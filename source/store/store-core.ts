/**
 * The store's foundation (see `store.ts` for the whole): its parts wired together (the log model,
 * the screen's state, the search session, the moves, the snapshot builder, the publisher, the time
 * jumps), `useSyncExternalStore`'s side, the `TailSink` the streams report to, and opening and
 * closing projects. The actions the UI calls are the subclass's (`store.ts`).
 */
import { onlyTrafficChanged } from "../model/connection-status.js";
import type { ConnectionStatus, Gap, ProjectInfo, SkipCause, TailEvent } from "../model/types.js";
import type { HistoryNote } from "../stream/history-feed.js";
import { type Clock, systemClock } from "../util/clock.js";
import { FocusedMoves } from "./focused-moves.js";
import { historyMark } from "./history-marks.js";
import { LogModel } from "./log-model.js";
import type { PaneState } from "./pane-state.js";
import { PaneViewState } from "./pane-view-state.js";
import { resolve } from "./pane-window.js";
import { Publisher } from "./publisher.js";
import { ScreenState } from "./screen-state.js";
import { SearchSession } from "./search-session.js";
import { SnapshotBuilder } from "./snapshot-builder.js";
import { TimeJumps } from "./time-jumps.js";
import type { OlderState, StoreOptions, StoreSnapshot } from "./types.js";

const DEFAULT_SCROLLBACK = 20_000;
const DEFAULT_FRAME_MS = 50;
/** A slice plus a young-generation GC pause (5-8 ms with 100k entries held) stays under 16 ms. */
const DEFAULT_SLICE_MS = 6;

/** The thread's cumulative busy time in ms (event-loop utilization). */
const threadBusyMs = (): number => performance.eventLoopUtilization().active;

export abstract class StoreCore {
	protected readonly clock: Clock;
	protected readonly log: LogModel;
	protected readonly screen: ScreenState;
	protected readonly search: SearchSession;
	protected readonly publisher: Publisher<StoreSnapshot>;
	protected readonly moves: FocusedMoves;
	protected readonly snapshots: SnapshotBuilder;
	protected readonly jumps: TimeJumps;
	/** How each pane is viewed, beside the log model's state of it. */
	protected readonly views = new Map<PaneState, PaneViewState>();

	/** A recording is shown: see `StoreOptions.replay`. */
	protected readonly replay: boolean;

	constructor(options: StoreOptions = {}) {
		this.clock = options.clock ?? systemClock;
		this.replay = options.replay === true;
		const capacity = Math.max(1, Math.floor(options.scrollback ?? DEFAULT_SCROLLBACK));
		this.log = new LogModel(
			{
				touch: (pane) => this.touch(pane),
				added: (pane) => this.search.attach(pane),
				forgotten: (pane) => this.views.delete(pane),
				rateTime: (event) => (this.replay ? event.time : this.clock.now()),
			},
			capacity,
			options.memoryBytes,
		);
		this.screen = new ScreenState(
			this.clock,
			() => this.changed(),
			() => this.publisher.markDirty(),
		);
		const sliceMs = Math.max(1, options.searchSliceMs ?? DEFAULT_SLICE_MS);
		const schedule = options.schedule ?? ((callback) => setImmediate(callback));
		this.search = new SearchSession(
			{
				panes: () => this.log.panes,
				focused: () => this.focused()?.log,
				touch: (pane) => this.touch(pane),
				markDirty: () => this.publisher.markDirty(),
				soon: () => this.publisher.soon(),
				settle: (pane) => {
					const view = this.viewOf(pane);
					if (!view.follow && view.frozen === null) resolve(view, this.search);
				},
				utcTimes: () => this.screen.timeFormat === "utc",
				changed: () => this.moves.searchChanged(),
			},
			schedule,
			sliceMs,
		);
		// The moves and the time jumps move panes alike.
		const movesHost = {
			log: this.log,
			focused: () => this.focused(),
			viewOf: (pane: PaneState) => this.viewOf(pane),
			search: this.search,
			touch: (view: PaneViewState) => this.touch(view.log),
			soon: () => this.publisher.soon(),
			notice: (text: string) => this.setNotice(text),
			publishNow: () => this.flush(),
		};
		this.moves = new FocusedMoves(movesHost);
		this.jumps = new TimeJumps(movesHost);
		this.snapshots = new SnapshotBuilder({
			clock: this.clock,
			log: this.log,
			screen: this.screen,
			search: this.search,
			viewOf: (pane) => this.viewOf(pane),
			touch: (pane) => this.touch(pane),
			markDirty: () => this.publisher.markDirty(),
			replay: this.replay,
		});
		const frames = {
			clock: this.clock,
			minIntervalMs: Math.max(0, options.frameIntervalMs ?? DEFAULT_FRAME_MS),
			// On the real clock, frames share the core with the work they show (see frame-scheduler.ts).
			busyMs: options.busyMs ?? (this.clock === systemClock ? threadBusyMs : undefined),
		};
		this.publisher = new Publisher(frames, {
			build: (now) => this.snapshots.build(now),
			needsTick: () => this.snapshots.needsTick(),
			onTick: () => this.snapshots.tick(),
		});
	}

	// --- useSyncExternalStore --------------------------------------------------------------------

	subscribe = (listener: () => void): (() => void) => this.publisher.subscribe(listener);

	getSnapshot = (): StoreSnapshot => this.publisher.getSnapshot();

	flush = (): void => this.publisher.flush();

	frameDrawn = (): void => this.publisher.frames.frameDrawn();

	shedScrollback(): number {
		const dropped = this.log.evictOldestHalf();
		if (dropped > 0) this.publisher.soon();
		return dropped;
	}

	dispose(): void {
		this.publisher.dispose();
		this.search.dispose();
		this.screen.dispose();
	}

	// --- TailSink --------------------------------------------------------------------------------

	event(projectUuid: string, event: TailEvent): void {
		if (this.log.removed(projectUuid)) return;
		this.append(this.log.pane(projectUuid, "connecting"), event);
	}

	status(projectUuid: string, status: ConnectionStatus): void {
		if (this.log.removed(projectUuid)) return;
		const known = this.log.byId(projectUuid);
		const pane = known ?? this.log.pane(projectUuid, status.phase);
		const quiet = known !== undefined && onlyTrafficChanged(pane.status, status);
		pane.status = status;
		// A keep-alive changes only bytes and the last byte's time, which no screen shows: no frame
		// for it (an idle tail then draws nothing at all). The next snapshot of the pane carries it.
		if (quiet) return;
		this.touch(pane);
		// A reconnect countdown ("retry in 4s") needs `now` to move.
		this.publisher.ensureTick();
	}

	gap(projectUuid: string, gap: Gap): void {
		if (this.log.removed(projectUuid)) return;
		this.log.gap(this.log.pane(projectUuid, "connecting"), gap);
	}

	historyNote(projectUuid: string, note: HistoryNote): void {
		if (this.log.removed(projectUuid)) return;
		const pane = this.log.pane(projectUuid, "connecting");
		const mark = historyMark(note, this.clock.now());
		if (mark !== null) this.log.mark(pane, mark.text, mark.time);
		if (note.kind === "off") {
			this.setNotice(`${pane.title}: history off; the live tail goes on`, 10_000);
			this.setOlderState(projectUuid, "off");
		}
		this.publisher.soon();
	}

	skip(projectUuid: string, _cause: SkipCause): void {
		// The stream client's status counters carry skips; the store has nothing else to show for one.
		if (!this.log.removed(projectUuid)) this.log.pane(projectUuid, "connecting");
	}

	// --- projects --------------------------------------------------------------------------------

	addProject(uuid: string, name?: string): void {
		// A closed pane comes back as it was (its view too: cursor, pause) and takes the focus.
		if (this.log.addProject(uuid, name)) this.focusPane(this.log.panes.length - 1);
		this.publisher.soon();
	}

	removeProject(uuid: string): void {
		if (!this.log.removeProject(uuid)) return;
		this.screen.clampFocus(this.log.panes.length);
		this.changed();
	}

	closedProjects(): readonly ProjectInfo[] {
		return this.log.closed.map((pane) => ({ uuid: pane.id, name: pane.title, hostnames: [] }));
	}

	setProjectNames(projects: readonly ProjectInfo[]): void {
		// `project:<name>` tokens depend on names.
		if (this.log.setProjectNames(projects)) this.search.namesChanged();
		this.publisher.soon();
	}

	ingest = (event: TailEvent): void => this.append(this.log.pane(event.projectUuid, "stopped"), event);

	// --- shared by the actions ------------------------------------------------------------------

	setOlderState(projectUuid: string, state: OlderState): void {
		if (this.log.removed(projectUuid)) return;
		const pane = this.log.pane(projectUuid, "connecting");
		if (pane.olderState === state) return;
		pane.olderState = state;
		this.touch(pane);
		this.publisher.soon();
	}

	focusPane = (index: number): void => {
		this.screen.focusPane(index, this.log.panes.length);
	};

	setNotice = (text: string, ms?: number): void => this.screen.setNotice(text, ms);

	// --- internals -------------------------------------------------------------------------------

	protected focused(): PaneViewState | undefined {
		const pane = this.log.panes[this.screen.focus];
		return pane === undefined ? undefined : this.viewOf(pane);
	}

	/** The view of a pane (made when the pane first needs one). */
	protected viewOf(pane: PaneState): PaneViewState {
		let view = this.views.get(pane);
		if (view === undefined) {
			view = new PaneViewState(pane);
			this.views.set(pane, view);
		}
		return view;
	}

	protected append(pane: PaneState, event: TailEvent): void {
		this.log.append(pane, event);
		this.publisher.ensureTick();
	}

	protected touch(pane: PaneState): void {
		this.viewOf(pane).dirty = true;
		this.publisher.markDirty();
	}

	/** Something the screen shows changed by an action: publish on the next microtask. */
	protected changed(): void {
		this.publisher.markDirty();
		this.publisher.soon();
	}
}
