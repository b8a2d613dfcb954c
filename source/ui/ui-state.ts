/**
 * The TUI's own state: which overlay is open, the search input being typed, the project picker. Pure
 * (a reducer and helpers, no React), so it is unit-tested directly and keys that arrive in one batch
 * apply in order. Everything about panes and rows lives in the store instead.
 */
import type { ProjectInfo } from "../model/types.js";
import type { Entry, SearchMode } from "../store/types.js";
import type { Mode } from "./keymap.js";

/** A one-line text field: its value and the text cursor (an index into `value`). */
export interface TextField {
	readonly value: string;
	readonly cursor: number;
}

export type TextEdit =
	| { readonly type: "insert"; readonly text: string }
	| { readonly type: "deleteBack" }
	| { readonly type: "deleteForward" }
	| { readonly type: "left" }
	| { readonly type: "right" }
	| { readonly type: "clear" };

export type EventOverlayKind = "exception" | "detail";

export type Overlay =
	| {
			readonly kind: EventOverlayKind;
			/** The pane the entry came from (for `[` / `]`). */
			readonly paneId: string;
			/** Held by reference: the overlay keeps showing it even after the buffer evicts it. */
			readonly entry: Entry;
			readonly scroll: number;
	  }
	| { readonly kind: "help"; readonly scroll: number };

export interface SearchInputState {
	readonly field: TextField;
	/** The search active before `/` was pressed: Esc restores it. */
	readonly previous: { readonly query: string; readonly mode: SearchMode } | null;
}

export interface PickerState {
	readonly field: TextField;
	/** Index into the filtered list. */
	readonly cursor: number;
	/** UUIDs of the marked projects, in marking order. */
	readonly marked: readonly string[];
	readonly status: "loading" | "ready" | "error";
	readonly projects: readonly ProjectInfo[];
	readonly error: string | null;
	/** Which `listProjects` call this picker waits for (answers to older calls are ignored). */
	readonly request: number;
}

export interface UiState {
	readonly overlay: Overlay | null;
	readonly search: SearchInputState | null;
	readonly picker: PickerState | null;
}

export const initialUiState: UiState = { overlay: null, search: null, picker: null };

export type UiAction =
	| { readonly type: "overlay-open"; readonly overlay: Overlay }
	| { readonly type: "overlay-entry"; readonly entry: Entry }
	| { readonly type: "overlay-scroll"; readonly delta: number; readonly max: number }
	| { readonly type: "overlay-scroll-to"; readonly to: "top" | "bottom"; readonly max: number }
	| { readonly type: "overlay-close" }
	| {
			readonly type: "search-open";
			readonly value: string;
			readonly previous: SearchInputState["previous"];
	  }
	| { readonly type: "search-edit"; readonly edit: TextEdit }
	| { readonly type: "search-close" }
	| { readonly type: "picker-open"; readonly request: number }
	| { readonly type: "picker-loaded"; readonly request: number; readonly projects: readonly ProjectInfo[] }
	| { readonly type: "picker-failed"; readonly request: number; readonly error: string }
	| { readonly type: "picker-edit"; readonly edit: TextEdit }
	| { readonly type: "picker-move"; readonly delta: number; readonly count: number }
	| { readonly type: "picker-mark"; readonly uuid: string }
	| { readonly type: "picker-close" };

/** Who gets the keyboard: an overlay, else the search input, else the picker, else the panes. */
export function modeOf(state: UiState): Mode {
	if (state.overlay) return state.overlay.kind === "help" ? "help" : "overlay";
	if (state.search) return "search";
	if (state.picker) return "picker";
	return "normal";
}

const clamp = (value: number, min: number, max: number): number => Math.max(min, Math.min(max, value));

/** Length of the code point that ends at `index` (2 for a surrogate pair), so edits never split one. */
function codePointBefore(text: string, index: number): number {
	const low = text.charCodeAt(index - 1);
	const high = text.charCodeAt(index - 2);
	return index >= 2 && low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1;
}

function codePointAt(text: string, index: number): number {
	const code = text.codePointAt(index);
	return code !== undefined && code > 0xffff ? 2 : 1;
}

/** Applies one edit to a text field. */
export function editText(field: TextField, edit: TextEdit): TextField {
	const { value, cursor } = field;
	switch (edit.type) {
		case "insert":
			return {
				value: value.slice(0, cursor) + edit.text + value.slice(cursor),
				cursor: cursor + edit.text.length,
			};
		case "deleteBack": {
			if (cursor === 0) return field;
			const n = codePointBefore(value, cursor);
			return { value: value.slice(0, cursor - n) + value.slice(cursor), cursor: cursor - n };
		}
		case "deleteForward":
			if (cursor >= value.length) return field;
			return { value: value.slice(0, cursor) + value.slice(cursor + codePointAt(value, cursor)), cursor };
		case "left":
			return cursor === 0 ? field : { value, cursor: cursor - codePointBefore(value, cursor) };
		case "right":
			return cursor >= value.length ? field : { value, cursor: cursor + codePointAt(value, cursor) };
		case "clear":
			return { value: "", cursor: 0 };
	}
}

export function uiReducer(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case "overlay-open":
			return { ...state, overlay: action.overlay };
		case "overlay-entry":
			if (!state.overlay || state.overlay.kind === "help") return state;
			return { ...state, overlay: { ...state.overlay, entry: action.entry, scroll: 0 } };
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
		case "search-open":
			return {
				...state,
				search: { field: { value: action.value, cursor: action.value.length }, previous: action.previous },
			};
		case "search-edit":
			if (!state.search) return state;
			return { ...state, search: { ...state.search, field: editText(state.search.field, action.edit) } };
		case "search-close":
			return state.search ? { ...state, search: null } : state;
		case "picker-open":
			return {
				...state,
				picker: {
					field: { value: "", cursor: 0 },
					cursor: 0,
					marked: [],
					status: "loading",
					projects: [],
					error: null,
					request: action.request,
				},
			};
		case "picker-loaded":
			if (!state.picker || state.picker.request !== action.request) return state;
			return {
				...state,
				picker: { ...state.picker, status: "ready", projects: action.projects, error: null },
			};
		case "picker-failed":
			if (!state.picker || state.picker.request !== action.request) return state;
			return { ...state, picker: { ...state.picker, status: "error", error: action.error } };
		case "picker-edit": {
			if (!state.picker) return state;
			const field = editText(state.picker.field, action.edit);
			// A new query is a new list: start again from its best match.
			const cursor = field.value === state.picker.field.value ? state.picker.cursor : 0;
			return { ...state, picker: { ...state.picker, field, cursor } };
		}
		case "picker-move": {
			if (!state.picker) return state;
			const cursor = clamp(state.picker.cursor + action.delta, 0, Math.max(0, action.count - 1));
			return { ...state, picker: { ...state.picker, cursor } };
		}
		case "picker-mark": {
			if (!state.picker) return state;
			const { marked } = state.picker;
			const next = marked.includes(action.uuid)
				? marked.filter((uuid) => uuid !== action.uuid)
				: [...marked, action.uuid];
			return { ...state, picker: { ...state.picker, marked: next } };
		}
		case "picker-close":
			return state.picker ? { ...state, picker: null } : state;
	}
}
