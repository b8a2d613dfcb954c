/**
 * The shared store: a thin facade over the log model and the screen's state, with no React import.
 *
 * Flow: stream clients (via `TailSink`) and replay (`ingest`) append rows to per-project ring buffers
 * (`log-model.ts`, one `PaneState` per project) and only mark things dirty; the `Publisher` and its
 * frame scheduler decide when a new immutable `StoreSnapshot` is built (`pane-snapshot.ts` rebuilds
 * only the panes that changed). `pane-window.ts` says what a pane shows, `pane-moves.ts` how it
 * moves, `search-session.ts` runs the one search, `screen-state.ts` holds focus, layout, zoom, time
 * format and notice. Older history goes in front of a pane's rows (`prependOlder`) without moving
 * anything already held: rows keep their absolute indices, so views, matches and exceptions hold. The store keeps its own compact copy of every event and never changes the event
 * it was given.
 */
import type { ConnectionStatus, Gap, ProjectInfo, SkipCause, TailEvent } from "../model/types.js";
import type { HistoryNote } from "../stream/history-feed.js";
import { type Clock, systemClock } from "../util/clock.js";
import { FocusedMoves } from "./focused-moves.js";
import { type ServerFilters, serverFilters } from "./history-filters.js";
import { historyMark } from "./history-marks.js";
import { LogModel } from "./log-model.js";
import type { PaneState } from "./pane-state.js";
import { PaneViewState } from "./pane-view-state.js";
import { entryAtCursor, resolve } from "./pane-window.js";
import { Publisher } from "./publisher.js";
import type { QuickFilterKind } from "./quick-filters.js";
import { ScreenState } from "./screen-state.js";
import { SearchSession } from "./search-session.js";
import { SnapshotBuilder } from "./snapshot-builder.js";
import { type JumpPlan, oldestTime, TimeJumps, type TimeWindow } from "./time-jumps.js";
import type {
	Entry,
	OlderState,
	SearchMode,
	SearchScope,
	StoreOptions,
	StoreSnapshot,
	TailStore,
} from "./types.js";

const DEFAULT_SCROLLBACK = 20_000;
const DEFAULT_FRAME_MS = 50;
/** A slice plus a young-generation GC pause (5-8 ms with 100k entries held) stays under 16 ms. */
const DEFAULT_SLICE_MS = 6;

/** The thread's cumulative busy time in ms (event-loop utilization). */
const threadBusyMs = (): number => performance.eventLoopUtilization().active;

class Store implements TailStore {
	readonly #clock: Clock;
	readonly #log: LogModel;
	readonly #screen: ScreenState;
	readonly #search: SearchSession;
	readonly #publisher: Publisher<StoreSnapshot>;
	readonly #moves: FocusedMoves;
	readonly #snapshots: SnapshotBuilder;
	readonly #jumps: TimeJumps;
	/** How each pane is viewed, beside the log model's state of it. */
	readonly #views = new Map<PaneState, PaneViewState>();

	/** A recording is shown: see `StoreOptions.replay`. */
	readonly #replay: boolean;

