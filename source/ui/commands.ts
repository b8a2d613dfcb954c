/**
 * What every command does, as a table from command id to handler. A handler gets the log model
 * (`log`: the store's actions and queries), the view model (`view`), the screen's geometry and the
 * app's effects (quit, suspend, streams, terminal output) in one context, and nothing else: no closure
 * over a component. The compiler requires a handler for every id of the keymap. The handlers live by
 * kind: `command-moves.ts`, `command-overlays.ts`, `command-inputs.ts`.
 */
import type { TextEdit } from "../store/text-field.js";
import type { CommandHandler } from "./command-context.js";
import { exportProblemGroup, exportView } from "./command-export.js";
import {
	cancelSearch,
	editField,
	markProject,
	movePicker,
	openChosenProjects,
	openPicker,
	openSearch,
	openTimeInput,
	recallSearch,
	searchOlder,
	submitSearch,
	submitTime,
} from "./command-inputs.js";
import { focusedPane, moving, movingUp, page } from "./command-moves.js";
import { copy, openDetail, openNewestException, stepException } from "./command-overlays.js";
import { openPaneFilter } from "./command-pane-filter.js";
import { showProblem, toggleProblemScope, toggleProblems } from "./command-problems.js";
import type { CommandId } from "./keymap.js";

export type {
	AppEffects,
	CommandContext,
	CommandGeometry,
	CommandHandler,
	HistoryEffects,
} from "./command-context.js";
export { editField, openPicker } from "./command-inputs.js";

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
	"time.open": openTimeInput,
	"search.open": openSearch,
	"match.next": ({ log }) => log.nextMatch(),
	"match.previous": ({ log }) => log.previousMatch(),
	"filter.toggle": ({ log }) => {
		if (log.getSnapshot().search) log.toggleFilterMode();
		else log.setNotice("no search to filter by: press / first");
	},
	"filter.older": searchOlder,
	"search.clear": ({ log }) => {
		if (log.getSnapshot().search) log.clearSearch();
	},
	"quick.serverErrors": ({ log }) => log.toggleQuickFilter("serverErrors"),
	"quick.errors": ({ log }) => log.toggleQuickFilter("errors"),
	"quick.route": ({ log }) => log.toggleQuickFilter("route"),
	"paneFilter.open": openPaneFilter,
	"detail.open": openDetail,
	"exception.open": openNewestException,
	"exception.next": ({ log }) => log.nextException(),
	"exception.previous": ({ log }) => log.previousException(),
	copy,
	export: exportView,
	zoom: ({ log }) => log.toggleZoom(),
	layout: ({ log }) => log.cycleLayout(),
	time: ({ log }) => log.cycleTimeFormat(),
	"density.compact": ({ log }) => log.toggleCompact(),
	"density.wrap": ({ log }) => log.toggleWrap(),
	"scroll.left": ({ log }) => log.scrollSideways(-1),
	"scroll.right": ({ log }) => log.scrollSideways(1),
	help: ({ view }, _input, mode) => {
		if (mode === "help") view.dispatch({ type: "overlay-close" });
		else view.dispatch({ type: "overlay-open", overlay: { kind: "help", scroll: 0 } });
	},
	"overlay.previous": (ctx) => stepException(ctx, -1),
	"overlay.next": (ctx) => stepException(ctx, 1),
	"overlay.close": ({ view }) => view.dispatch({ type: "overlay-close" }),
	"problems.open": toggleProblems,
	"problems.up": ({ view }) => view.dispatch({ type: "problems-select", delta: -1 }),
	"problems.down": ({ view }) => view.dispatch({ type: "problems-select", delta: 1 }),
	"problems.scope": toggleProblemScope,
	"problems.show": showProblem,
	"problems.export": exportProblemGroup,
	"problems.close": ({ view }) => view.dispatch({ type: "problems-close" }),
	"search.submit": (ctx, _input, mode) => (mode === "time" ? submitTime(ctx) : submitSearch(ctx)),
	"search.cancel": (ctx, _input, mode) => {
		if (mode === "time") ctx.view.dispatch({ type: "time-close" });
		else cancelSearch(ctx);
	},
	"edit.deleteBack": editing({ type: "deleteBack" }),
	"edit.deleteForward": editing({ type: "deleteForward" }),
	"edit.left": editing({ type: "left" }),
	"edit.right": editing({ type: "right" }),
	"edit.clear": editing({ type: "clear" }),
	"search.recallOlder": (ctx) => recallSearch(ctx, 1),
	"search.recallNewer": (ctx) => recallSearch(ctx, -1),
	"picker.up": (ctx) => movePicker(ctx, -1),
	"picker.down": (ctx) => movePicker(ctx, 1),
	"picker.mark": markProject,
	"picker.open": openChosenProjects,
	"picker.close": ({ view }) => view.dispatch({ type: "picker-close" }),
	quit: ({ app }) => app.quit(),
	suspend: ({ app }) => app.suspend(),
};
