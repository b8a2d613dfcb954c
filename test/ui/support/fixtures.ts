/**
 * Hand-built store snapshots and a scripted store for component tests of the UI: the snapshot is
 * whatever the test sets, and every action the UI calls is recorded, so a test can assert both what
 * is drawn and which store action a key triggered.
 */
import { initialStatus } from "../../../source/model/connection-status.js";
import { parseEvent } from "../../../source/model/normalize.js";
import type { ConnectionStatus, Gap, ProjectInfo, TailEvent } from "../../../source/model/types.js";
import type { ShownEvents } from "../../../source/store/export-view.js";
import { buildProblemReport, type ProblemReport } from "../../../source/store/problem-groups.js";
import type {
	Entry,
	EntryKind,
	MatchRange,
	PaneSnapshot,
	RowView,
	SearchMode,
	SearchScope,
	StoreSnapshot,
	TailStore,
} from "../../../source/store/types.js";

export const projectA = "019500e2-933d-7057-8e81-090dd7240795";
export const projectB = "6b202364-10f3-11f1-8bc7-fe9b9d8b14ab";
export const projectC = "7a1f0c3e-2d4b-4c5a-9e8f-0b1c2d3e4f50";

/** 2026-06-01T12:34:56.789Z */
export const t0 = Date.UTC(2026, 5, 1, 12, 34, 56, 789);

/** A normalized event from raw API JSON (through the real normalizer). */
export function event(raw: Record<string, unknown>, receivedAt = t0, project = projectA): TailEvent {
	const result = parseEvent(JSON.stringify(raw), project, receivedAt);
	if (!result.ok) throw new Error(`bad test event: ${result.cause}`);
	return result.event;
}

let seq = 1;

export function entry(
	kind: EntryKind,
	ev: TailEvent | null,
	fields: { index?: number; time?: number; level?: string; text?: string; gap?: Gap } = {},
): Entry {
	return {
		seq: seq++,
		kind,
		event: ev,
		index: fields.index ?? (kind === "log" || kind === "exception" ? 0 : -1),
		time: fields.time ?? ev?.time ?? t0,
		level: fields.level ?? (kind === "exception" ? "error" : ""),
		text: fields.text ?? "",
		...(fields.gap ? { gap: fields.gap } : {}),
	};
}

export function row(
	e: Entry,
	fields: { cursor?: boolean; match?: boolean; ranges?: MatchRange[] } = {},
): RowView {
	return {
		entry: e,
		cursor: fields.cursor ?? false,
		match: fields.match ?? false,
		ranges: fields.ranges ?? [],
	};
}

export function status(
	phase: ConnectionStatus["phase"],
	fields: Partial<ConnectionStatus> = {},
): ConnectionStatus {
	return { ...initialStatus(phase), ...fields };
}

let version = 1;

export function pane(fields: Partial<PaneSnapshot> & { id: string }): PaneSnapshot {
	return {
		title: fields.id.slice(0, 8),
		replay: false,
		version: version++,
		status: status("live"),
		rows: [],
		follow: true,
		newBelow: 0,
		paused: false,
		pausedNew: 0,
		evicted: 0,
		evictedForMemory: 0,
		size: fields.rows?.length ?? 0,
		hidden: 0,
		filter: null,
		rate: Array.from({ length: 60 }, () => 0),
		totals: { events: 0, serverErrors: 0, exceptions: 0 },
		exceptionsHeld: 0,
		exceptionsEvicted: 0,
		olderState: "idle",
		at: null,
		pausedNewEvents: 0,
		newBelowRows: fields.newBelow ?? 0,
		compact: false,
		wrap: false,
		offset: 0,
		hiddenEvents: fields.hidden ?? 0,
		...fields,
	};
}

export function snapshot(fields: Partial<StoreSnapshot> = {}): StoreSnapshot {
	return {
		version: version++,
		panes: [],
		focus: 0,
		search: null,
		layout: "columns",
		zoom: false,
		timeFormat: "utc",
		notice: null,
		now: t0 + 5000,
		...fields,
	};
}

export function search(
	query: string,
	fields: Partial<{
		mode: SearchMode;
		scope: SearchScope;
		matchIndex: number;
		matchCount: number;
		pending: boolean;
		error: string | null;
	}> = {},
) {
	return {
		query,
		fuzzy: query.trimStart().startsWith("~"),
		chips: [] as readonly string[],
		mode: fields.mode ?? "find",
		scope: fields.scope ?? "pane",
		matchIndex: fields.matchIndex ?? 0,
		matchCount: fields.matchCount ?? 0,
		pending: fields.pending ?? false,
		error: fields.error ?? null,
	};
}

/**
 * A `TailStore` whose snapshot is set by the test. Actions are recorded as `name(args)` strings;
 * `selectedEntry` and `exceptionsOf` answer from fields the test sets; `setSearch` and `clearSearch`
 * change the snapshot's search (the search text's one owner), published on the next `flush`.
 */
export class ScriptedStore implements TailStore {
	calls: string[] = [];
	selected: Entry | null = null;
	exceptions = new Map<string, Entry[]>();
	closed: ProjectInfo[] = [];
	#snapshot: StoreSnapshot;
	/** The snapshot subscribers last heard of. */
	#published: StoreSnapshot;
	#listeners = new Set<() => void>();

	constructor(initial: StoreSnapshot) {
		this.#snapshot = initial;
		this.#published = initial;
	}

	/** Publishes a new snapshot to the UI. */
	set(next: StoreSnapshot): void {
		this.#snapshot = next;
		this.#published = next;
		for (const listener of this.#listeners) listener();
	}

	#record(name: string, ...args: unknown[]): void {
		this.calls.push(`${name}(${args.map((arg) => JSON.stringify(arg)).join(", ")})`);
	}

