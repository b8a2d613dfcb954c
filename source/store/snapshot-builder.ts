/**
 * Builds the store's immutable snapshot (rebuilding only the panes marked dirty) and decides what the
 * one-second tick must refresh: sliding rates, relative times, reconnect countdowns.
 */

import type { Clock } from "../util/clock.js";
import type { LogModel } from "./log-model.js";
import { buildPaneSnapshot, RATE_SECONDS } from "./pane-snapshot.js";
import type { PaneState } from "./pane-state.js";
import type { PaneViewState } from "./pane-view-state.js";
import { cursorAbs } from "./pane-window.js";
import type { ScreenState } from "./screen-state.js";
import type { SearchSession } from "./search-session.js";
import { shortestPrefixes } from "./short-ids.js";
import type { PaneSnapshot, StoreSnapshot } from "./types.js";

export interface SnapshotSources {
	readonly clock: Clock;
	readonly log: LogModel;
	readonly screen: ScreenState;
	readonly search: SearchSession;
	viewOf(pane: PaneState): PaneViewState;
	/** Marks a pane changed (and the store dirty). */
	touch(pane: PaneState): void;
	markDirty(): void;
	/** A recording is shown: rates end at each pane's newest event, panes say "replay". */
	readonly replay: boolean;
}

export class SnapshotBuilder {
	#version = 0;

	constructor(private readonly sources: SnapshotSources) {}

	build(now: number): StoreSnapshot {
		const { log, screen, search } = this.sources;
		const panes: PaneSnapshot[] = [];
		// Unnamed panes are labelled by the shortest prefix that differs among the open panes; a pane
		// whose label changed (another pane opened or closed) is rebuilt.
		const labels = shortestPrefixes(log.panes.map((pane) => pane.id));
		for (const pane of log.panes) {
			const view = this.sources.viewOf(pane);
			const label = labels.get(pane.id);
			if (pane.label !== label) {
				pane.label = label;
				view.dirty = true;
			}
			if (view.dirty || view.snapshot === null) {
				view.snapshot = buildPaneSnapshot(view, search, now, this.sources.replay);
				view.dirty = false;
			}
			panes.push(view.snapshot);
		}
		return {
			version: this.#version++,
			panes,
			focus: screen.focus,
			search: search.snapshot((pane) => cursorAbs(this.sources.viewOf(pane), search)),
			layout: screen.layout,
			zoom: screen.zoom,
			timeFormat: screen.timeFormat,
			notice: screen.notice,
			now,
		};
	}

	/** Whether anything shown depends on time passing. */
	needsTick(): boolean {
		const { clock, log, screen } = this.sources;
		if (screen.timeFormat === "relative") return true;
		// Replay rates are by event time: they do not slide as the clock runs.
		if (this.sources.replay) return false;
		const second = Math.floor(clock.now() / 1000);
		return log.panes.some(
			(pane) =>
				pane.status.phase === "connecting" ||
				pane.status.phase === "reconnecting" ||
				second - pane.eventHistory.newest <= RATE_SECONDS,
		);
	}

	/** The tick fired: touch the panes whose rate or countdown moved. */
	tick(): void {
		const { clock, log, screen } = this.sources;
		const second = Math.floor(clock.now() / 1000);
		let any = screen.timeFormat === "relative";
		for (const pane of log.panes) {
			const phase = pane.status.phase;
			// `<=` RATE_SECONDS: one more tick after the last event has slid out of the window.
			if (second - pane.eventHistory.newest <= RATE_SECONDS || phase === "reconnecting") {
				this.sources.touch(pane);
				any = true;
			} else if (phase === "connecting") {
				any = true;
			}
		}
		if (any) this.sources.markDirty();
	}
}
