/**
 * The shared store: a thin facade over the log model and the screen's state, with no React import.
 *
 * Flow: stream clients (via `TailSink`) and replay (`ingest`) append rows to per-project ring buffers
 * (`log-model.ts`, one `PaneState` per project) and only mark things dirty; the `Publisher` and its
 * frame scheduler decide when a new immutable `StoreSnapshot` is built (`pane-snapshot.ts` rebuilds
 * only the panes that changed). `pane-window.ts` says what a pane shows, `pane-moves.ts` how it
 * moves, `search-session.ts` runs the one search, `screen-state.ts` holds focus, layout, zoom, time
 * format and notice. Older history goes in front of a pane's rows (`prependOlder`) without moving
 * anything already held: rows keep their absolute indices, so views, matches and exceptions hold;
 * `time-jumps.ts` places a window of history around a time. The store keeps its own compact copy of
 * every event and never changes the event it was given. The parts and their wiring, the `TailSink`
 * and the projects are `store-core.ts`; this file is the actions.
 */
import type { TailEvent } from "../model/types.js";
import * as density from "./density.js";
import { type ShownEvents, shownEvents } from "./export-view.js";
import { type ServerFilters, serverFilters } from "./history-filters.js";
import { shownFilters } from "./pane-filters.js";
import { entryAtCursor, resolve } from "./pane-window.js";
import { buildProblemReport, type ProblemReport } from "./problem-groups.js";
import type { QuickFilterKind } from "./quick-filters.js";
import { StoreCore } from "./store-core.js";
import { type JumpPlan, oldestTime, type TimeWindow } from "./time-jumps.js";
import type { Entry, SearchMode, SearchScope, StoreOptions, TailStore } from "./types.js";

class Store extends StoreCore implements TailStore {
	// --- older history ---------------------------------------------------------------------------

	prependOlder(projectUuid: string, events: readonly TailEvent[]): number {
		if (this.log.removed(projectUuid) || events.length === 0) return 0;
		const pane = this.log.pane(projectUuid, "connecting");
		const view = this.viewOf(pane);
		// Pin an anchored view to rows still held first: the index of a row dropped early (memory) may
		// be given to an older row now, and the view must not jump onto it.
		if (!view.follow && view.frozen === null) resolve(view, this.search);
		const startBefore = pane.ring.start;
		const taken = this.log.prependOlder(pane, events);
		if (taken > 0) this.search.prepended(pane, startBefore);
		return taken;
	}

	oldestTime(projectUuid: string): number | null {
		const pane = this.log.byId(projectUuid);
		return pane === undefined ? null : oldestTime(pane);
	}

	// --- go to a time ----------------------------------------------------------------------------

	planTimeJump(paneId: string, atMs: number): JumpPlan {
		const pane = this.log.byId(paneId);
		return pane === undefined ? { load: false } : this.jumps.plan(pane, atMs);
	}

	placeTimeWindow(paneId: string, window: TimeWindow): number {
		const pane = this.log.byId(paneId);
		if (pane === undefined || this.log.removed(paneId)) return 0;
		const taken = this.jumps.place(pane, window);
		this.publisher.soon();
		return taken;
	}

	olderSearch(paneId?: string): ServerFilters | null {
		const pane = paneId === undefined ? this.focused()?.log : this.log.byId(paneId);
		if (pane === undefined || !this.search.filtering(pane)) return null;
		const active = this.search.active;
		const global = active !== null && active.mode === "filter" && pane.search !== null ? active.parsed : null;
		const parsed = shownFilters(pane, global);
		return parsed === null ? null : serverFilters(parsed);
	}

	placeFilteredOlder(paneId: string, events: readonly TailEvent[], mark: string | null): number {
		const pane = this.log.byId(paneId);
		if (pane === undefined || this.log.removed(paneId)) return 0;
		const time = events.at(-1)?.time ?? this.clock.now();
		const taken = this.jumps.placeApart(pane, events, mark === null ? null : { text: mark, time });
		this.publisher.soon();
		return taken;
	}

	goToTime(paneId: string, atMs: number, seconds = false): boolean {
		const pane = this.log.byId(paneId);
		return pane === undefined ? false : this.jumps.goTo(pane, atMs, seconds);
	}

	// --- view ------------------------------------------------------------------------------------

