/**
 * `F`: the search box scoped to the focused pane ("filter production: …"), typing that pane's own
 * filter. Like `/`, it filters as you type; Enter keeps it (an empty box clears it), Esc in the box
 * drops the draft and puts back the filter the pane had before `F`. The global search is not touched.
 */
import type { TailStore } from "../store/types.js";
import type { SearchInputState } from "../store/view-state.js";
import type { CommandContext } from "./command-context.js";

/** Opens the box on the focused pane's own filter, its text the filter as it is now. */
export function openPaneFilter(ctx: CommandContext): void {
	ctx.log.flush();
	const snapshot = ctx.log.getSnapshot();
	const pane = snapshot.panes[snapshot.focus];
	if (pane === undefined) {
		ctx.log.setNotice("no pane to filter");
		return;
	}
	const query = pane.filter?.query ?? "";
	ctx.view.dispatch({
		type: "search-open",
		cursor: query.length,
		previous: query === "" ? null : { query, mode: "filter" },
		paneId: pane.id,
	});
}

/** The pane's own filter as published (read after a flush: an edit of the same chunk may precede). */
export function paneFilterQuery(log: TailStore, paneId: string): string {
	log.flush();
	return log.getSnapshot().panes.find((pane) => pane.id === paneId)?.filter?.query ?? "";
}

/** The prompt of the box while it types a pane's filter: `filter production: `. */
export function paneFilterPrompt(title: string): string {
	return `filter ${title}: `;
}

/** Enter: the filter typed stays; a box left empty (or blank) clears the pane's filter. */
export function submitPaneFilter(ctx: CommandContext, paneId: string): void {
	const value = paneFilterQuery(ctx.log, paneId);
	ctx.view.dispatch({ type: "search-close" });
	if (value.trim() === "") ctx.log.setPaneFilter(paneId, "");
	// A pane filter is a search like any other for ↑/↓ in the box later.
	else ctx.app.history?.recentSearches?.add(value);
}

/** Esc in the box: the draft goes, the pane's filter from before `F` comes back. */
export function cancelPaneFilter(ctx: CommandContext, input: SearchInputState, paneId: string): void {
	ctx.view.dispatch({ type: "search-close" });
	ctx.log.setPaneFilter(paneId, input.previous?.query ?? "");
}
