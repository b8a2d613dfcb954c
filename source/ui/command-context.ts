/**
 * What a command handler gets: the log model (`log`: the store's actions and queries), the view model
 * (`view`), the screen's geometry and the app's effects, and nothing else.
 */
import type { ProjectInfo } from "../model/types.js";
import type { RecentSearches } from "../store/recent-searches.js";
import type { TailStore } from "../store/types.js";
import type { ViewModel } from "../store/view-model.js";
import type { Mode, Overlay } from "../store/view-state.js";

/** The screen's measures a command needs. */
export interface CommandGeometry {
	/** Body rows of an overlay (its page). */
	readonly overlayRows: number;
	/**
	 * How many lines an overlay has at the current width, counted at least up to `atLeast`: overlays
	 * are wrapped lazily, so a scroll wraps only as far as it goes (Infinity: all of it).
	 */
	overlayLineCount(overlay: Overlay, atLeast: number): number;
}

/** What the app does outside the log and view models. */
export interface AppEffects {
	quit(): void;
	suspend(): void;
	/** The projects API's list for the picker; absent when there is none. */
	readonly listProjects?: () => Promise<ProjectInfo[]>;
	/** Opens panes for the chosen projects (and their streams). */
	openProjects(projects: ProjectInfo[]): void;
	/** Closes a pane (and its stream). */
	closePane(uuid: string): void;
	/** Raw terminal output (OSC 52). */
	write(text: string): void;
	/**
	 * Loads the next older page of history into a pane (moving up past its oldest row, or `g`);
	 * absent without history (tests, replay).
	 */
	readonly loadOlder?: ((uuid: string) => void) | undefined;
	/** Going to a time and searching older history (absent without history: tests, replay). */
	readonly history?: HistoryEffects | undefined;
	/** The folder `s` exports to (tests); the current folder when absent. */
	readonly exportDir?: string | undefined;
}

/** What the app does with history beyond scrolling back, and the searches of earlier runs. */
export interface HistoryEffects {
	/**
	 * Shows a pane at a time (`T`): loads the window of history around it that the pane lacks,
	 * then moves there (`TailStore.goToTime`).
	 */
	readonly goToTime?: ((uuid: string, atMs: number, seconds: boolean) => void) | undefined;
	/** In filter mode: the next page back through history that the search's server-side filters match. */
	readonly searchOlder?: ((uuid: string) => void) | undefined;
	/**
	 * The recent searches ↑ / ↓ walk in the search input, which every applied search joins (kept in
	 * the state folder between runs); absent: the walk has nothing to go through.
	 */
	readonly recentSearches?: RecentSearches | undefined;
}

export interface CommandContext {
	readonly log: TailStore;
	readonly view: ViewModel;
	readonly geometry: CommandGeometry;
	readonly app: AppEffects;
}

/** Runs a command; `input` is the key's text (the digit of `focus.number`). */
export type CommandHandler = (ctx: CommandContext, input: string, mode: Mode) => void;
