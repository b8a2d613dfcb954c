/**
 * The screen's own state as a pure reducer: which overlay is open (and where in it), the search input
 * being typed, the project picker. No React, so keys that arrive in one batch apply in order and it is
 * unit-tested directly. `ViewModel` (view-model.ts) holds it as an external store.
 */

import { clamp } from "../util/clamp.js";
import { type PickerAction, type PickerState, pickerReducer } from "./picker-state.js";

export type { PickerState } from "./picker-state.js";

import type { ProblemOccurrence, ProblemReport } from "./problem-groups.js";
import { stepRecent } from "./recent-searches.js";
import { editText, type TextEdit, type TextField } from "./text-field.js";
import type { Entry, SearchMode } from "./types.js";

/**
 * Which part of the UI owns the keyboard. Only one mode is active at a time, in this priority:
 * an overlay (exception/detail, or help), then the problems view (an exception opened from it is an
 * overlay above it), then the search input, then the "go to time" input, then the project picker, then
 * normal.
 */
export type Mode = "normal" | "search" | "time" | "picker" | "overlay" | "help" | "problems";

export type EventOverlayKind = "exception" | "detail";

/** `position` of `count` (1-based). */
export interface ExceptionPlace {
	readonly position: number;
	readonly count: number;
}

/** The problems view (`P`): a report computed when it opened (or changed scope), and the group selected. */
export interface ProblemsState {
	/** The pane focused when it opened: the report's pane while `scope` is "pane". */
	readonly paneId: string;
	readonly scope: "pane" | "all";
	readonly report: ProblemReport;
	/** Index into `report.groups`. */
	readonly selected: number;
}

export type Overlay =
	| {
			readonly kind: EventOverlayKind;
			/** The pane the entry came from (for `[` / `]`). */
			readonly paneId: string;
			/** Held by reference: the overlay keeps showing it even after the buffer evicts it. */
			readonly entry: Entry;
			/**
			 * The exception's rank among every exception row the pane ever held (its position is this
			 * minus the pane's evicted exception rows, plus one); -1 for the detail overlay.
			 */
			readonly ordinal: number;
			/**
			 * In filter mode: the exception's place among those the filter shows, when opened or stepped
			 * to (`[` / `]` step through only those); absent otherwise.
			 */
			readonly shown?: ExceptionPlace;
			/** Opened from the problems view: the group's occurrences, which `[` / `]` step through. */
			readonly group?: readonly ProblemOccurrence[];
			readonly scroll: number;
	  }
	| { readonly kind: "help"; readonly scroll: number };

/**
 * The search input while `/` is open. Its text is the query of the log model's search session (the one
 * owner of the search text: every edit is a new query); the input holds only where the text cursor is.
 */
export interface SearchInputState {
	/** The text cursor: an index into the query. */
	readonly cursor: number;
	/**
	 * The pane whose own filter (`F`) is being typed (its text is that filter's query), or null for
	 * the global search.
	 */
	readonly paneId: string | null;
	/** The search active before `/` was pressed: Esc restores it. */
	readonly previous: { readonly query: string; readonly mode: SearchMode } | null;
	/** Where ↑ / ↓ are in the recent searches; null until ↑ is first pressed (and after an edit). */
	readonly recall: RecallWalk | null;
}

/** A walk through the recent searches, like a shell's history: the draft waits at its newer end. */
export interface RecallWalk {
	/** Index into the recent searches (most recent first); -1 is the draft. */
	readonly index: number;
	/** What was typed when the walk began: ↓ past the newest recent search brings it back. */
	readonly draft: string;
}

export interface ViewState {
	readonly overlay: Overlay | null;
	/** The search input being typed in (its text is the search session's query). */
	readonly searchInput: SearchInputState | null;
	readonly picker: PickerState | null;
	/** The "go to time:" input being typed in (`T`), or null. */
	readonly timeInput: TextField | null;
	/** The problems view (`P`), or null. */
	readonly problems: ProblemsState | null;
}

export const initialViewState: ViewState = {
	overlay: null,
	searchInput: null,
	picker: null,
	timeInput: null,
	problems: null,
};

export type ViewAction =
	| { readonly type: "overlay-open"; readonly overlay: Overlay }
	| {
			readonly type: "overlay-entry";
			/** The entry's pane, when it changes (a problems group spans panes). */
			readonly paneId?: string;
			readonly entry: Entry;
			readonly ordinal: number;
			readonly shown?: ExceptionPlace;
	  }
	| { readonly type: "overlay-scroll"; readonly delta: number; readonly max: number }
	| { readonly type: "overlay-scroll-to"; readonly to: "top" | "bottom"; readonly max: number }
	| { readonly type: "overlay-close" }
	| {
			readonly type: "search-open";
			/** The text cursor: at the end of the current query. */
			readonly cursor: number;
			readonly previous: SearchInputState["previous"];
			/** The pane whose own filter is typed (`F`); absent for the global search. */
			readonly paneId?: string;
	  }
	| {
			readonly type: "search-cursor";
			readonly cursor: number;
			/** The text changed (typed, deleted): the walk through the recent searches ends there. */
			readonly edited?: boolean;
	  }
	| {
			/** ↑ (`delta` 1, older) or ↓ (-1, newer) through `list`; `query` is the text typed now. */
			readonly type: "search-recall";
			readonly delta: 1 | -1;
			readonly list: readonly string[];
			readonly query: string;
	  }
	| { readonly type: "search-close" }
	| PickerAction
	| { readonly type: "time-open" }
	| { readonly type: "time-edit"; readonly edit: TextEdit }
	| { readonly type: "time-close" }
	| { readonly type: "problems-open"; readonly problems: ProblemsState }
	| { readonly type: "problems-select"; readonly delta: number }
	| { readonly type: "problems-report"; readonly scope: "pane" | "all"; readonly report: ProblemReport }
	| { readonly type: "problems-close" };

