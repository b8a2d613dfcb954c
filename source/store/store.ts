/**
 * The shared store: the single source of truth for every pane (and for tests), with no React import.
 *
 * Flow: stream clients (via `TailSink`) and replay (`ingest`) append rows to per-project ring buffers
 * and only mark things dirty. A frame timer on the injected clock publishes at most once per
 * `frameIntervalMs`: it builds a new immutable `StoreSnapshot`, rebuilding only the panes that changed
 * (an unchanged pane keeps its `PaneSnapshot` object, so memoized UI panes skip rendering). Key actions
 * publish on the next microtask for instant feedback. Reading a window costs O(height) (plus O(log n)
 * in filter mode), never O(buffer).
 *
 * Search runs in slices of at most `searchSliceMs` on a separate scheduler (setImmediate by default),
 * newest entries first, publishing progressively; a new query cancels the running one. Entries that
 * arrive during a search are matched at publish time and join the results without a rescan.
 *
 * Search scope: "all" by default (every pane is searched, filter mode filters every pane); "pane"
 * limits the search to the pane focused when the search was set. `matchIndex`/`matchCount` and n/N
 * always refer to the focused pane.
 */
import { initialStatus } from "../model/connection-status.js";
import { compactEvent } from "../model/lazy-event.js";
import { sanitizeOneLine } from "../model/sanitize.js";
import type { ConnectionStatus, Gap, ProjectInfo, SkipCause, TailEvent } from "../model/types.js";
import { type Clock, systemClock, type TimerHandle } from "../util/clock.js";
import { emitEventEntries, gapEntry } from "./entries.js";
import { HISTORY_SECONDS } from "./history.js";
import { IndexList } from "./index-list.js";
import { type Frozen, Pane, type PaneSearch } from "./pane.js";
import { isEmptyQuery, type ParsedQuery, parseQuery } from "./query.js";
import { type CompiledQuery, compileQuery } from "./search.js";
import type {
	Entry,
	LayoutMode,
	MatchRange,
	PaneHistory,
	PaneSnapshot,
	RowView,
	SearchMode,
	SearchScope,
	SearchSnapshot,
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
const RATE_SECONDS = 60;

const layouts: readonly LayoutMode[] = ["columns", "rows", "grid"];
const timeFormats: readonly TimeFormat[] = ["local", "utc", "relative"];
const noRanges: readonly MatchRange[] = Object.freeze([]);
const noRows: readonly RowView[] = Object.freeze([]);
const noAbs: readonly number[] = Object.freeze([]);

/** A pane's rows in display order: everything, or (filter mode) only the matches. */
interface Sequence {
	readonly length: number;
	absAt(rank: number): number;
	/** Rank of the last row whose index is <= abs (-1 when none). */
	rankAtOrBefore(abs: number): number;
	/** Rank of the first row whose index is >= abs (= length when none). */
	rankFrom(abs: number): number;
}

const emptySequence: Sequence = {
	length: 0,
	absAt: () => -1,
	rankAtOrBefore: () => -1,
	rankFrom: () => 0,
};

/** A pane's current position resolved against its sequence. */
interface Resolved {
	readonly seq: Sequence;
	readonly n: number;
	readonly cursorRank: number;
	readonly topRank: number;
}

interface ActiveSearch {
	readonly query: string;
	mode: SearchMode;
	readonly scope: SearchScope;
	/** With scope "pane": the pane it applies to. */
	readonly paneId: string | null;
	readonly parsed: ParsedQuery;
	/** null for an empty query (nothing to match: every row shows, none is flagged). */
	readonly compiled: CompiledQuery | null;
}

function clamp(value: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, value));
}

class Store implements TailStore {
	readonly #clock: Clock;
	readonly #capacity: number;
	readonly #frameMs: number;
	readonly #sliceMs: number;
	readonly #schedule: (callback: () => void) => void;

	readonly #panes: Pane[] = [];
	readonly #byId = new Map<string, Pane>();
	/** Names from `setProjectNames`, for panes that appear later. */
	readonly #names = new Map<string, string>();
	/** Projects removed on purpose: late stream events for them are dropped, not re-added. */
	readonly #removed = new Set<string>();
	readonly #listeners = new Set<() => void>();

	#seq = 0;
	#focus = 0;
	#layout: LayoutMode = "columns";
	#zoom = false;
	#timeFormat: TimeFormat = "local";
	#notice: string | null = null;
	#noticeTimer: TimerHandle | null = null;

