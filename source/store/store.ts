/**
 * The shared store: a thin facade over the log model's parts, with no React import.
 *
 * Flow: stream clients (via `TailSink`) and replay (`ingest`) append rows to per-project ring buffers
 * (`PaneState`) and only mark things dirty; `Publisher` decides when a new immutable `StoreSnapshot` is
 * built (`pane-snapshot.ts` rebuilds only the panes that changed). `pane-window.ts` says what a pane
 * shows, `pane-moves.ts` how it moves, `search-session.ts` runs the one search. The store keeps its
 * own compact copy of every event and never changes the event it was given.
 */
import { initialStatus } from "../model/connection-status.js";
import { compactCopy } from "../model/lazy-event.js";
import { sanitizeOneLine } from "../model/sanitize.js";
import type { ConnectionStatus, Gap, ProjectInfo, SkipCause, TailEvent } from "../model/types.js";
import { type Clock, systemClock, type TimerHandle } from "../util/clock.js";
import { emitEventEntries, gapEntry } from "./entries.js";
import * as moves from "./pane-moves.js";
import { buildPaneSnapshot, RATE_SECONDS } from "./pane-snapshot.js";
import { PaneState } from "./pane-state.js";
import { clamp, cursorAbs, entryAtCursor, resolve } from "./pane-window.js";
import { Publisher } from "./publisher.js";
import { SearchSession } from "./search-session.js";
import type {
	Entry,
	LayoutMode,
	PaneSnapshot,
	SearchMode,
	SearchScope,
	StoreOptions,
	StoreSnapshot,
	TailStore,
	TimeFormat,
} from "./types.js";

const DEFAULT_SCROLLBACK = 20_000;
const DEFAULT_FRAME_MS = 50;
/** A slice plus a young-generation GC pause (5-8 ms with 100k entries held) stays under 16 ms. */
const DEFAULT_SLICE_MS = 6;
const DEFAULT_NOTICE_MS = 4_000;

const layouts: readonly LayoutMode[] = ["columns", "rows", "grid"];
const timeFormats: readonly TimeFormat[] = ["local", "utc", "relative"];

/** The thread's cumulative busy time in ms (event-loop utilization). */
const threadBusyMs = (): number => performance.eventLoopUtilization().active;

function next<T>(list: readonly T[], current: T): T {
	return list[(list.indexOf(current) + 1) % list.length] as T;
}

class Store implements TailStore {
	readonly #clock: Clock;
	readonly #capacity: number;
	readonly #panes: PaneState[] = [];
	readonly #byId = new Map<string, PaneState>();
	/** Names from `setProjectNames`, for panes that appear later. */
	readonly #names = new Map<string, string>();
	/** Projects removed on purpose: late stream events for them are dropped, not re-added. */
	readonly #removed = new Set<string>();
	readonly #search: SearchSession;
	readonly #publisher: Publisher<StoreSnapshot>;
	readonly #moves: moves.MoveHost;

	#seq = 0;
	#version = 0;
	#focus = 0;
	#layout: LayoutMode = "columns";
	#zoom = false;
	#timeFormat: TimeFormat = "local";
	#notice: string | null = null;
	#noticeTimer: TimerHandle | null = null;

