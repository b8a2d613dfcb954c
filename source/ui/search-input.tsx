/**
 * The search input of the status bar (`/`): the query being typed, with a visible text cursor. Its
 * state is a `TextField` edited by `editText` in `store/text-field.ts` (insert, Backspace, Delete, ←, →,
 * Ctrl-U, paste), so keys typed faster than a frame apply in order.
 */
import { Text } from "ink";
import type { TextField } from "../store/text-field.js";
import { prefixToWidth, textWidth } from "./truncate-to-width.js";

/**
 * A one-line text field drawn in `width` columns: the text with the cursor cell inverse. When the text
 * is wider than the field, the part around the cursor's end is shown.
 */
function codePointLength(text: string, index: number): number {
	return (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
}

export function TextFieldView(props: { field: TextField; width: number }) {
	const { value, cursor } = props.field;
	let before = value.slice(0, cursor);
	const at = value.slice(cursor, cursor + codePointLength(value, cursor));
	let after = value.slice(cursor + at.length);
	// Keep the cursor in view: drop text from the left of it when it would not fit.
	const room = Math.max(1, props.width - 1);
	while (before.length > 0 && textWidth(before) > room) before = before.slice(codePointLength(before, 0));
	after = prefixToWidth(after, Math.max(0, room - textWidth(before) - textWidth(at || " "))).text;
	return (
		<Text wrap="truncate">
			{before}
			<Text inverse>{at || " "}</Text>
			{after}
		</Text>
	);
}

/** The status bar's input: a prompt (`/` for the search, `go to time: ` for `T`), then the field. */
export function SearchInput(props: { field: TextField; width: number; prompt?: string | undefined }) {
	const prompt = props.prompt ?? "/";
	return (
		<Text wrap="truncate">
			<Text color="cyan" bold>
				{prompt}
			</Text>
			<TextFieldView field={props.field} width={Math.max(1, props.width - textWidth(prompt))} />
		</Text>
	);
}