	subscribe = (listener: () => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};
	getSnapshot = () => this.#snapshot;
	flush() {
		if (this.#snapshot !== this.#published) this.set(this.#snapshot);
	}
	frameDrawn() {}
	dispose() {}
	event() {}
	status() {}
	gap() {}
	skip() {}
	historyNote() {}
	addProject(uuid: string, name?: string) {
		this.#record("addProject", uuid, name);
	}
	removeProject(uuid: string) {
		this.#record("removeProject", uuid);
	}
	setProjectNames(projects: readonly ProjectInfo[]) {
		this.#record("setProjectNames", projects.length);
	}
	ingest() {}
	shedScrollback() {
		return 0;
	}
	prependOlder() {
		return 0;
	}
	setOlderState() {}
	oldestTime() {
		return null;
	}
	planTimeJump() {
		return { load: false } as const;
	}
	placeTimeWindow() {
		return 0;
	}
	goToTime() {
		return false;
	}
	olderSearch() {
		return null;
	}
	placeFilteredOlder() {
		return 0;
	}
	setViewport(paneId: string, height: number) {
		this.#record("setViewport", paneId, height);
	}
	focusPane(index: number) {
		this.#record("focusPane", index);
	}
	focusNext() {
		this.#record("focusNext");
	}
	focusPrevious() {
		this.#record("focusPrevious");
	}
	moveCursor(delta: number) {
		this.#record("moveCursor", delta);
	}
	page(direction: -1 | 1, fraction: number) {
		this.#record("page", direction, fraction);
	}
	toTop() {
		this.#record("toTop");
	}
	toBottom() {
		this.#record("toBottom");
	}
	togglePause(paneId?: string) {
		this.#record("togglePause", ...(paneId === undefined ? [] : [paneId]));
	}
	togglePauseAll() {
		this.#record("togglePauseAll");
	}
	cycleLayout() {
		this.#record("cycleLayout");
	}
	toggleZoom() {
		this.#record("toggleZoom");
	}
	cycleTimeFormat() {
		this.#record("cycleTimeFormat");
	}
	setNotice(text: string) {
		this.#record("setNotice", text);
	}
	toggleCompact() {
		this.#record("toggleCompact");
	}
	toggleWrap() {
		this.#record("toggleWrap");
	}
	scrollSideways(steps: number) {
		this.#record("scrollSideways", steps);
	}
	/** Records the call and, like the real store, makes the query the snapshot's search. */
	setSearch(query: string, options?: { mode?: SearchMode; scope?: SearchScope }) {
		this.#record("setSearch", query, options);
		const mode = options?.mode ?? this.#snapshot.search?.mode ?? "find";
		const scope = options?.scope ?? this.#snapshot.search?.scope ?? "all";
		this.#snapshot = { ...this.#snapshot, search: search(query, { mode, scope }) };
	}
	/** Records the call and, like the real store, makes the query that pane's own filter. */
	setPaneFilter(paneId: string, query: string) {
		this.#record("setPaneFilter", paneId, query);
		const filter = query === "" ? null : { query, error: null };
		const panes = this.#snapshot.panes.map((p) =>
			p.id === paneId ? { ...p, filter, version: version++ } : p,
		);
		this.#snapshot = { ...this.#snapshot, panes };
	}
	clearSearch() {
		this.#record("clearSearch");
		this.#snapshot = { ...this.#snapshot, search: null };
	}
	toggleQuickFilter(kind: string) {
		this.#record("toggleQuickFilter", kind);
	}
	toggleFilterMode() {
		this.#record("toggleFilterMode");
	}
	nextMatch() {
		this.#record("nextMatch");
	}
	previousMatch() {
		this.#record("previousMatch");
	}
	nextException() {
		this.#record("nextException");
	}
	previousException() {
		this.#record("previousException");
	}
	selectedEntry() {
		return this.selected;
	}
	closedProjects(): readonly ProjectInfo[] {
		return this.closed;
	}
	exceptionsShown(_paneId: string): readonly Entry[] | null {
		return null;
	}
	eventsShown(_paneId: string): ShownEvents | null {
		return null;
	}
	exceptionsOf(paneId: string) {
		return this.exceptions.get(paneId) ?? [];
	}
	problems(paneId: string | null): ProblemReport {
		const ids = paneId === null ? [...this.exceptions.keys()] : [paneId];
		const none = { start: 0, end: 0, at: () => undefined };
		return buildProblemReport(
			ids.map((id) => ({ paneId: id, exceptions: this.exceptionsOf(id), rows: none })),
		);
	}
}

/** Lets Ink subscribe its input handlers (input written right after render() is dropped). */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Escape sequences ink-testing-library's stdin understands as keys. */
export const keys = {
	up: "\x1b[A",
	down: "\x1b[B",
	right: "\x1b[C",
	left: "\x1b[D",
	pageUp: "\x1b[5~",
	pageDown: "\x1b[6~",
	home: "\x1b[H",
	end: "\x1b[F",
	enter: "\r",
	escape: "\x1b",
	tab: "\t",
	shiftTab: "\x1b[Z",
	backspace: "\x7f",
	delete: "\x1b[3~",
	ctrlC: "\x03",
	ctrlD: "\x04",
	ctrlU: "\x15",
	space: " ",
} as const;

/** Strips SGR colour sequences from a frame. */
export function plain(frame: string | undefined): string {
	return (frame ?? "").replace(/\x1b\[[0-9;]*m/g, "");
}
