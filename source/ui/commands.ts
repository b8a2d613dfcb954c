/**
 * What every command does, as a table from command id to handler. A handler gets the log model
 * (`log`: the store's actions and queries), the view model (`view`), the screen's geometry and the
 * app's effects (quit, suspend, streams, terminal output) in one context, and nothing else: no closure
 * over a component. The compiler requires a handler for every id of the keymap.
 */
import type { ProjectInfo } from "../model/types.js";
import { editText, type TextEdit } from "../store/text-field.js";
import type { Entry, TailStore } from "../store/types.js";
import type { ViewModel } from "../store/view-model.js";
import type { ExceptionPlace, Mode, Overlay } from "../store/view-state.js";
import { copyEvent } from "./copy-event.js";
import type { CommandId } from "./keymap.js";
import { maxScroll } from "./overlay-frame.js";
import { pickerList } from "./project-picker.js";

/** The screen's measures a command needs. */
export interface CommandGeometry {
	/** Body rows of an overlay (its page). */
	readonly overlayRows: number;
	/**
	 * How many lines an overlay has at the current width, counted at least up to `atLeast`: overlays
	 * are wrapped lazily, so a scroll wraps only as far as it goes (Infinity: all of it).
	 */
	overlayLineCount(overlay: Overlay, atLeast: number): number;
}

/** What the app does outside the log and view models. */
export interface AppEffects {
	quit(): void;
	suspend(): void;
	/** The projects API's list for the picker; absent when there is none. */
	readonly listProjects?: () => Promise<ProjectInfo[]>;
	/** Opens panes for the chosen projects (and their streams). */
	openProjects(projects: ProjectInfo[]): void;
	/** Closes a pane (and its stream). */
	closePane(uuid: string): void;
	/** Raw terminal output (OSC 52). */
	write(text: string): void;
	/**
	 * Loads the next older page of history into a pane (moving up past its oldest row, or `g`);
	 * absent without history (tests, replay).
	 */
	readonly loadOlder?: ((uuid: string) => void) | undefined;
}

export interface CommandContext {
	readonly log: TailStore;
	readonly view: ViewModel;
	readonly geometry: CommandGeometry;
	readonly app: AppEffects;
}

/** Runs a command; `input` is the key's text (the digit of `focus.number`). */
export type CommandHandler = (ctx: CommandContext, input: string, mode: Mode) => void;

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Opens the project picker and loads the project list into it. */
export function openPicker(ctx: CommandContext): void {
	const { log, view, app } = ctx;
	const list = app.listProjects;
	if (!list) {
		log.setNotice("no project list: open projects from the command line");
		return;
	}
	const request = view.nextRequest();
	view.dispatch({ type: "picker-open", request });
	list().then(
		(projects) => {
			log.setProjectNames(projects);
			view.dispatch({ type: "picker-loaded", request, projects });
		},
		(error: unknown) => view.dispatch({ type: "picker-failed", request, error: errorText(error) }),
	);
}

/** Drops the typed query; quick filters that are on stay (and keep the search alive). */
function dropQuery(log: TailStore): void {
	if ((log.getSnapshot().search?.chips.length ?? 0) > 0) log.setSearch("");
	else log.clearSearch();
}

/** The search session's query as it is now (published first: an edit of the same chunk may precede). */
function currentQuery(log: TailStore): string {
	log.flush();
	return log.getSnapshot().search?.query ?? "";
}

/**
 * Applies a text edit to the field being typed in: the picker's filter, or the search query itself (the
 * search runs as you type; the store cancels superseded searches).
 */
export function editField(ctx: CommandContext, mode: Mode, edit: TextEdit): void {
	const { log, view } = ctx;
	if (mode === "picker") {
		view.dispatch({ type: "picker-edit", edit });
		return;
	}
	const input = view.getSnapshot().searchInput;
	if (mode !== "search" || !input) return;
	const value = currentQuery(log);
	const next = editText({ value, cursor: Math.min(input.cursor, value.length) }, edit);
	if (next.value !== value) {
		if (next.value === "") dropQuery(log);
		else
			log.setSearch(next.value, { mode: log.getSnapshot().search?.mode ?? input.previous?.mode ?? "find" });
		log.flush();
	}
	view.dispatch({ type: "search-cursor", cursor: next.cursor });
}

