/**
 * The mouse (SGR reports, see mouse-events.ts): the wheel scrolls the pane under the pointer (it is
 * focused first) or, over an overlay, the picker or the search box, does what ↑/↓ do there; a left
 * click focuses the pane under it and puts the cursor on the row clicked. Reports are turned on while
 * the app is mounted and off when it unmounts (the terminal guard and Ctrl-Z turn them off too). Ink
 * never sees the reports: `runTui` cuts them from the input (mouse-input.ts) into a `MouseSource`.
 */

import { useEffect, useRef } from "react";
import type { CommandContext } from "./commands.js";
import { noKey } from "./key-binding.js";
import type { LayoutPlan } from "./layout.js";
import { type MouseEvent, mouseOff, mouseOn } from "./mouse-events.js";
import { paneAt } from "./mouse-target.js";
import { runKeys } from "./use-keys.js";

/** Rows one wheel step moves, as in most terminal programs. */
export const wheelRows = 3;

/** What one mouse report does, given the layout the screen was drawn from. */
export function runMouse(ctx: CommandContext, plan: LayoutPlan, event: MouseEvent): void {
	const normal = ctx.view.mode === "normal";
	const target = normal ? paneAt(plan, event.x, event.y) : null;
	if (normal && target === null) return;
	if (target !== null && target.index !== ctx.log.getSnapshot().focus) {
		ctx.log.focusPane(target.index);
		ctx.log.flush();
	}
	if (event.kind === "wheelUp" || event.kind === "wheelDown") {
		const key = event.kind === "wheelUp" ? { ...noKey, upArrow: true } : { ...noKey, downArrow: true };
		for (let step = 0; step < wheelRows; step++) runKeys(ctx, "", key);
		return;
	}
	if (event.kind !== "press" || event.button !== 0 || target === null || target.bodyRow === null) return;
	const pane = ctx.log.getSnapshot().panes[target.index];
	if (pane === undefined || target.bodyRow >= pane.rows.length) return;
	const cursor = pane.rows.findIndex((row) => row.cursor);
	const delta = target.bodyRow - (cursor < 0 ? pane.rows.length - 1 : cursor);
	if (delta !== 0) ctx.log.moveCursor(delta);
}

/** What the mouse acts on, as of the last render (read when a report arrives). */
export interface MouseInputs {
	readonly ctx: CommandContext;
	readonly plan: LayoutPlan;
	/** Raw terminal output, for turning reports on and off. */
	readonly write: (text: string) => void;
}

/** Where mouse reports come from: `runTui` taps the terminal's input (mouse-input.ts) into one. */
export interface MouseSource {
	/** Calls `listener` with the reports of each input chunk; returns the unsubscribe. */
	subscribe(listener: (reports: readonly MouseEvent[]) => void): () => void;
}

/** A source to tap input into: `emit` hands reports to every subscriber. */
export function createMouseSource(): MouseSource & { emit(reports: readonly MouseEvent[]): void } {
	const listeners = new Set<(reports: readonly MouseEvent[]) => void>();
	return {
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		emit(reports) {
			for (const listener of listeners) listener(reports);
		},
	};
}

/**
 * Acts on the reports of `source` while the app is mounted, and turns the terminal's reports on
 * for as long (none without a source).
 */
export function useMouse(source: MouseSource | undefined, inputs: MouseInputs): void {
	const latest = useRef(inputs);
	latest.current = inputs;
	useEffect(() => {
		if (source === undefined) return;
		const unsubscribe = source.subscribe((reports) => {
			const { ctx, plan } = latest.current;
			for (const report of reports) runMouse(ctx, plan, report);
			ctx.log.flush();
		});
		latest.current.write(mouseOn);
		return () => {
			unsubscribe();
			latest.current.write(mouseOff);
		};
	}, [source]);
}
