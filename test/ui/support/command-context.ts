/**
 * A command context on a real store and view model for command-level tests, with app effects that do
 * nothing unless a test gives its own (`app`).
 */
import type { TailStore } from "../../../source/store/types.js";
import { ViewModel } from "../../../source/store/view-model.js";
import { type AppEffects, type CommandContext, commands } from "../../../source/ui/commands.js";

/** The context, and `run(id)`: the command in the view's mode, then a publish. */
export function quietContext(log: TailStore, app: Partial<AppEffects> = {}) {
	const ctx: CommandContext = {
		log,
		view: new ViewModel(),
		geometry: { overlayRows: 10, overlayLineCount: () => 0 },
		app: {
			quit: () => {},
			suspend: () => {},
			openProjects: () => {},
			closePane: () => {},
			write: () => {},
			...app,
		},
	};
	const run = (id: keyof typeof commands): void => {
		commands[id](ctx, "", ctx.view.mode);
		log.flush();
	};
	return { ctx, view: ctx.view, run };
}