/** Who gets the keyboard: an overlay, else the search input, else the picker, else the panes. */
export function modeOf(state: ViewState): Mode {
	if (state.overlay) return state.overlay.kind === "help" ? "help" : "overlay";
	if (state.problems) return "problems";
	if (state.searchInput) return "search";
	if (state.timeInput) return "time";
	if (state.picker) return "picker";
	return "normal";
}

type OverlayAction = Extract<ViewAction, { type: `overlay-${string}` }>;
type SearchAction = Extract<ViewAction, { type: `search-${string}` }>;
type TimeAction = Extract<ViewAction, { type: `time-${string}` }>;
type ProblemsAction = Extract<ViewAction, { type: `problems-${string}` }>;

/** The state after one action (the same object when nothing changed). */
export function viewReducer(state: ViewState, action: ViewAction): ViewState {
	const kind = action.type.slice(0, action.type.indexOf("-"));
	if (kind === "overlay") return overlayReducer(state, action as OverlayAction);
	if (kind === "search") return searchReducer(state, action as SearchAction);
	if (kind === "picker") {
		const picker = pickerReducer(state.picker, action as PickerAction);
		return picker === state.picker ? state : { ...state, picker };
	}
	if (kind === "problems") return problemsReducer(state, action as ProblemsAction);
	return timeReducer(state, action as TimeAction);
}

function overlayReducer(state: ViewState, action: OverlayAction): ViewState {
	switch (action.type) {
		case "overlay-open":
			return { ...state, overlay: action.overlay };
		case "overlay-entry":
			if (!state.overlay || state.overlay.kind === "help") return state;
			return {
				...state,
				overlay: {
					...state.overlay,
					paneId: action.paneId ?? state.overlay.paneId,
					entry: action.entry,
					ordinal: action.ordinal,
					shown: action.shown,
					scroll: 0,
				},
			};
		case "overlay-scroll": {
			if (!state.overlay) return state;
			const scroll = clamp(state.overlay.scroll + action.delta, 0, Math.max(0, action.max));
			return scroll === state.overlay.scroll ? state : { ...state, overlay: { ...state.overlay, scroll } };
		}
		case "overlay-scroll-to": {
			if (!state.overlay) return state;
			const scroll = action.to === "top" ? 0 : Math.max(0, action.max);
			return { ...state, overlay: { ...state.overlay, scroll } };
		}
		case "overlay-close":
			return state.overlay ? { ...state, overlay: null } : state;
	}
}

function searchReducer(state: ViewState, action: SearchAction): ViewState {
	switch (action.type) {
		case "search-open":
			return {
				...state,
				searchInput: {
					cursor: action.cursor,
					previous: action.previous,
					recall: null,
					paneId: action.paneId ?? null,
				},
			};
		case "search-cursor": {
			const input = state.searchInput;
			const recall = action.edited === true ? null : (input?.recall ?? null);
			if (!input || (input.cursor === action.cursor && input.recall === recall)) return state;
			return { ...state, searchInput: { ...input, cursor: action.cursor, recall } };
		}
		case "search-recall": {
			const input = state.searchInput;
			if (!input) return state;
			const walk = input.recall ?? { index: -1, draft: action.query };
			const index = stepRecent(walk.index, action.delta, action.list.length);
			if (index === walk.index) return state;
			const recall = { index, draft: walk.draft };
			return {
				...state,
				searchInput: { ...input, recall, cursor: recalledText(recall, action.list).length },
			};
		}
		case "search-close":
			return state.searchInput ? { ...state, searchInput: null } : state;
	}
}

/** The text a walk through `list` stands on: a recent search, or the draft back at the newer end. */
export function recalledText(walk: RecallWalk, list: readonly string[]): string {
	return walk.index < 0 ? walk.draft : (list[walk.index] ?? walk.draft);
}

function timeReducer(state: ViewState, action: TimeAction): ViewState {
	switch (action.type) {
		case "time-open":
			return { ...state, timeInput: { value: "", cursor: 0 } };
		case "time-edit":
			return state.timeInput ? { ...state, timeInput: editText(state.timeInput, action.edit) } : state;
		case "time-close":
			return state.timeInput ? { ...state, timeInput: null } : state;
	}
}

function problemsReducer(state: ViewState, action: ProblemsAction): ViewState {
	if (action.type === "problems-open") return { ...state, problems: action.problems };
	const problems = state.problems;
	if (!problems) return state;
	switch (action.type) {
		case "problems-select": {
			const selected = clamp(
				problems.selected + action.delta,
				0,
				Math.max(0, problems.report.groups.length - 1),
			);
			return selected === problems.selected ? state : { ...state, problems: { ...problems, selected } };
		}
		case "problems-report":
			return { ...state, problems: { ...problems, scope: action.scope, report: action.report, selected: 0 } };
		case "problems-close":
			return { ...state, problems: null };
	}
}