	#search: ActiveSearch | null = null;
	/** Bumped on every search change: scans of an older generation stop; cached rows are rebuilt. */
	#searchGen = 0;
	#scanScheduled = false;
	/** The current search has published matches (its first ones are published at once). */
	#searchShown = false;

	#dirty = true;
	#version = 0;
	#snapshot: StoreSnapshot;
	#searchSnapshot: SearchSnapshot | null = null;
	#frameTimer: TimerHandle | null = null;
	#tickTimer: TimerHandle | null = null;
	#lastPublish = Number.NEGATIVE_INFINITY;
	#flushQueued = false;
	#disposed = false;

	constructor(options: StoreOptions = {}) {
		this.#clock = options.clock ?? systemClock;
		this.#capacity = Math.max(1, Math.floor(options.scrollback ?? DEFAULT_SCROLLBACK));
		this.#frameMs = Math.max(0, options.frameIntervalMs ?? DEFAULT_FRAME_MS);
		this.#sliceMs = Math.max(1, options.searchSliceMs ?? DEFAULT_SLICE_MS);
		this.#schedule = options.schedule ?? ((callback) => setImmediate(callback));
		this.#snapshot = this.#build(this.#clock.now());
		this.#dirty = false;
	}

	// --- useSyncExternalStore --------------------------------------------------------------------

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	};

	getSnapshot = (): StoreSnapshot => this.#snapshot;

	flush(): void {
		if (this.#frameTimer !== null) {
			this.#clock.clearTimeout(this.#frameTimer);
			this.#frameTimer = null;
		}
		this.#publish();
	}

	dispose(): void {
		this.#disposed = true;
		this.#searchGen++;
		for (const timer of [this.#frameTimer, this.#tickTimer, this.#noticeTimer]) {
			if (timer !== null) this.#clock.clearTimeout(timer);
		}
		this.#frameTimer = this.#tickTimer = this.#noticeTimer = null;
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
		this.#ensureTick();
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
		this.#soon();
	}

	removeProject(uuid: string): void {
		this.#removed.add(uuid);
		const pane = this.#byId.get(uuid);
		if (pane === undefined) return;
		this.#byId.delete(uuid);
		this.#panes.splice(this.#panes.indexOf(pane), 1);
		this.#focus = clamp(this.#focus, 0, Math.max(0, this.#panes.length - 1));
		this.#markDirty();
		this.#soon();
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
		const search = this.#search;
		if (renamed && search?.compiled && search.parsed.filters.some((f) => f.field === "project")) {
			this.#startSearch(search.query, search.mode, search.scope, search.paneId);
		}
		this.#soon();
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
		this.#soon();
	}

	focusPane(index: number): void {
		const focus = clamp(Math.floor(index), 0, Math.max(0, this.#panes.length - 1));
		if (focus === this.#focus) return;
		this.#focus = focus;
		this.#markDirty();
		this.#soon();
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
		if (pane === undefined || delta === 0) return;
		this.#moveBy(pane, Math.trunc(delta), 0);
	}

	page(direction: -1 | 1, fraction: number): void {
		const pane = this.#focused();
		if (pane === undefined) return;
		const step = Math.max(1, Math.round(pane.height * fraction)) * direction;
		this.#moveBy(pane, step, step);
	}

	toTop(): void {
		const pane = this.#focused();
		if (pane === undefined) return;
		if (pane.frozen !== null) {
			this.#moveFrozen(pane, 0);
			return;
		}
		const r = this.#resolve(pane);
		if (r.n === 0) return;
		this.#anchor(pane, r);
		pane.cursor = pane.top = r.seq.absAt(0);
		this.#touch(pane);
		this.#soon();
	}

	toBottom(): void {
		const pane = this.#focused();
		if (pane === undefined) return;
		if (pane.frozen !== null) {
			this.#moveFrozen(pane, pane.frozen.entries.length - 1);
			return;
		}
		pane.follow = true;
		this.#touch(pane);
		this.#soon();
	}

	togglePause(paneId?: string): void {
		const pane = paneId === undefined ? this.#focused() : this.#byId.get(paneId);
		if (pane === undefined) return;
		if (pane.paused) this.#resume(pane);
		else this.#pause(pane);
		this.#soon();
	}

	togglePauseAll(): void {
		const anyLive = this.#panes.some((pane) => !pane.paused);
		for (const pane of this.#panes) {
			if (anyLive && !pane.paused) this.#pause(pane);
			else if (!anyLive) this.#resume(pane);
		}
		this.#soon();
	}

	cycleLayout(): void {
		this.#layout = layouts[(layouts.indexOf(this.#layout) + 1) % layouts.length] as LayoutMode;
		this.#markDirty();
		this.#soon();
	}

	toggleZoom(): void {
		this.#zoom = !this.#zoom;
		this.#markDirty();
		this.#soon();
	}

	cycleTimeFormat(): void {
		this.#timeFormat = timeFormats[
			(timeFormats.indexOf(this.#timeFormat) + 1) % timeFormats.length
		] as TimeFormat;
		this.#markDirty();
		this.#ensureTick();
		this.#soon();
	}

	setNotice(text: string, ms = DEFAULT_NOTICE_MS): void {
		if (this.#noticeTimer !== null) this.#clock.clearTimeout(this.#noticeTimer);
		this.#noticeTimer = null;
		this.#notice = sanitizeOneLine(text);
		this.#markDirty();
		if (!this.#disposed) {
			this.#noticeTimer = this.#clock.setTimeout(() => {
				this.#noticeTimer = null;
				this.#notice = null;
				this.#markDirty();
			}, ms);
		}
		this.#soon();
	}

	// --- search ----------------------------------------------------------------------------------

	setSearch(query: string, options?: { mode?: SearchMode; scope?: SearchScope }): void {
		const current = this.#search;
		const mode = options?.mode ?? current?.mode ?? "find";
		const scope = options?.scope ?? current?.scope ?? "all";
		const paneId = scope === "pane" ? (this.#focused()?.id ?? null) : null;
		if (current !== null && current.query === query && current.scope === scope && current.paneId === paneId) {
			if (current.mode !== mode) this.#setMode(mode);
			return;
		}
		this.#startSearch(query, mode, scope, paneId);
		this.#soon();
	}

	clearSearch(): void {
		if (this.#search === null) return;
		this.#search = null;
		this.#searchGen++;
		for (const pane of this.#panes) {
			pane.search = null;
			this.#touch(pane);
		}
		this.#soon();
	}

	toggleFilterMode(): void {
		const search = this.#search;
		if (search === null) return;
		this.#setMode(search.mode === "find" ? "filter" : "find");
	}

	nextMatch(): void {
		this.#jumpToMatch(1);
	}

	previousMatch(): void {
		this.#jumpToMatch(-1);
	}

	// --- exceptions and selection ----------------------------------------------------------------

	nextException(): void {
		this.#jumpToException(1);
	}

	previousException(): void {
		this.#jumpToException(-1);
	}

	selectedEntry(): Entry | null {
		const pane = this.#focused();
		if (pane === undefined) return null;
		if (pane.frozen !== null) return this.#frozenView(pane).entries[pane.frozen.cursor] ?? null;
		const r = this.#resolve(pane);
		if (r.n === 0) return null;
		return pane.ring.at(r.seq.absAt(r.cursorRank)) ?? null;
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

	historyOf(paneId: string): PaneHistory | null {
		const pane = this.#byId.get(paneId);
		if (pane === undefined) return null;
		const now = this.#clock.now();
		return {
			events: pane.eventHistory.window(now, HISTORY_SECONDS),
			errors: pane.errorHistory.window(now, HISTORY_SECONDS),
			exceptions: pane.exceptionHistory.window(now, HISTORY_SECONDS),
		};
	}

	// --- ingest ----------------------------------------------------------------------------------

	#pane(uuid: string, phase: ConnectionStatus["phase"]): Pane {
		let pane = this.#byId.get(uuid);
		if (pane !== undefined) return pane;
		pane = new Pane(uuid, this.#names.get(uuid), this.#capacity, initialStatus(phase));
		this.#panes.push(pane);
		this.#byId.set(uuid, pane);
		const search = this.#search;
		if (search !== null) pane.search = this.#paneSearch(pane, search);
		this.#touch(pane);
		return pane;
	}

	#append(pane: Pane, event: TailEvent): void {
		const ring = pane.ring;
		const exceptionIndex = pane.exceptionIndex;
		this.#seq = emitEventEntries(event, this.#seq, (entry) => {
			const index = ring.end;
			ring.push(entry);
			if (entry.kind === "exception") {
				exceptionIndex.push(index);
				exceptionIndex.dropBelow(ring.start);
			}
		});
		const now = this.#clock.now();
		const status = event.request?.status ?? 0;
		const exceptions = event.exceptions.length;
		pane.events++;
		if (status >= 500) pane.serverErrors++;
		pane.exceptions += exceptions;
		pane.eventHistory.add(now);
		if (status >= 500 || event.logs.some((log) => log.level === "error")) pane.errorHistory.add(now);
		pane.exceptionHistory.add(now, exceptions);
		// Rows are built and counted: what else the event holds can be derived again when asked for.
		compactEvent(event);
		this.#touch(pane);
		this.#ensureTick();
	}

	// --- publishing ------------------------------------------------------------------------------

	#touch(pane: Pane): void {
		pane.dirty = true;
		this.#markDirty();
	}

	#markDirty(): void {
		this.#dirty = true;
		if (this.#frameTimer !== null || this.#disposed) return;
		const delay = Math.max(0, this.#lastPublish + this.#frameMs - this.#clock.now());
		this.#frameTimer = this.#clock.setTimeout(() => {
			this.#frameTimer = null;
			this.#publish();
		}, delay);
	}

	/** Publishes on the next microtask: actions answer at once, several in one key chunk coalesce. */
	#soon(): void {
		if (this.#flushQueued || this.#disposed) return;
		this.#flushQueued = true;
		queueMicrotask(() => {
			this.#flushQueued = false;
			if (!this.#disposed) this.flush();
		});
	}

	#publish(): void {
		if (!this.#dirty) return;
		const now = this.#clock.now();
		this.#snapshot = this.#build(now);
		this.#dirty = false;
		this.#lastPublish = now;
		for (const listener of [...this.#listeners]) listener();
	}

	#build(now: number): StoreSnapshot {
		const panes: PaneSnapshot[] = [];
		for (const pane of this.#panes) {
			if (pane.dirty || pane.snapshot === null) {
				pane.snapshot = this.#buildPane(pane, now);
				pane.dirty = false;
			}
			panes.push(pane.snapshot);
		}
		return {
			version: this.#version++,
			panes,
			focus: this.#focus,
			search: this.#buildSearch(),
			layout: this.#layout,
			zoom: this.#zoom,
			timeFormat: this.#timeFormat,
			notice: this.#notice,
			now,
		};
	}

	#buildPane(pane: Pane, now: number): PaneSnapshot {
		this.#matchLive(pane);
		pane.prune();
		let rows: readonly RowView[];
		let newBelow = 0;
		if (pane.frozen !== null) {
			rows = this.#frozenRows(pane);
		} else {
			const window = this.#window(pane);
			rows = window.rows;
			newBelow = window.newBelow;
		}
		const ring = pane.ring;
		return {
			id: pane.id,
			title: pane.title,
			version: ++pane.version,
			status: pane.status,
			rows,
			follow: pane.follow && !pane.paused,
			newBelow,
			paused: pane.paused,
			pausedNew: pane.paused ? ring.end - pane.pausedAtEnd : 0,
			evicted: ring.evicted,
			size: ring.size,
			hidden: this.#hidden(pane),
			rate: pane.eventHistory.window(now, RATE_SECONDS),
			errorRate: pane.errorHistory.window(now, RATE_SECONDS),
			totals: pane.currentTotals(),
		};
	}

	#hidden(pane: Pane): number {
		const ps = pane.search;
		if (ps === null || this.#search?.mode !== "filter") return 0;
		const ring = pane.ring;
		if (!ps.eligible) return ring.size;
		const unscanned = Math.max(0, ps.scanNext - ring.start + 1);
		return Math.max(0, ring.size - unscanned - ps.matches.length);
	}

	#buildSearch(): SearchSnapshot | null {
		const search = this.#search;
		if (search === null) {
			this.#searchSnapshot = null;
			return null;
		}
		let matchIndex = 0;
		let matchCount = 0;
		const pane = this.#focused();
		const ps = pane?.search;
		if (pane !== undefined && ps?.eligible === true) {
			pane.prune();
			matchCount = ps.matches.length;
			const cursor = this.#cursorAbs(pane);
			if (cursor !== null) {
				const rank = ps.matches.lowerBound(cursor);
				if (ps.matches.at(rank) === cursor) matchIndex = rank + 1;
			}
		}
		const pending = this.#panes.some((p) => this.#scanPending(p));
		const previous = this.#searchSnapshot;
		if (
			previous !== null &&
			previous.query === search.query &&
			previous.mode === search.mode &&
			previous.scope === search.scope &&
			previous.matchIndex === matchIndex &&
			previous.matchCount === matchCount &&
			previous.pending === pending &&
			previous.error === search.parsed.error
		) {
			return previous;
		}
		this.#searchSnapshot = {
			query: search.query,
			mode: search.mode,
			scope: search.scope,
			matchIndex,
			matchCount,
			pending,
			error: search.parsed.error,
		};
		return this.#searchSnapshot;
	}

	/**
	 * Keeps a one-second tick while something on screen depends on time passing: rates of panes with
	 * recent events slide, relative timestamps age, a reconnect countdown runs.
	 */
	#ensureTick(): void {
		if (this.#tickTimer !== null || this.#disposed || !this.#needsTick()) return;
		const now = this.#clock.now();
		this.#tickTimer = this.#clock.setTimeout(
			() => {
				this.#tickTimer = null;
				this.#tick();
			},
			1000 - (now % 1000),
		);
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
		if (any) this.#markDirty();
		this.#ensureTick();
	}

	// --- windows ---------------------------------------------------------------------------------

	#filtering(pane: Pane): boolean {
		return pane.search !== null && this.#search?.mode === "filter";
	}

	#sequence(pane: Pane): Sequence {
		pane.prune();
		const ring = pane.ring;
		const ps = pane.search;
		if (ps !== null && this.#search?.mode === "filter") {
			if (!ps.eligible) return emptySequence;
			this.#matchLive(pane);
			const m = ps.matches;
			return {
				length: m.length,
				absAt: (rank) => m.at(rank) as number,
				rankAtOrBefore: (abs) => m.lowerBound(abs + 1) - 1,
				rankFrom: (abs) => m.lowerBound(abs),
			};
		}
		const start = ring.start;
		const n = ring.size;
		return {
			length: n,
			absAt: (rank) => start + rank,
			rankAtOrBefore: (abs) => Math.min(n - 1, abs - start),
			rankFrom: (abs) => clamp(abs - start, 0, n),
		};
	}

	/** The pane's cursor and top as ranks of its current sequence, normalized to keep a full window. */
	#resolve(pane: Pane): Resolved {
		const seq = this.#sequence(pane);
		const n = seq.length;
		const h = pane.height;
		if (n === 0) return { seq, n, cursorRank: -1, topRank: 0 };
		if (pane.follow) return { seq, n, cursorRank: n - 1, topRank: Math.max(0, n - h) };
		const cursorRank = clamp(seq.rankAtOrBefore(pane.cursor), 0, n - 1);
		let topRank = clamp(seq.rankAtOrBefore(pane.top), 0, n - 1);
		if (cursorRank < topRank) topRank = cursorRank;
		else if (h > 0 && cursorRank >= topRank + h) topRank = cursorRank - h + 1;
		// Keep the window full when rows above exist (after eviction, or a filter that matches fewer).
		topRank = Math.min(topRank, Math.max(0, n - h));
		pane.cursor = seq.absAt(cursorRank);
		pane.top = seq.absAt(topRank);
		return { seq, n, cursorRank, topRank };
	}

	#window(pane: Pane): { rows: readonly RowView[]; newBelow: number } {
		const r = this.#resolve(pane);
		const count = r.n === 0 ? 0 : Math.min(pane.height, r.n - r.topRank);
		const entries: Entry[] = [];
		const abs: number[] = [];
		for (let i = 0; i < count; i++) {
			const index = r.seq.absAt(r.topRank + i);
			const entry = pane.ring.at(index);
			if (entry === undefined) continue;
			entries.push(entry);
			abs.push(index);
		}
		const cursorIndex = r.cursorRank - r.topRank;
		const ps = pane.search;
		const filtering = this.#filtering(pane);
		const isMatch =
			ps === null || !ps.eligible
				? () => false
				: filtering
					? () => true
					: (i: number) => ps.matches.includes(abs[i] as number);
		const rows = this.#rows(pane, entries, abs, cursorIndex, isMatch);
		const newBelow = pane.follow
			? 0
			: Math.max(0, r.n - Math.max(r.seq.rankFrom(pane.anchorEnd), r.topRank + count));
		return { rows, newBelow };
	}

	/** What a paused pane shows: its frozen rows (filtered by the search in filter mode). */
	#frozenView(pane: Pane): { entries: readonly Entry[]; abs: readonly number[] } {
		const frozen = pane.frozen as Frozen;
		const compiled = this.#search?.compiled;
		if (!this.#filtering(pane) || compiled == null) return frozen;
		if (!pane.search?.eligible) return { entries: [], abs: [] };
		const entries: Entry[] = [];
		const abs: number[] = [];
		frozen.entries.forEach((entry, i) => {
			if (compiled.test(entry)) {
				entries.push(entry);
				abs.push(frozen.abs[i] as number);
			}
		});
		return { entries, abs };
	}

	#frozenRows(pane: Pane): readonly RowView[] {
		const frozen = pane.frozen as Frozen;
		const view = this.#frozenView(pane);
		const n = view.entries.length;
		frozen.cursor = clamp(frozen.cursor, 0, Math.max(0, n - 1));
		// A viewport that shrank while paused shows the part of the frozen rows around the cursor.
		const h = pane.height;
		const start = n <= h ? 0 : Math.max(0, Math.min(frozen.cursor, n - h));
		const end = Math.min(n, start + h);
		const entries = view.entries.slice(start, end);
		const abs = view.abs.slice(start, end);
		const compiled = this.#search?.compiled;
		const ps = pane.search;
		// Frozen rows may be evicted already: test them directly rather than against the match list.
		const isMatch =
			ps === null || !ps.eligible || compiled == null
				? () => false
				: (i: number) => compiled.test(entries[i] as Entry);
		return this.#rows(pane, entries, abs, frozen.cursor - start, isMatch);
	}

	/**
	 * Builds the RowViews of a window, reusing the previous RowView of an entry when nothing about it
	 * changed, and the previous array when no row changed (identity = "nothing to redraw").
	 */
	#rows(
		pane: Pane,
		entries: readonly Entry[],
		abs: readonly number[],
		cursorIndex: number,
		isMatch: (i: number) => boolean,
	): readonly RowView[] {
		const previous = pane.rows;
		const reusable = pane.rowsKey === this.#searchGen;
		const byEntry = new Map<Entry, RowView>();
		if (reusable) for (const row of previous) byEntry.set(row.entry, row);
		const compiled = this.#search?.compiled;
		const rows: RowView[] = [];
		let same = reusable && entries.length === previous.length;
		for (let i = 0; i < entries.length; i++) {
			const entry = entries[i] as Entry;
			const cursor = i === cursorIndex;
			const match = isMatch(i);
			const old = byEntry.get(entry);
			let row: RowView;
			if (old !== undefined && old.cursor === cursor && old.match === match) {
				row = old;
			} else {
				const ranges = match && compiled != null ? compiled.ranges(entry) : noRanges;
				row = { entry, cursor, match, ranges };
			}
			if (row !== previous[i]) same = false;
			rows.push(row);
		}
		if (same) {
			pane.rowsAbs = abs;
			return previous;
		}
		pane.rows = rows.length === 0 ? noRows : rows;
		pane.rowsAbs = abs.length === 0 ? noAbs : abs;
		pane.rowsKey = this.#searchGen;
		return pane.rows;
	}

	#focused(): Pane | undefined {
		return this.#panes[this.#focus];
	}

	/** The absolute index under the pane's cursor, or null when the pane shows nothing. */
	#cursorAbs(pane: Pane): number | null {
		if (pane.frozen !== null) return this.#frozenView(pane).abs[pane.frozen.cursor] ?? null;
		const r = this.#resolve(pane);
		return r.n === 0 ? null : r.seq.absAt(r.cursorRank);
	}

	/** Leaves follow mode keeping the view where it is. */
	#anchor(pane: Pane, r: Resolved): void {
		if (!pane.follow) return;
		pane.follow = false;
		pane.anchorEnd = pane.ring.end;
		pane.top = r.seq.absAt(r.topRank);
		pane.cursor = r.seq.absAt(r.cursorRank);
	}

	#moveBy(pane: Pane, cursorDelta: number, topDelta: number): void {
		if (pane.frozen !== null) {
			this.#moveFrozen(pane, pane.frozen.cursor + cursorDelta);
			return;
		}
		const r = this.#resolve(pane);
		if (r.n === 0 || (pane.follow && cursorDelta >= 0)) return;
		const cursorRank = clamp(r.cursorRank + cursorDelta, 0, r.n - 1);
		if (cursorDelta > 0 && cursorRank === r.n - 1) {
			// Reaching the newest row resumes following, as in less +F / lnav.
			pane.follow = true;
		} else {
			this.#anchor(pane, r);
			pane.cursor = r.seq.absAt(cursorRank);
			pane.top = r.seq.absAt(clamp(r.topRank + topDelta, 0, Math.max(0, r.n - pane.height)));
		}
		this.#touch(pane);
		this.#soon();
	}

	#moveFrozen(pane: Pane, index: number): void {
		const frozen = pane.frozen as Frozen;
		const n = this.#frozenView(pane).entries.length;
		const cursor = clamp(index, 0, Math.max(0, n - 1));
		if (cursor === frozen.cursor) return;
		frozen.cursor = cursor;
		this.#touch(pane);
		this.#soon();
	}

	/** Puts the cursor on an absolute index (a jump), leaving follow mode. */
	#jumpTo(pane: Pane, abs: number): void {
		const r = this.#resolve(pane);
		this.#anchor(pane, r);
		pane.cursor = abs;
		this.#touch(pane);
		this.#soon();
	}

	#pause(pane: Pane): void {
		if (pane.paused) return;
		// Freeze what is on screen: the rows last published (a publish first, if this pane has none yet).
		if (pane.snapshot === null) this.#publish();
		const rows = pane.rows;
		const cursor = rows.findIndex((row) => row.cursor);
		pane.frozen = { entries: rows.map((row) => row.entry), abs: pane.rowsAbs, cursor: Math.max(0, cursor) };
		pane.paused = true;
		pane.pausedAtEnd = pane.ring.end;
		this.#touch(pane);
	}

	#resume(pane: Pane): void {
		if (!pane.paused) return;
		pane.paused = false;
		pane.frozen = null;
		pane.follow = true;
		this.#touch(pane);
	}

	// --- search internals --------------------------------------------------------------------------

	#inScope(pane: Pane, search: ActiveSearch): boolean {
		return search.scope === "all" || pane.id === search.paneId;
	}

	#paneSearch(pane: Pane, search: ActiveSearch): PaneSearch | null {
		const compiled = search.compiled;
		if (compiled === null || !this.#inScope(pane, search)) return null;
		const eligible = compiled.paneMatches(pane.id, pane.name);
		const end = pane.ring.end;
		return { matches: new IndexList(), eligible, scanNext: eligible ? end - 1 : -1, liveFrom: end };
	}

	#startSearch(query: string, mode: SearchMode, scope: SearchScope, paneId: string | null): void {
		const parsed = parseQuery(query);
		const compiled = isEmptyQuery(parsed) ? null : compileQuery(parsed);
		const search: ActiveSearch = { query, mode, scope, paneId, parsed, compiled };
		this.#search = search;
		this.#searchGen++;
		this.#searchShown = false;
		for (const pane of this.#panes) {
			pane.search = this.#paneSearch(pane, search);
			this.#touch(pane);
		}
		this.#markDirty();
		this.#scheduleScan();
	}

	#setMode(mode: SearchMode): void {
		const search = this.#search;
		if (search === null || search.mode === mode) return;
		// Keep the cursor on the same entry where it can be: resolve it before the sequence changes.
		for (const pane of this.#panes) {
			if (pane.search === null) continue;
			if (!pane.follow && pane.frozen === null) this.#resolve(pane);
			this.#touch(pane);
		}
		search.mode = mode;
		this.#markDirty();
		this.#soon();
	}

	#scanPending(pane: Pane): boolean {
		const ps = pane.search;
		return ps?.eligible === true && ps.scanNext >= pane.ring.start;
	}

	#scheduleScan(): void {
		if (this.#scanScheduled || this.#disposed) return;
		if (!this.#panes.some((pane) => this.#scanPending(pane))) return;
		this.#scanScheduled = true;
		const gen = this.#searchGen;
		this.#schedule(() => {
			this.#scanScheduled = false;
			if (gen !== this.#searchGen) {
				// A newer query replaced this one while it waited: run the new one instead.
				this.#scheduleScan();
				return;
			}
			this.#scanSlice();
		});
	}

	/**
	 * One slice of the background scan: newest entries first, focused pane first, until the time budget
	 * is spent. Every 32 entries it checks the clock (performance.now costs ~50 ns).
	 */
	#scanSlice(): void {
		const compiled = this.#search?.compiled;
		if (compiled == null || this.#disposed) return;
		const deadline = performance.now() + this.#sliceMs;
		const focused = this.#focused();
		const order =
			focused === undefined ? this.#panes : [focused, ...this.#panes.filter((p) => p !== focused)];
		let outOfTime = false;
		let found = false;
		for (const pane of order) {
			const ps = pane.search;
			if (ps === null || !ps.eligible) continue;
			const ring = pane.ring;
			const start = ring.start;
			let i = ps.scanNext;
			if (i < start) continue;
			const matches = ps.matches;
			const before = matches.length;
			while (i >= start) {
				if (compiled.test(ring.at(i) as Entry)) matches.pushOlder(i);
				i--;
				if ((i & 31) === 0 && performance.now() >= deadline) {
					outOfTime = true;
					break;
				}
			}
			ps.scanNext = i;
			if (matches.length > before) found = true;
			this.#touch(pane);
			if (outOfTime) break;
		}
		this.#markDirty();
		// The first matches of a search are shown at once, not at the next frame tick: a search
		// answers as it is typed. Later progress follows the frame interval.
		if (found && !this.#searchShown) {
			this.#searchShown = true;
			this.#soon();
		}
		if (outOfTime) this.#scheduleScan();
	}

	/** Matches entries that arrived since the last call (live results, no rescan). */
	#matchLive(pane: Pane): void {
		const ps = pane.search;
		const compiled = this.#search?.compiled;
		if (ps === null || !ps.eligible || compiled == null) return;
		const ring = pane.ring;
		const end = ring.end;
		if (ps.liveFrom >= end) return;
		for (let i = Math.max(ps.liveFrom, ring.start); i < end; i++) {
			if (compiled.test(ring.at(i) as Entry)) ps.matches.push(i);
		}
		ps.liveFrom = end;
		ps.matches.dropBelow(ring.start);
	}

	#jumpToMatch(direction: 1 | -1): void {
		const pane = this.#focused();
		const ps = pane?.search;
		if (pane === undefined || ps == null) return;
		if (pane.frozen !== null) {
			const compiled = this.#search?.compiled;
			if (compiled == null) return;
			this.#jumpInFrozen(pane, direction, (entry) => compiled.test(entry), "no match in the paused rows");
			return;
		}
		this.#matchLive(pane);
		pane.prune();
		const matches = ps.matches;
		if (!ps.eligible || matches.length === 0) {
			this.setNotice(this.#scanPending(pane) ? "no match yet (still searching)" : "no match");
			return;
		}
		const cursor = this.#cursorAbs(pane) ?? pane.ring.end;
		let rank = direction > 0 ? matches.lowerBound(cursor + 1) : matches.lowerBound(cursor) - 1;
		if (rank >= matches.length) {
			rank = 0;
			this.setNotice("search wrapped to the top");
		} else if (rank < 0) {
			rank = matches.length - 1;
			this.setNotice("search wrapped to the bottom");
		}
		this.#jumpTo(pane, matches.at(rank) as number);
	}

	#jumpToException(direction: 1 | -1): void {
		const pane = this.#focused();
		if (pane === undefined) return;
		if (pane.frozen !== null) {
			this.#jumpInFrozen(
				pane,
				direction,
				(entry) => entry.kind === "exception",
				"no exception in the paused rows",
			);
			return;
		}
		pane.prune();
		const index = pane.exceptionIndex;
		const cursor = this.#cursorAbs(pane);
		if (cursor === null || index.length === 0) {
			this.setNotice("no exception");
			return;
		}
		const filtering = this.#filtering(pane);
		const matches = pane.search?.matches;
		let rank = direction > 0 ? index.lowerBound(cursor + 1) : index.lowerBound(cursor) - 1;
		// In filter mode only exceptions that are shown count.
		while (rank >= 0 && rank < index.length) {
			const abs = index.at(rank) as number;
			if (!filtering || matches?.includes(abs)) {
				this.#jumpTo(pane, abs);
				return;
			}
			rank += direction;
		}
		this.setNotice(direction > 0 ? "no later exception" : "no earlier exception");
	}

	#jumpInFrozen(pane: Pane, direction: 1 | -1, test: (entry: Entry) => boolean, none: string): void {
		const frozen = pane.frozen as Frozen;
		const entries = this.#frozenView(pane).entries;
		for (let i = frozen.cursor + direction; i >= 0 && i < entries.length; i += direction) {
			if (test(entries[i] as Entry)) {
				this.#moveFrozen(pane, i);
				return;
			}
		}
		this.setNotice(none);
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
