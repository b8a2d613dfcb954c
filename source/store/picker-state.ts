/**
 * The project picker's part of the view state (`a`, and at start with no pane): its filter field,
 * cursor, marks and the list it waits for, as a pure reducer over that slice alone.
 */

import type { ProjectInfo } from "../model/types.js";
import { clamp } from "../util/clamp.js";
import { editText, type TextEdit, type TextField } from "./text-field.js";

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

export type PickerAction =
	| { readonly type: "picker-open"; readonly request: number }
	| { readonly type: "picker-loaded"; readonly request: number; readonly projects: readonly ProjectInfo[] }
	| { readonly type: "picker-failed"; readonly request: number; readonly error: string }
	| { readonly type: "picker-edit"; readonly edit: TextEdit }
	| { readonly type: "picker-move"; readonly delta: number; readonly count: number }
	| { readonly type: "picker-mark"; readonly uuid: string }
	| { readonly type: "picker-close" };

/** The picker after one action (the same object when nothing changed; null when it is closed). */
export function pickerReducer(picker: PickerState | null, action: PickerAction): PickerState | null {
	if (action.type === "picker-open") {
		return {
			field: { value: "", cursor: 0 },
			cursor: 0,
			marked: [],
			status: "loading",
			projects: [],
			error: null,
			request: action.request,
		};
	}
	if (!picker) return picker;
	switch (action.type) {
		case "picker-loaded":
			if (picker.request !== action.request) return picker;
			return { ...picker, status: "ready", projects: action.projects, error: null };
		case "picker-failed":
			if (picker.request !== action.request) return picker;
			return { ...picker, status: "error", error: action.error };
		case "picker-edit": {
			const field = editText(picker.field, action.edit);
			// A new query is a new list: start again from its best match.
			const cursor = field.value === picker.field.value ? picker.cursor : 0;
			return { ...picker, field, cursor };
		}
		case "picker-move": {
			const cursor = clamp(picker.cursor + action.delta, 0, Math.max(0, action.count - 1));
			return { ...picker, cursor };
		}
		case "picker-mark": {
			const { marked } = picker;
			const next = marked.includes(action.uuid)
				? marked.filter((uuid) => uuid !== action.uuid)
				: [...marked, action.uuid];
			return { ...picker, marked: next };
		}
		case "picker-close":
			return null;
	}
}
