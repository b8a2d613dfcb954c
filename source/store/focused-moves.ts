/**
 * The keyboard's moves, applied to the focused pane (or, for pause, a named one or all): cursor,
 * pages, ends, pause and resume, the next match and the next exception. The rules of each move are
 * `pane-moves.ts`'s; this only finds the pane and asks for a frame.
 */

import type { LogModel } from "./log-model.js";
import * as moves from "./pane-moves.js";
import type { PaneState } from "./pane-state.js";
import type { PaneViewState } from "./pane-view-state.js";

export interface FocusedMovesHost extends moves.MoveHost {
	readonly log: LogModel;
	/** The focused pane's view, if any pane is open. */
	focused(): PaneViewState | undefined;
	viewOf(pane: PaneState): PaneViewState;
}

export class FocusedMoves {
	constructor(private readonly host: FocusedMovesHost) {}

	moveCursor(delta: number): void {
		const pane = this.host.focused();
		if (pane !== undefined && delta !== 0) moves.moveBy(this.host, pane, Math.trunc(delta), 0);
	}

	page(direction: -1 | 1, fraction: number): void {
		const pane = this.host.focused();
		if (pane === undefined) return;
		const step = Math.max(1, Math.round(pane.height * fraction)) * direction;
		moves.moveBy(this.host, pane, step, step);
	}

	toTop(): void {
		const pane = this.host.focused();
		if (pane !== undefined) moves.toTop(this.host, pane);
	}

	toBottom(): void {
		const pane = this.host.focused();
		if (pane !== undefined) moves.toBottom(this.host, pane);
	}

	togglePause(paneId?: string): void {
		const log = paneId === undefined ? undefined : this.host.log.byId(paneId);
		const pane = paneId === undefined ? this.host.focused() : log && this.host.viewOf(log);
		if (pane === undefined) return;
		if (pane.paused) moves.resume(this.host, pane);
		else moves.pause(this.host, pane);
		this.host.soon();
	}

	togglePauseAll(): void {
		const panes = this.host.log.panes.map((pane) => this.host.viewOf(pane));
		const anyLive = panes.some((pane) => !pane.paused);
		for (const pane of panes) {
			if (anyLive && !pane.paused) moves.pause(this.host, pane);
			else if (!anyLive) moves.resume(this.host, pane);
		}
		this.host.soon();
	}

	/** The search or a pane's own filter changed: paused panes frozen filtered refreeze what they show now. */
	searchChanged(): void {
		for (const pane of this.host.log.panes) moves.refreezeFrozen(this.host, this.host.viewOf(pane));
	}

	/** The next (1) or previous (-1) search match. */
	match(direction: 1 | -1): void {
		const pane = this.host.focused();
		if (pane !== undefined) moves.jumpToMatch(this.host, pane, direction);
	}

	/** The next (1) or previous (-1) exception. */
	exception(direction: 1 | -1): void {
		const pane = this.host.focused();
		if (pane !== undefined) moves.jumpToException(this.host, pane, direction);
	}
}
