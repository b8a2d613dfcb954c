/**
 * The problems view's commands (`P`): open it on the focused pane (or close it), select a group,
 * switch between the focused pane and every pane, and open a group's newest exception in the exception
 * overlay, whose `[` / `]` then step through the group (`stepException`).
 */
import type { Mode } from "../store/view-state.js";
import type { CommandContext } from "./command-context.js";
import { focusedPane } from "./command-moves.js";

/** `P`: opens the view on the focused pane's problems; in the view, closes it. */
export function toggleProblems(ctx: CommandContext, _input: string, mode: Mode): void {
	const { log, view } = ctx;
	if (mode === "problems") {
		view.dispatch({ type: "problems-close" });
		return;
	}
	const focused = focusedPane(log);
	if (!focused) {
		log.setNotice("no pane to show the problems of");
		return;
	}
	const report = log.problems(focused.id);
	view.dispatch({
		type: "problems-open",
		problems: { paneId: focused.id, scope: "pane", report, selected: 0 },
	});
}

/** Tab: the focused pane's problems / every pane's, taken again from what the buffers hold now. */
export function toggleProblemScope(ctx: CommandContext): void {
	const problems = ctx.view.getSnapshot().problems;
	if (!problems) return;
	const scope = problems.scope === "pane" ? "all" : "pane";
	const report = ctx.log.problems(scope === "all" ? null : problems.paneId);
	ctx.view.dispatch({ type: "problems-report", scope, report });
}

/** Enter: the selected group's newest exception, in the exception overlay (over the view). */
export function showProblem(ctx: CommandContext): void {
	const problems = ctx.view.getSnapshot().problems;
	const group = problems?.report.groups[problems.selected];
	const newest = group?.occurrences.at(-1);
	if (!group || !newest) {
		ctx.log.setNotice("no exceptions in the buffers");
		return;
	}
	const count = group.occurrences.length;
	ctx.view.dispatch({
		type: "overlay-open",
		overlay: {
			kind: "exception",
			paneId: newest.paneId,
			entry: newest.entry,
			ordinal: -1,
			shown: { position: count, count },
			group: group.occurrences,
			scroll: 0,
		},
	});
}