/**
 * The exceptions of a pane that `x`, `[` and `]` go through, with the ordinal of the first (for the
 * overlay's position): every held one, or in filter mode only those the filter shows (`filtered`).
 */
function exceptionsWithOrdinal(
	log: TailStore,
	paneId: string,
): { list: readonly Entry[]; first: number; filtered: boolean } {
	// Publish first so that the snapshot's eviction count matches the list.
	log.flush();
	const shown = log.exceptionsShown(paneId);
	if (shown !== null) return { list: shown, first: 0, filtered: true };
	const pane = log.getSnapshot().panes.find((p) => p.id === paneId);
	return { list: log.exceptionsOf(paneId), first: pane?.exceptionsEvicted ?? 0, filtered: false };
}

/** The overlay's place among the filtered exceptions (absent when not filtered). */
function placeIn(filtered: boolean, index: number, count: number): { shown?: ExceptionPlace } {
	return filtered ? { shown: { position: index + 1, count } } : {};
}

function stepException(ctx: CommandContext, delta: -1 | 1): void {
	const { log, view } = ctx;
	const overlay = view.getSnapshot().overlay;
	if (!overlay || overlay.kind === "help") return;
	const { list, first, filtered } = exceptionsWithOrdinal(log, overlay.paneId);
	const seq = overlay.entry.seq;
	const at = list.findIndex((entry) => entry.seq === seq);
	let index: number;
	if (at >= 0) index = at + delta;
	else if (delta > 0) index = list.findIndex((entry) => entry.seq > seq);
	else index = list.findLastIndex((entry) => entry.seq < seq);
	const target = index >= 0 ? list[index] : undefined;
	if (target)
		view.dispatch({
			type: "overlay-entry",
			entry: target,
			ordinal: first + index,
			...placeIn(filtered, index, list.length),
		});
	else log.setNotice(delta > 0 ? "no newer exception" : "no older exception");
}

function scrollOverlay(ctx: CommandContext, how: number | "top" | "bottom"): void {
	const overlay = ctx.view.getSnapshot().overlay;
	if (!overlay) return;
	const rows = ctx.geometry.overlayRows;
	const wanted =
		how === "bottom" ? Number.POSITIVE_INFINITY : how === "top" ? 0 : overlay.scroll + how + rows;
	const max = maxScroll(ctx.geometry.overlayLineCount(overlay, wanted), rows);
	if (typeof how === "number") ctx.view.dispatch({ type: "overlay-scroll", delta: how, max });
	else ctx.view.dispatch({ type: "overlay-scroll-to", to: how, max });
}

const inOverlay = (mode: Mode): boolean => mode === "overlay" || mode === "help";
const page = (ctx: CommandContext): number => Math.max(1, ctx.geometry.overlayRows - 1);

/** In an overlay the movement keys scroll it; elsewhere they move the focused pane. */
function moving(scroll: (ctx: CommandContext) => number | "top" | "bottom", move: (log: TailStore) => void) {
	return (ctx: CommandContext, _input: string, mode: Mode): void => {
		if (inOverlay(mode)) scrollOverlay(ctx, scroll(ctx));
		else move(ctx.log);
	};
}

/**
 * An upward move: when the cursor could not go further (it is on the pane's oldest row), or for `g`
 * always, the next older page of history is asked for, and appears above without moving the view.
 */
