/**
 * Panes of removed projects, kept aside with their buffers so that adding the project again brings
 * the pane back as it was. Only the last `CLOSED_KEPT` closed are kept: closing one more forgets the
 * one closed longest ago.
 */
import type { PaneState } from "./pane-state.js";

/** How many closed panes keep their buffers (the oldest closed beyond this is forgotten). */
export const CLOSED_KEPT = 8;

export class ClosedPanes {
	/** Oldest closed first (a Map keeps insertion order). */
	readonly #panes = new Map<string, PaneState>();

	/** The closed panes, most recently closed last. */
	get all(): readonly PaneState[] {
		return [...this.#panes.values()];
	}

	/** Takes a project's closed pane out, for reopening; undefined when none is kept. */
	take(uuid: string): PaneState | undefined {
		const pane = this.#panes.get(uuid);
		if (pane !== undefined) this.#panes.delete(uuid);
		return pane;
	}

	/**
	 * Keeps a pane just closed.
	 * @param forget called with each pane forgotten to make room, oldest closed first
	 */
	keep(pane: PaneState, forget: (old: PaneState) => void): void {
		this.#panes.set(pane.id, pane);
		for (const [id, old] of this.#panes) {
			if (this.#panes.size <= CLOSED_KEPT) break;
			this.#panes.delete(id);
			forget(old);
		}
	}
}