	constructor(options: StoreOptions = {}) {
		this.#clock = options.clock ?? systemClock;
		this.#capacity = Math.max(1, Math.floor(options.scrollback ?? DEFAULT_SCROLLBACK));
		const sliceMs = Math.max(1, options.searchSliceMs ?? DEFAULT_SLICE_MS);
		const schedule = options.schedule ?? ((callback) => setImmediate(callback));
		this.#search = new SearchSession(
			{
				panes: () => this.#panes,
				focused: () => this.#focused(),
				touch: (pane) => this.#touch(pane),
				markDirty: () => this.#publisher.markDirty(),
				soon: () => this.#publisher.soon(),
				settle: (pane) => {
					if (!pane.follow && pane.frozen === null) resolve(pane, this.#search);
				},
			},
			schedule,
			sliceMs,
		);
		this.#moves = {
			search: this.#search,
			touch: (pane) => this.#touch(pane),
			soon: () => this.#publisher.soon(),
			notice: (text) => this.setNotice(text),
			publishNow: () => this.flush(),
		};
		const frames = {
			clock: this.#clock,
			minIntervalMs: Math.max(0, options.frameIntervalMs ?? DEFAULT_FRAME_MS),
			// On the real clock, frames share the core with the work they show (see frame-scheduler.ts).
			busyMs: options.busyMs ?? (this.#clock === systemClock ? threadBusyMs : undefined),
		};
		this.#publisher = new Publisher(frames, {
			build: (now) => this.#build(now),
			needsTick: () => this.#needsTick(),
			onTick: () => this.#tick(),
		});
	}

	// --- useSyncExternalStore --------------------------------------------------------------------

	subscribe = (listener: () => void): (() => void) => this.#publisher.subscribe(listener);

	getSnapshot = (): StoreSnapshot => this.#publisher.getSnapshot();

	flush(): void {
		this.#publisher.flush();
	}

	frameDrawn(): void {
		this.#publisher.frames.frameDrawn();
	}

	dispose(): void {
		this.#publisher.dispose();
		this.#search.dispose();
		if (this.#noticeTimer !== null) this.#clock.clearTimeout(this.#noticeTimer);
		this.#noticeTimer = null;
	}

	// --- TailSink --------------------------------------------------------------------------------

	event(projectUuid: string, event: TailEvent): void {
		if (this.#removed.has(projectUuid)) return;
		this.#append(this.#pane(projectUuid, "connecting"), event);
	}

	status(projectUuid: string, status: ConnectionStatus): void {
		if (this.#removed.has(projectUuid)) return;
		const pane = this.#pane(projectUuid, status.phase);
		pane.status = status;
		this.#touch(pane);
		// A reconnect countdown ("retry in 4s") needs `now` to move.
		this.#publisher.ensureTick();
	}

	gap(projectUuid: string, gap: Gap): void {
		if (this.#removed.has(projectUuid)) return;
		const pane = this.#pane(projectUuid, "connecting");
		pane.ring.push(gapEntry(gap, this.#seq++));
		this.#touch(pane);
	}

	skip(projectUuid: string, _cause: SkipCause): void {
		// The stream client's status counters carry skips; the store has nothing else to show for one.
		if (!this.#removed.has(projectUuid)) this.#pane(projectUuid, "connecting");
	}

	// --- projects --------------------------------------------------------------------------------

	addProject(uuid: string, name?: string): void {
		this.#removed.delete(uuid);
		if (name !== undefined) this.#names.set(uuid, sanitizeOneLine(name));
		const pane = this.#pane(uuid, "connecting");
		if (name !== undefined && pane.name !== this.#names.get(uuid)) {
			pane.name = this.#names.get(uuid);
			this.#touch(pane);
		}
		this.#publisher.soon();
	}

	removeProject(uuid: string): void {
		this.#removed.add(uuid);
		const pane = this.#byId.get(uuid);
		if (pane === undefined) return;
		this.#byId.delete(uuid);
		this.#panes.splice(this.#panes.indexOf(pane), 1);
		this.#focus = clamp(this.#focus, 0, Math.max(0, this.#panes.length - 1));
		this.#changed();
	}

	setProjectNames(projects: readonly ProjectInfo[]): void {
		let renamed = false;
		for (const project of projects) {
			const name = sanitizeOneLine(project.name);
			this.#names.set(project.uuid, name);
			const pane = this.#byId.get(project.uuid);
			if (pane !== undefined && pane.name !== name) {
				pane.name = name;
				this.#touch(pane);
				renamed = true;
			}
		}
		// `project:<name>` tokens depend on names.
		if (renamed) this.#search.namesChanged();
		this.#publisher.soon();
	}

	ingest(event: TailEvent): void {
		this.#append(this.#pane(event.projectUuid, "stopped"), event);
	}

	// --- view ------------------------------------------------------------------------------------

	setViewport(paneId: string, height: number): void {
		const pane = this.#byId.get(paneId);
		const h = Math.max(0, Math.floor(height));
		if (pane === undefined || pane.height === h) return;
		pane.height = h;
		this.#touch(pane);
		this.#publisher.soon();
	}

	focusPane(index: number): void {
		const focus = clamp(Math.floor(index), 0, Math.max(0, this.#panes.length - 1));
		if (focus === this.#focus) return;
		this.#focus = focus;
		this.#changed();
	}

	focusNext(): void {
		if (this.#panes.length > 0) this.focusPane((this.#focus + 1) % this.#panes.length);
	}

	focusPrevious(): void {
		const n = this.#panes.length;
		if (n > 0) this.focusPane((this.#focus - 1 + n) % n);
	}

	moveCursor(delta: number): void {
		const pane = this.#focused();
		if (pane !== undefined && delta !== 0) moves.moveBy(this.#moves, pane, Math.trunc(delta), 0);
	}

	page(direction: -1 | 1, fraction: number): void {
		const pane = this.#focused();
		if (pane === undefined) return;
		const step = Math.max(1, Math.round(pane.height * fraction)) * direction;
		moves.moveBy(this.#moves, pane, step, step);
	}

	toTop(): void {
		const pane = this.#focused();
		if (pane !== undefined) moves.toTop(this.#moves, pane);
	}

	toBottom(): void {
		const pane = this.#focused();
		if (pane !== undefined) moves.toBottom(this.#moves, pane);
	}

	togglePause(paneId?: string): void {
		const pane = paneId === undefined ? this.#focused() : this.#byId.get(paneId);
		if (pane === undefined) return;
		if (pane.paused) moves.resume(this.#moves, pane);
		else moves.pause(this.#moves, pane);
		this.#publisher.soon();
	}

	togglePauseAll(): void {
		const anyLive = this.#panes.some((pane) => !pane.paused);
		for (const pane of this.#panes) {
			if (anyLive && !pane.paused) moves.pause(this.#moves, pane);
			else if (!anyLive) moves.resume(this.#moves, pane);
		}
		this.#publisher.soon();
	}

	cycleLayout(): void {
		this.#layout = next(layouts, this.#layout);
		this.#changed();
	}

	toggleZoom(): void {
		this.#zoom = !this.#zoom;
		this.#changed();
	}

	cycleTimeFormat(): void {
		this.#timeFormat = next(timeFormats, this.#timeFormat);
		this.#publisher.markDirty();
		this.#publisher.ensureTick();
		this.#publisher.soon();
	}

	setNotice(text: string, ms = DEFAULT_NOTICE_MS): void {
		if (this.#noticeTimer !== null) this.#clock.clearTimeout(this.#noticeTimer);
		this.#noticeTimer = null;
		this.#notice = sanitizeOneLine(text);
		this.#publisher.markDirty();
		if (!this.#publisher.disposed) {
			this.#noticeTimer = this.#clock.setTimeout(() => {
				this.#noticeTimer = null;
				this.#notice = null;
				this.#publisher.markDirty();
			}, ms);
		}
		this.#publisher.soon();
	}

	// --- search ----------------------------------------------------------------------------------

	setSearch(query: string, options?: { mode?: SearchMode; scope?: SearchScope }): void {
		this.#search.set(query, options);
	}

	clearSearch(): void {
		this.#search.clear();
	}

	toggleFilterMode(): void {
		this.#search.toggleMode();
	}

	nextMatch(): void {
		const pane = this.#focused();
		if (pane !== undefined) moves.jumpToMatch(this.#moves, pane, 1);
	}

	previousMatch(): void {
		const pane = this.#focused();
		if (pane !== undefined) moves.jumpToMatch(this.#moves, pane, -1);
	}

	// --- exceptions and selection ----------------------------------------------------------------

	nextException(): void {
		const pane = this.#focused();
		if (pane !== undefined) moves.jumpToException(this.#moves, pane, 1);
	}

	previousException(): void {
		const pane = this.#focused();
		if (pane !== undefined) moves.jumpToException(this.#moves, pane, -1);
	}

	selectedEntry(): Entry | null {
		const pane = this.#focused();
		return pane === undefined ? null : entryAtCursor(pane, this.#search);
	}

	exceptionsOf(paneId: string): readonly Entry[] {
		const pane = this.#byId.get(paneId);
		if (pane === undefined) return [];
		pane.prune();
		const out: Entry[] = [];
		const index = pane.exceptionIndex;
		for (let i = 0; i < index.length; i++) {
			const entry = pane.ring.at(index.at(i) as number);
			if (entry !== undefined) out.push(entry);
		}
		return out;
	}

	// --- internals -------------------------------------------------------------------------------

	#focused(): PaneState | undefined {
		return this.#panes[this.#focus];
	}

	#pane(uuid: string, phase: ConnectionStatus["phase"]): PaneState {
		let pane = this.#byId.get(uuid);
		if (pane !== undefined) return pane;
		pane = new PaneState(uuid, this.#names.get(uuid), this.#capacity, initialStatus(phase));
		this.#panes.push(pane);
		this.#byId.set(uuid, pane);
		this.#search.attach(pane);
		this.#touch(pane);
		return pane;
	}

	#append(pane: PaneState, event: TailEvent): void {
		const ring = pane.ring;
		const exceptionIndex = pane.exceptionIndex;
		// Rows keep the store's own compact copy: what else the event holds can be derived again.
		const stored = compactCopy(event);
		this.#seq = emitEventEntries(
			event,
			this.#seq,
			(entry) => {
				const index = ring.end;
				ring.push(entry);
				if (entry.kind === "exception") {
					exceptionIndex.push(index);
					pane.exceptionRows++;
					exceptionIndex.dropBelow(ring.start);
				}
			},
			stored,
		);
		const status = event.request?.status ?? 0;
		pane.events++;
		if (status >= 500) pane.serverErrors++;
		pane.exceptions += event.exceptions.length;
		pane.eventHistory.add(this.#clock.now());
		this.#touch(pane);
		this.#publisher.ensureTick();
	}

	#touch(pane: PaneState): void {
		pane.dirty = true;
		this.#publisher.markDirty();
	}

	/** Something the screen shows changed by an action: publish on the next microtask. */
	#changed(): void {
		this.#publisher.markDirty();
		this.#publisher.soon();
	}

	#build(now: number): StoreSnapshot {
		const panes: PaneSnapshot[] = [];
		for (const pane of this.#panes) {
			if (pane.dirty || pane.snapshot === null) {
				pane.snapshot = buildPaneSnapshot(pane, this.#search, now);
				pane.dirty = false;
			}
			panes.push(pane.snapshot);
		}
		return {
			version: this.#version++,
			panes,
			focus: this.#focus,
			search: this.#search.snapshot((pane) => cursorAbs(pane, this.#search)),
			layout: this.#layout,
			zoom: this.#zoom,
			timeFormat: this.#timeFormat,
			notice: this.#notice,
			now,
		};
	}

	#needsTick(): boolean {
		if (this.#timeFormat === "relative") return true;
		const second = Math.floor(this.#clock.now() / 1000);
		return this.#panes.some(
			(pane) =>
				pane.status.phase === "connecting" ||
				pane.status.phase === "reconnecting" ||
				second - pane.eventHistory.newest <= RATE_SECONDS,
		);
	}

	#tick(): void {
		const second = Math.floor(this.#clock.now() / 1000);
		let any = this.#timeFormat === "relative";
		for (const pane of this.#panes) {
			const phase = pane.status.phase;
			// `<=` RATE_SECONDS: one more tick after the last event has slid out of the window.
			if (second - pane.eventHistory.newest <= RATE_SECONDS || phase === "reconnecting") {
				this.#touch(pane);
				any = true;
			} else if (phase === "connecting") {
				any = true;
			}
		}
		if (any) this.#publisher.markDirty();
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
