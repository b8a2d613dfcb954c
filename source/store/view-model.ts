/**
 * The view model: one external store for what the screen owns beside the log model's snapshot — the
 * open overlay, the search input and the project picker. Framework-free: the UI reads it through
 * `useSyncExternalStore` selectors and changes it only by `dispatch`, which applies at once (keys that
 * arrive in one batch each see the state the previous one left) and tells subscribers.
 */
import {
	initialViewState,
	type Mode,
	modeOf,
	type ViewAction,
	type ViewState,
	viewReducer,
} from "./view-state.js";

export class ViewModel {
	#state: ViewState;
	readonly #listeners = new Set<() => void>();
	#request = 0;

	constructor(initial: ViewState = initialViewState) {
		this.#state = initial;
	}

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	};

	getSnapshot = (): ViewState => this.#state;

	/** Who gets the keyboard now. */
	get mode(): Mode {
		return modeOf(this.#state);
	}

	/** Applies one action; subscribers hear of it only when something changed. */
	dispatch(action: ViewAction): void {
		const next = viewReducer(this.#state, action);
		if (next === this.#state) return;
		this.#state = next;
		for (const listener of [...this.#listeners]) listener();
	}

	/** A new id for a project-list request: answers to older ones are ignored by the reducer. */
	nextRequest(): number {
		return ++this.#request;
	}
}