	setViewport(paneId: string, height: number): void {
		const pane = this.log.byId(paneId);
		const h = Math.max(0, Math.floor(height));
		if (pane === undefined) return;
		const view = this.viewOf(pane);
		if (view.height === h) return;
		view.height = h;
		this.touch(pane);
		this.publisher.soon();
	}

	focusNext(): void {
		const n = this.log.panes.length;
		if (n > 0) this.focusPane((this.screen.focus + 1) % n);
	}

	focusPrevious(): void {
		const n = this.log.panes.length;
		if (n > 0) this.focusPane((this.screen.focus - 1 + n) % n);
	}

	moveCursor = (delta: number): void => this.moves.moveCursor(delta);

	page = (direction: -1 | 1, fraction: number): void => this.moves.page(direction, fraction);

	toTop = (): void => this.moves.toTop();

	toBottom = (): void => this.moves.toBottom();

	togglePause = (paneId?: string): void => this.moves.togglePause(paneId);

	togglePauseAll = (): void => this.moves.togglePauseAll();

	cycleLayout = (): void => this.screen.cycleLayout();

	toggleZoom = (): void => this.screen.toggleZoom();

	cycleTimeFormat(): void {
		this.screen.cycleTimeFormat();
		this.search.timeFormatChanged();
		this.publisher.ensureTick();
	}

	toggleCompact(): void {
		const pane = this.focused();
		if (pane !== undefined) density.toggleCompact(this.densityHost, pane);
	}

	toggleWrap(): void {
		const pane = this.focused();
		if (pane !== undefined) density.toggleWrap(this.densityHost, pane);
	}

	scrollSideways(steps: number): void {
		const pane = this.focused();
		if (pane === undefined) return;
		if (pane.wrap) this.setNotice("wrapped rows do not scroll sideways: W unwraps");
		else density.scrollSideways(this.densityHost, pane, steps);
	}

	private readonly densityHost: density.DensityHost = {
		touch: (view) => this.touch(view.log),
		soon: () => this.publisher.soon(),
	};

	// --- search ----------------------------------------------------------------------------------

	setSearch = (query: string, options?: { mode?: SearchMode; scope?: SearchScope }): void =>
		this.search.set(query, options);

	clearSearch = (): void => this.search.clear();

	setPaneFilter(paneId: string, query: string): void {
		const pane = this.log.byId(paneId);
		if (pane !== undefined) this.search.setPaneFilter(pane, query);
	}

	toggleQuickFilter(kind: QuickFilterKind): void {
		if (kind === "route" && this.search.quick.route === null) {
			const path = this.selectedEntry()?.event?.request?.path;
			if (path === undefined || path === "") {
				this.setNotice("no route under the cursor");
				return;
			}
			this.search.toggleQuick(kind, path);
			return;
		}
		this.search.toggleQuick(kind);
	}

	toggleFilterMode = (): void => this.search.toggleMode();

	nextMatch = (): void => this.moves.match(1);

	previousMatch = (): void => this.moves.match(-1);

	// --- exceptions and selection ----------------------------------------------------------------

	nextException = (): void => this.moves.exception(1);

	previousException = (): void => this.moves.exception(-1);

	selectedEntry(): Entry | null {
		const pane = this.focused();
		return pane === undefined ? null : entryAtCursor(pane, this.search);
	}

	exceptionsOf(paneId: string): readonly Entry[] {
		return this.log.exceptionsOf(paneId);
	}

	exceptionsShown(paneId: string): readonly Entry[] | null {
		const pane = this.log.byId(paneId);
		const ps = pane === undefined ? null : this.search.shown(pane);
		if (pane === undefined || ps === null) return null;
		if (!ps.eligible) return [];
		this.search.matchLive(pane);
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

	eventsShown(paneId: string): ShownEvents | null {
		const pane = this.log.byId(paneId);
		return pane === undefined ? null : shownEvents(this.viewOf(pane), this.search);
	}

	problems(paneId: string | null): ProblemReport {
		const panes = paneId === null ? this.log.panes : this.log.panes.filter((pane) => pane.id === paneId);
		const sources = panes.map((pane) => ({
			paneId: pane.id,
			exceptions: this.log.exceptionsOf(pane.id),
			rows: pane.ring,
		}));
		return buildProblemReport(sources);
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