function movingUp(
	scroll: (ctx: CommandContext) => number | "top" | "bottom",
	move: (log: TailStore) => void,
	always = false,
) {
	return (ctx: CommandContext, _input: string, mode: Mode): void => {
		if (inOverlay(mode)) {
			scrollOverlay(ctx, scroll(ctx));
			return;
		}
		const before = ctx.log.selectedEntry();
		move(ctx.log);
		const pane = focusedPane(ctx.log);
		if (pane === undefined || ctx.app.loadOlder === undefined) return;
		if (pane.olderState !== "idle") return;
		if (always || before === ctx.log.selectedEntry()) ctx.app.loadOlder(pane.id);
	};
}

function focusedPane(log: TailStore) {
	const snapshot = log.getSnapshot();
	return snapshot.panes[snapshot.focus];
}

function openDetail(ctx: CommandContext): void {
	const { log, view } = ctx;
	const entry = log.selectedEntry();
	const focused = focusedPane(log);
	if (!entry || !focused) log.setNotice("no entry under the cursor");
	else
		view.dispatch({
			type: "overlay-open",
			overlay: { kind: "detail", paneId: focused.id, entry, ordinal: -1, scroll: 0 },
		});
}

function openNewestException(ctx: CommandContext): void {
	const { log, view } = ctx;
	const focused = focusedPane(log);
	if (!focused) return;
	const { list, first, filtered } = exceptionsWithOrdinal(log, focused.id);
	const newest = list.at(-1);
	if (!newest) log.setNotice(`no exceptions ${filtered ? "the filter shows " : ""}in ${focused.title}`);
	else {
		const overlay = {
			kind: "exception",
			paneId: focused.id,
			entry: newest,
			ordinal: first + list.length - 1,
			...placeIn(filtered, list.length - 1, list.length),
			scroll: 0,
		} as const;
		view.dispatch({ type: "overlay-open", overlay });
	}
}

function openChosenProjects(ctx: CommandContext): void {
	const picker = ctx.view.getSnapshot().picker;
	if (!picker) return;
	const chosen = picker.marked.length
		? picker.marked.flatMap((uuid) => picker.projects.filter((project) => project.uuid === uuid))
		: pickerList(picker).slice(picker.cursor, picker.cursor + 1);
	if (chosen.length === 0) return;
	ctx.view.dispatch({ type: "picker-close" });
	ctx.app.openProjects([...chosen]);
}

function submitSearch(ctx: CommandContext): void {
	const value = currentQuery(ctx.log);
	ctx.view.dispatch({ type: "search-close" });
	if (value.trim() === "") dropQuery(ctx.log);
}

function cancelSearch(ctx: CommandContext): void {
	const previous = ctx.view.getSnapshot().searchInput?.previous ?? null;
	ctx.view.dispatch({ type: "search-close" });
	if (previous) ctx.log.setSearch(previous.query, { mode: previous.mode });
	else dropQuery(ctx.log);
}

function openSearch(ctx: CommandContext): void {
	const search = ctx.log.getSnapshot().search;
	const previous = search ? { query: search.query, mode: search.mode } : null;
	ctx.view.dispatch({ type: "search-open", cursor: search?.query.length ?? 0, previous });
}

function movePicker(ctx: CommandContext, delta: -1 | 1): void {
	const picker = ctx.view.getSnapshot().picker;
	const count = picker ? pickerList(picker).length : 0;
	ctx.view.dispatch({ type: "picker-move", delta, count });
}

function markProject(ctx: CommandContext): void {
	const picker = ctx.view.getSnapshot().picker;
	const project = picker ? pickerList(picker)[picker.cursor] : undefined;
	if (project) ctx.view.dispatch({ type: "picker-mark", uuid: project.uuid });
}

function copy(ctx: CommandContext): void {
	const overlay = ctx.view.getSnapshot().overlay;
	const entry = overlay && overlay.kind !== "help" ? overlay.entry : ctx.log.selectedEntry();
	copyEvent(entry, ctx.app.write, (text) => ctx.log.setNotice(text));
}

const editing =
	(edit: TextEdit): CommandHandler =>
	(ctx, _input, mode) =>
		editField(ctx, mode, edit);

