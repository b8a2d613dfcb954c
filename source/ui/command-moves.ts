/**
 * The movement commands: in an overlay they scroll it, elsewhere they move the focused pane; an
 * upward move past the pane's oldest row (or `g`) asks for older history.
 */
import type { TailStore } from "../store/types.js";
import type { Mode } from "../store/view-state.js";
import type { CommandContext } from "./command-context.js";
import { scrollOverlay } from "./command-overlays.js";

export const inOverlay = (mode: Mode): boolean => mode === "overlay" || mode === "help";
export const page = (ctx: CommandContext): number => Math.max(1, ctx.geometry.overlayRows - 1);

/** In an overlay the movement keys scroll it; elsewhere they move the focused pane. */
export function moving(
	scroll: (ctx: CommandContext) => number | "top" | "bottom",
	move: (log: TailStore) => void,
) {
	return (ctx: CommandContext, _input: string, mode: Mode): void => {
		if (inOverlay(mode)) scrollOverlay(ctx, scroll(ctx));
		else move(ctx.log);
	};
}

/**
 * An upward move: when the cursor could not go further (it is on the pane's oldest row), or for `g`
 * always, the next older page of history is asked for, and appears above without moving the view.
 */
export function movingUp(
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

export function focusedPane(log: TailStore) {
	const snapshot = log.getSnapshot();
	return snapshot.panes[snapshot.focus];
}
