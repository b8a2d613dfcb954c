import { editText, type TextEdit } from "../store/text-field.js";
import { parseTimeTarget } from "../store/time-target.js";
import type { TailStore } from "../store/types.js";
import { type Mode, recalledText } from "../store/view-state.js";
import type { CommandContext } from "./command-context.js";
import { cancelPaneFilter, paneFilterQuery, submitPaneFilter } from "./command-pane-filter.js";
import { pickerList } from "./project-picker.js";

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
	if (mode === "time") {
		view.dispatch({ type: "time-edit", edit });
		return;
	}
	const input = view.getSnapshot().searchInput;
	if (mode !== "search" || !input) return;
	if (input.paneId !== null) {
		// `F`: the text is the pane's own filter (live, like the search).
		const value = paneFilterQuery(log, input.paneId);
		const next = editText({ value, cursor: Math.min(input.cursor, value.length) }, edit);
		if (next.value !== value) log.setPaneFilter(input.paneId, next.value);
		log.flush();
		view.dispatch({ type: "search-cursor", cursor: next.cursor, edited: next.value !== value });
		return;
	}
	const value = currentQuery(log);
	const next = editText({ value, cursor: Math.min(input.cursor, value.length) }, edit);
	replaceQuery(ctx, next.value);
	view.dispatch({ type: "search-cursor", cursor: next.cursor, edited: next.value !== value });
}

/**
 * Makes `text` the search input's query (the search runs as you type; the store cancels superseded
 * searches); an empty text drops the query. The mode stays the search's, else the one before `/`.
 */
function replaceQuery(ctx: CommandContext, text: string): void {
	const { log } = ctx;
	const previous = ctx.view.getSnapshot().searchInput?.previous;
	if (text === currentQuery(log)) return;
	if (text === "") dropQuery(log);
	else log.setSearch(text, { mode: log.getSnapshot().search?.mode ?? previous?.mode ?? "find" });
	log.flush();
}

/**
 * ↑ (`delta` 1) / ↓ (-1) in the search input: the next older / newer recent search becomes the query;
 * ↓ past the newest brings back what was typed before the walk began.
 */
export function recallSearch(ctx: CommandContext, delta: 1 | -1): void {
	const { view, log } = ctx;
	const input = view.getSnapshot().searchInput;
	if (input === null) return;
	const list = ctx.app.history?.recentSearches?.list() ?? [];
	if (list.length === 0) return;
	// The box types the global search, or (`F`) a pane's own filter: the walk replaces that one.
	const paneId = input.paneId;
	const query = paneId === null ? currentQuery(log) : paneFilterQuery(log, paneId);
	view.dispatch({ type: "search-recall", delta, list, query });
	const walk = view.getSnapshot().searchInput?.recall;
	if (!walk) return;
	if (paneId === null) replaceQuery(ctx, recalledText(walk, list));
	else {
		log.setPaneFilter(paneId, recalledText(walk, list));
		log.flush();
	}
}

export function openChosenProjects(ctx: CommandContext): void {
	const picker = ctx.view.getSnapshot().picker;
	if (!picker) return;
	const chosen = picker.marked.length
		? picker.marked.flatMap((uuid) => picker.projects.filter((project) => project.uuid === uuid))
		: pickerList(picker).slice(picker.cursor, picker.cursor + 1);
	if (chosen.length === 0) return;
	ctx.view.dispatch({ type: "picker-close" });
	ctx.app.openProjects([...chosen]);
}

export function submitSearch(ctx: CommandContext): void {
	const paneId = ctx.view.getSnapshot().searchInput?.paneId ?? null;
	if (paneId !== null) {
		submitPaneFilter(ctx, paneId);
		return;
	}
	const value = currentQuery(ctx.log);
	ctx.view.dispatch({ type: "search-close" });
	if (value.trim() === "") dropQuery(ctx.log);
	else ctx.app.history?.recentSearches?.add(value);
}

export function cancelSearch(ctx: CommandContext): void {
	const input = ctx.view.getSnapshot().searchInput;
	if (input?.paneId != null) {
		cancelPaneFilter(ctx, input, input.paneId);
		return;
	}
	const previous = ctx.view.getSnapshot().searchInput?.previous ?? null;
	ctx.view.dispatch({ type: "search-close" });
	if (previous) ctx.log.setSearch(previous.query, { mode: previous.mode });
	else dropQuery(ctx.log);
}

export function openSearch(ctx: CommandContext): void {
	const search = ctx.log.getSnapshot().search;
	const previous = search ? { query: search.query, mode: search.mode } : null;
	ctx.view.dispatch({ type: "search-open", cursor: search?.query.length ?? 0, previous });
}

export function movePicker(ctx: CommandContext, delta: -1 | 1): void {
	const picker = ctx.view.getSnapshot().picker;
	const count = picker ? pickerList(picker).length : 0;
	ctx.view.dispatch({ type: "picker-move", delta, count });
}

export function markProject(ctx: CommandContext): void {
	const picker = ctx.view.getSnapshot().picker;
	const project = picker ? pickerList(picker)[picker.cursor] : undefined;
	if (project) ctx.view.dispatch({ type: "picker-mark", uuid: project.uuid });
}

/** `T`: opens the "go to time:" input (the focused pane is the one that goes). */
export function openTimeInput(ctx: CommandContext): void {
	ctx.log.flush();
	const snapshot = ctx.log.getSnapshot();
	if (snapshot.panes[snapshot.focus] === undefined) ctx.log.setNotice("no pane to go to a time in");
	else ctx.view.dispatch({ type: "time-open" });
}

/**
 * Enter in the time input: the focused pane goes there (history around it loaded first, when the app
 * can), or the status bar says why the time is not one (the input stays open to fix it).
 */
export function submitTime(ctx: CommandContext): void {
	const { log, view } = ctx;
	const text = view.getSnapshot().timeInput?.value ?? "";
	log.flush();
	const snapshot = log.getSnapshot();
	const target = parseTimeTarget(text, snapshot.now);
	if (!target.ok) {
		log.setNotice(target.error, 10_000);
		return;
	}
	const pane = snapshot.panes[snapshot.focus];
	if (pane?.olderState === "loading") {
		// The page on its way goes in front of the pane: a window placed meanwhile would go out of order.
		log.setNotice("older history is loading: try again in a moment", 5000);
		return;
	}
	view.dispatch({ type: "time-close" });
	if (pane === undefined) return;
	const goToTime = ctx.app.history?.goToTime;
	if (goToTime !== undefined) goToTime(pane.id, target.ms, target.seconds);
	else if (!log.goToTime(pane.id, target.ms, target.seconds)) log.setNotice("nothing at or after that time");
}

/**
 * `o` in a pane that filters (the search in filter mode, or the pane's own `F` filter): the next page
 * back through history that what it shows maps to on the server (the rest is filtered locally; the
 * app's history effect); elsewhere, says how to get there.
 */
export function searchOlder(ctx: CommandContext): void {
	const { log } = ctx;
	const snapshot = log.getSnapshot();
	const pane = snapshot.panes[snapshot.focus];
	if (pane === undefined || log.olderSearch(pane.id) === null)
		log.setNotice("o searches older history in filter mode: / a search, then f (or F: a pane filter)");
	else if (ctx.app.history?.searchOlder === undefined) log.setNotice("no history in this session");
	else if (pane.olderState === "loading")
		log.setNotice("older history is loading: try again in a moment", 5000);
	else ctx.app.history.searchOlder(pane.id);
}
