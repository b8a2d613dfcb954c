/**
 * A one-line text field (the search input, the picker's filter) and its edits, pure: insert, Backspace,
 * Delete, the arrows and clear, never splitting a code point.
 */

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