/** Every command's handler. */
export const commands: { readonly [Id in CommandId]: CommandHandler } = {
	"focus.next": ({ log }) => log.focusNext(),
	"focus.previous": ({ log }) => log.focusPrevious(),
	"focus.number": ({ log }, input) => log.focusPane(Number(input) - 1),
	"pause.pane": ({ log }) => log.togglePause(),
	"pause.all": ({ log }) => log.togglePauseAll(),
	"pane.add": (ctx) => openPicker(ctx),
	"pane.close": (ctx) => {
		const focused = focusedPane(ctx.log);
		if (!focused) return;
		ctx.app.closePane(focused.id);
		ctx.log.setNotice(`closed ${focused.title} — u brings it back`);
	},
	"pane.reopen": ({ log, app }) => {
		const last = log.closedProjects().at(-1);
		if (last === undefined) log.setNotice("no closed pane to bring back");
		else app.openProjects([last]);
	},
	"cursor.up": movingUp(
		() => -1,
		(log) => log.moveCursor(-1),
	),
	"cursor.down": moving(
		() => 1,
		(log) => log.moveCursor(1),
	),
	"page.up": movingUp(
		(ctx) => -page(ctx),
		(log) => log.page(-1, 1),
	),
	"page.down": moving(page, (log) => log.page(1, 1)),
	"halfPage.up": moving(
		(ctx) => -Math.ceil(page(ctx) / 2),
		(log) => log.page(-1, 0.5),
	),
	"halfPage.down": moving(
		(ctx) => Math.ceil(page(ctx) / 2),
		(log) => log.page(1, 0.5),
	),
	top: movingUp(
		() => "top",
		(log) => log.toTop(),
		true,
	),
	bottom: moving(
		() => "bottom",
		(log) => log.toBottom(),
	),
	"search.open": openSearch,
	"match.next": ({ log }) => log.nextMatch(),
	"match.previous": ({ log }) => log.previousMatch(),
	"filter.toggle": ({ log }) => {
		if (log.getSnapshot().search) log.toggleFilterMode();
		else log.setNotice("no search to filter by: press / first");
	},
	"search.clear": ({ log }) => {
		if (log.getSnapshot().search) log.clearSearch();
	},
	"quick.serverErrors": ({ log }) => log.toggleQuickFilter("serverErrors"),
	"quick.errors": ({ log }) => log.toggleQuickFilter("errors"),
	"quick.route": ({ log }) => log.toggleQuickFilter("route"),
	"detail.open": openDetail,
	"exception.open": openNewestException,
	"exception.next": ({ log }) => log.nextException(),
	"exception.previous": ({ log }) => log.previousException(),
	copy,
	zoom: ({ log }) => log.toggleZoom(),
	layout: ({ log }) => log.cycleLayout(),
	time: ({ log }) => log.cycleTimeFormat(),
	help: ({ view }, _input, mode) => {
		if (mode === "help") view.dispatch({ type: "overlay-close" });
		else view.dispatch({ type: "overlay-open", overlay: { kind: "help", scroll: 0 } });
	},
	"overlay.previous": (ctx) => stepException(ctx, -1),
	"overlay.next": (ctx) => stepException(ctx, 1),
	"overlay.close": ({ view }) => view.dispatch({ type: "overlay-close" }),
	"search.submit": submitSearch,
	"search.cancel": cancelSearch,
	"edit.deleteBack": editing({ type: "deleteBack" }),
	"edit.deleteForward": editing({ type: "deleteForward" }),
	"edit.left": editing({ type: "left" }),
	"edit.right": editing({ type: "right" }),
	"edit.clear": editing({ type: "clear" }),
	"picker.up": (ctx) => movePicker(ctx, -1),
	"picker.down": (ctx) => movePicker(ctx, 1),
	"picker.mark": markProject,
	"picker.open": openChosenProjects,
	"picker.close": ({ view }) => view.dispatch({ type: "picker-close" }),
	quit: ({ app }) => app.quit(),
	suspend: ({ app }) => app.suspend(),
};