	constructor(options: StoreOptions = {}) {
		this.#clock = options.clock ?? systemClock;
		this.#replay = options.replay === true;
		const capacity = Math.max(1, Math.floor(options.scrollback ?? DEFAULT_SCROLLBACK));
		this.#log = new LogModel(
			{
				touch: (pane) => this.#touch(pane),
				added: (pane) => this.#search.attach(pane),
				forgotten: (pane) => this.#views.delete(pane),
				rateTime: (event) => (this.#replay ? event.time : this.#clock.now()),
			},
			capacity,
			options.memoryBytes,
		);
		this.#screen = new ScreenState(
			this.#clock,
			() => this.#changed(),
			() => this.#publisher.markDirty(),
		);
		const sliceMs = Math.max(1, options.searchSliceMs ?? DEFAULT_SLICE_MS);
		const schedule = options.schedule ?? ((callback) => setImmediate(callback));
		this.#search = new SearchSession(
			{
				panes: () => this.#log.panes,
				focused: () => this.#focused()?.log,
				touch: (pane) => this.#touch(pane),
				markDirty: () => this.#publisher.markDirty(),
				soon: () => this.#publisher.soon(),
				settle: (pane) => {
					const view = this.#viewOf(pane);
					if (!view.follow && view.frozen === null) resolve(view, this.#search);
				},
				utcTimes: () => this.#screen.timeFormat === "utc",
				changed: () => this.#moves.searchChanged(),
			},
			schedule,
			sliceMs,
		);
		this.#moves = new FocusedMoves({
			log: this.#log,
			focused: () => this.#focused(),
			viewOf: (pane) => this.#viewOf(pane),
			search: this.#search,
			touch: (view) => this.#touch(view.log),
			soon: () => this.#publisher.soon(),
			notice: (text) => this.setNotice(text),
			publishNow: () => this.flush(),
		});
		this.#jumps = new TimeJumps({
			log: this.#log,
			viewOf: (pane) => this.#viewOf(pane),
			search: this.#search,
			touch: (view) => this.#touch(view.log),
			soon: () => this.#publisher.soon(),
			notice: (text) => this.setNotice(text),
			publishNow: () => this.flush(),
		});
		this.#snapshots = new SnapshotBuilder({
			clock: this.#clock,
			log: this.#log,
			screen: this.#screen,
			search: this.#search,
			viewOf: (pane) => this.#viewOf(pane),
			touch: (pane) => this.#touch(pane),
			markDirty: () => this.#publisher.markDirty(),
			replay: this.#replay,
		});
		const frames = {
			clock: this.#clock,
			minIntervalMs: Math.max(0, options.frameIntervalMs ?? DEFAULT_FRAME_MS),
			// On the real clock, frames share the core with the work they show (see frame-scheduler.ts).
			busyMs: options.busyMs ?? (this.#clock === systemClock ? threadBusyMs : undefined),
		};
		this.#publisher = new Publisher(frames, {
			build: (now) => this.#snapshots.build(now),
			needsTick: () => this.#snapshots.needsTick(),
			onTick: () => this.#snapshots.tick(),
		});
	}

	// --- useSyncExternalStore --------------------------------------------------------------------

	subscribe = (listener: () => void): (() => void) => this.#publisher.subscribe(listener);

	getSnapshot = (): StoreSnapshot => this.#publisher.getSnapshot();

	flush = (): void => this.#publisher.flush();

	frameDrawn = (): void => this.#publisher.frames.frameDrawn();

	shedScrollback(): number {
		const dropped = this.#log.evictOldestHalf();
		if (dropped > 0) this.#publisher.soon();
		return dropped;
	}

	dispose(): void {
		this.#publisher.dispose();
		this.#search.dispose();
		this.#screen.dispose();
	}

	// --- TailSink --------------------------------------------------------------------------------

	event(projectUuid: string, event: TailEvent): void {
		if (this.#log.removed(projectUuid)) return;
		this.#append(this.#log.pane(projectUuid, "connecting"), event);
	}

	status(projectUuid: string, status: ConnectionStatus): void {
		if (this.#log.removed(projectUuid)) return;
		const pane = this.#log.pane(projectUuid, status.phase);
		pane.status = status;
		this.#touch(pane);
		// A reconnect countdown ("retry in 4s") needs `now` to move.
		this.#publisher.ensureTick();
	}

	gap(projectUuid: string, gap: Gap): void {
		if (this.#log.removed(projectUuid)) return;
		this.#log.gap(this.#log.pane(projectUuid, "connecting"), gap);
	}

	historyNote(projectUuid: string, note: HistoryNote): void {
		if (this.#log.removed(projectUuid)) return;
		const pane = this.#log.pane(projectUuid, "connecting");
		const mark = historyMark(note, this.#clock.now());
		if (mark !== null) this.#log.mark(pane, mark.text, mark.time);
		if (note.kind === "off") {
			this.setNotice(`${pane.title}: history off; the live tail goes on`, 10_000);
			this.setOlderState(projectUuid, "off");
		}
		this.#publisher.soon();
	}

	skip(projectUuid: string, _cause: SkipCause): void {
		// The stream client's status counters carry skips; the store has nothing else to show for one.
		if (!this.#log.removed(projectUuid)) this.#log.pane(projectUuid, "connecting");
	}

	// --- projects --------------------------------------------------------------------------------

	addProject(uuid: string, name?: string): void {
		// A closed pane comes back as it was (its view too: cursor, pause) and takes the focus.
		if (this.#log.addProject(uuid, name)) this.focusPane(this.#log.panes.length - 1);
		this.#publisher.soon();
	}

	removeProject(uuid: string): void {
		if (!this.#log.removeProject(uuid)) return;
		this.#screen.clampFocus(this.#log.panes.length);
		this.#changed();
	}

	closedProjects(): readonly ProjectInfo[] {
		return this.#log.closed.map((pane) => ({ uuid: pane.id, name: pane.title, hostnames: [] }));
	}

	setProjectNames(projects: readonly ProjectInfo[]): void {
		// `project:<name>` tokens depend on names.
		if (this.#log.setProjectNames(projects)) this.#search.namesChanged();
		this.#publisher.soon();
	}

	ingest = (event: TailEvent): void => this.#append(this.#log.pane(event.projectUuid, "stopped"), event);

	// --- older history ---------------------------------------------------------------------------

	prependOlder(projectUuid: string, events: readonly TailEvent[]): number {
		if (this.#log.removed(projectUuid) || events.length === 0) return 0;
		const pane = this.#log.pane(projectUuid, "connecting");
		const view = this.#viewOf(pane);
		// Pin an anchored view to rows still held first: the index of a row dropped early (memory) may
		// be given to an older row now, and the view must not jump onto it.
		if (!view.follow && view.frozen === null) resolve(view, this.#search);
		const startBefore = pane.ring.start;
		const taken = this.#log.prependOlder(pane, events);
		if (taken > 0) this.#search.prepended(pane, startBefore);
		return taken;
	}

	setOlderState(projectUuid: string, state: OlderState): void {
		if (this.#log.removed(projectUuid)) return;
		const pane = this.#log.pane(projectUuid, "connecting");
		if (pane.olderState === state) return;
		pane.olderState = state;
		this.#touch(pane);
		this.#publisher.soon();
	}

	oldestTime(projectUuid: string): number | null {
		const pane = this.#log.byId(projectUuid);
		return pane === undefined ? null : oldestTime(pane);
	}

	// --- go to a time ----------------------------------------------------------------------------

	planTimeJump(paneId: string, atMs: number): JumpPlan {
		const pane = this.#log.byId(paneId);
		return pane === undefined ? { load: false } : this.#jumps.plan(pane, atMs);
	}

	placeTimeWindow(paneId: string, window: TimeWindow): number {
		const pane = this.#log.byId(paneId);
		if (pane === undefined || this.#log.removed(paneId)) return 0;
		const taken = this.#jumps.place(pane, window);
		this.#publisher.soon();
		return taken;
	}

	olderSearch(): ServerFilters | null {
		const active = this.#search.active;
		if (active === null || active.mode !== "filter" || active.compiled === null) return null;
		return serverFilters(active.parsed);
	}

	placeFilteredOlder(paneId: string, events: readonly TailEvent[], mark: string | null): number {
		const pane = this.#log.byId(paneId);
		if (pane === undefined || this.#log.removed(paneId)) return 0;
		const time = events.at(-1)?.time ?? this.#clock.now();
		const taken = this.#jumps.placeApart(pane, events, mark === null ? null : { text: mark, time });
		this.#publisher.soon();
		return taken;
	}

	goToTime(paneId: string, atMs: number, seconds = false): boolean {
		const pane = this.#log.byId(paneId);
		return pane === undefined ? false : this.#jumps.goTo(pane, atMs, seconds);
	}

	// --- view ------------------------------------------------------------------------------------

	setViewport(paneId: string, height: number): void {
		const pane = this.#log.byId(paneId);
		const h = Math.max(0, Math.floor(height));
		if (pane === undefined) return;
		const view = this.#viewOf(pane);
		if (view.height === h) return;
		view.height = h;
		this.#touch(pane);
		this.#publisher.soon();
	}

	focusPane = (index: number): void => {
		this.#screen.focusPane(index, this.#log.panes.length);
	};

	focusNext(): void {
		const n = this.#log.panes.length;
		if (n > 0) this.focusPane((this.#screen.focus + 1) % n);
	}

	focusPrevious(): void {
		const n = this.#log.panes.length;
		if (n > 0) this.focusPane((this.#screen.focus - 1 + n) % n);
	}

	moveCursor = (delta: number): void => this.#moves.moveCursor(delta);

	page = (direction: -1 | 1, fraction: number): void => this.#moves.page(direction, fraction);

	toTop = (): void => this.#moves.toTop();

	toBottom = (): void => this.#moves.toBottom();

	togglePause = (paneId?: string): void => this.#moves.togglePause(paneId);

	togglePauseAll = (): void => this.#moves.togglePauseAll();

	cycleLayout = (): void => this.#screen.cycleLayout();

	toggleZoom = (): void => this.#screen.toggleZoom();

	cycleTimeFormat(): void {
		this.#screen.cycleTimeFormat();
		this.#search.timeFormatChanged();
		this.#publisher.ensureTick();
	}

	setNotice = (text: string, ms?: number): void => this.#screen.setNotice(text, ms);

	// --- search ----------------------------------------------------------------------------------

	setSearch = (query: string, options?: { mode?: SearchMode; scope?: SearchScope }): void =>
		this.#search.set(query, options);

	clearSearch = (): void => this.#search.clear();

	toggleQuickFilter(kind: QuickFilterKind): void {
		if (kind === "route" && this.#search.quick.route === null) {
			const path = this.selectedEntry()?.event?.request?.path;
			if (path === undefined || path === "") {
				this.setNotice("no route under the cursor");
				return;
			}
			this.#search.toggleQuick(kind, path);
			return;
		}
		this.#search.toggleQuick(kind);
	}

	toggleFilterMode = (): void => this.#search.toggleMode();

	nextMatch = (): void => this.#moves.match(1);

	previousMatch = (): void => this.#moves.match(-1);

	// --- exceptions and selection ----------------------------------------------------------------

	nextException = (): void => this.#moves.exception(1);

	previousException = (): void => this.#moves.exception(-1);

	selectedEntry(): Entry | null {
		const pane = this.#focused();
		return pane === undefined ? null : entryAtCursor(pane, this.#search);
	}

	exceptionsOf(paneId: string): readonly Entry[] {
		return this.#log.exceptionsOf(paneId);
	}

	exceptionsShown(paneId: string): readonly Entry[] | null {
		const pane = this.#log.byId(paneId);
		if (pane === undefined || !this.#search.filtering(pane)) return null;
		const ps = pane.search;
		if (ps === null || !ps.eligible) return [];
		this.#search.matchLive(pane);
		pane.prune();
		const out: Entry[] = [];
		const index = pane.exceptionIndex;
		for (let i = 0; i < index.length; i++) {
			const abs = index.at(i) as number;
			const entry = ps.matches.includes(abs) ? pane.ring.at(abs) : undefined;
			if (entry !== undefined) out.push(entry);
		}
		return out;
	}

	// --- internals -------------------------------------------------------------------------------

	#focused(): PaneViewState | undefined {
		const pane = this.#log.panes[this.#screen.focus];
		return pane === undefined ? undefined : this.#viewOf(pane);
	}

	/** The view of a pane (made when the pane first needs one). */
	#viewOf(pane: PaneState): PaneViewState {
		let view = this.#views.get(pane);
		if (view === undefined) {
			view = new PaneViewState(pane);
			this.#views.set(pane, view);
		}
		return view;
	}

	#append(pane: PaneState, event: TailEvent): void {
		this.#log.append(pane, event);
		this.#publisher.ensureTick();
	}

	#touch(pane: PaneState): void {
		this.#viewOf(pane).dirty = true;
		this.#publisher.markDirty();
	}

	/** Something the screen shows changed by an action: publish on the next microtask. */
	#changed(): void {
		this.#publisher.markDirty();
		this.#publisher.soon();
	}
}

/**
 * Creates the shared store.
 * @param options scrollback per project (default 20,000), frame interval (default 50 ms), the clock,
 *   and for search the slice scheduler (default setImmediate) and slice budget (default 6 ms)
 */
export function createTailStore(options?: StoreOptions): TailStore {
	return new Store(options);
}
