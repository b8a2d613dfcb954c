/**
 * Keys as data: a binding is `{ key, ctrl?, shift? }`, and one Ink `(input, key)` pair is turned into
 * the same shape (`pressedKey`) so that resolving a key is a comparison, and a test can compare every
 * binding with every other. Also how typed text is told from keys, and how a chunk of input is split
 * into keys.
 */
import type { Key } from "ink";

/** Keys that are not a printable character; `digit` is any of 1-9. */
export type SpecialKey =
	| "up"
	| "down"
	| "left"
	| "right"
	| "pageUp"
	| "pageDown"
	| "home"
	| "end"
	| "return"
	| "escape"
	| "tab"
	| "backspace"
	| "delete"
	| "digit";

/** One way to trigger a command. */
export interface KeyBinding {
	/** A special key, or the one printable character typed (upper-case letters arrive with Shift). */
	readonly key: SpecialKey | (string & {});
	/** With Ctrl held (then `key` is a lower-case letter). */
	readonly ctrl?: boolean;
	/** Only for `tab`: Shift-Tab. */
	readonly shift?: boolean;
	/** What the help shows, when not derived from the key. */
	readonly label?: string;
}

/** A key as it was pressed, in the shape of a binding. */
export interface PressedKey {
	readonly key: string;
	readonly ctrl: boolean;
	readonly meta: boolean;
	readonly shift: boolean;
}

const specialLabels: Record<SpecialKey, string> = {
	up: "↑",
	down: "↓",
	left: "←",
	right: "→",
	pageUp: "PgUp",
	pageDown: "PgDn",
	home: "Home",
	end: "End",
	return: "Enter",
	escape: "Esc",
	tab: "Tab",
	backspace: "Backspace",
	delete: "Delete",
	digit: "1–9",
};

const flags: readonly [keyof Key, SpecialKey][] = [
	["upArrow", "up"],
	["downArrow", "down"],
	["leftArrow", "left"],
	["rightArrow", "right"],
	["pageUp", "pageUp"],
	["pageDown", "pageDown"],
	["home", "home"],
	["end", "end"],
	["return", "return"],
	["escape", "escape"],
	["tab", "tab"],
	["backspace", "backspace"],
	["delete", "delete"],
];

/**
 * Keys that answer whatever modifiers are held (as they always have); printable characters, the
 * vertical arrows and Ctrl bindings need exactly their modifiers.
 */
const lenient: ReadonlySet<string> = new Set([
	"left",
	"right",
	"pageUp",
	"pageDown",
	"home",
	"end",
	"return",
	"escape",
	"tab",
	"backspace",
	"delete",
]);

/** Whether a key name is a special key. */
function isSpecial(key: string): key is SpecialKey {
	return Object.hasOwn(specialLabels, key);
}

/** What the help shows for a binding: `Ctrl-U`, `Shift-Tab`, `Space`, `↑`, `k`. */
export function bindingLabel(binding: KeyBinding): string {
	if (binding.label !== undefined) return binding.label;
	if (binding.ctrl) return `Ctrl-${binding.key.toUpperCase()}`;
	if (isSpecial(binding.key)) return `${binding.shift ? "Shift-" : ""}${specialLabels[binding.key]}`;
	return binding.key === " " ? "Space" : binding.key;
}

/** Ink's `(input, key)` as a `PressedKey`. */
export function pressedKey(input: string, key: Key): PressedKey {
	const flag = flags.find(([name]) => key[name] === true);
	return { key: flag ? flag[1] : input, ctrl: key.ctrl, meta: key.meta, shift: key.shift };
}

/** Whether a pressed key triggers a binding. */
export function bindingMatches(binding: KeyBinding, pressed: PressedKey): boolean {
	const wanted = binding.key;
	const name = wanted === "digit" && /^[1-9]$/.test(pressed.key) ? "digit" : pressed.key;
	if (name !== wanted) return false;
	if (wanted === "tab" && (binding.shift ?? false) !== pressed.shift) return false;
	if (binding.ctrl) return pressed.ctrl && !pressed.meta;
	return lenient.has(wanted) || (!pressed.ctrl && !pressed.meta);
}

/**
 * Whether two bindings can be triggered by the same key press (for the conflict check): the same key,
 * and the same Ctrl (and, for Tab, the same Shift).
 */
export function bindingsOverlap(a: KeyBinding, b: KeyBinding): boolean {
	if (a.key !== b.key) return false;
	if (a.key === "tab" && (a.shift ?? false) !== (b.shift ?? false)) return false;
	const loose = lenient.has(a.key);
	return loose || (a.ctrl ?? false) === (b.ctrl ?? false);
}

/**
 * Text typed into the search input or the picker: printable input with no Ctrl/Meta and no special key.
 * Returns the text, or null when the key is not typing.
 */
export function typedText(input: string, key: Key): string | null {
	if (key.ctrl || key.meta || key.escape || key.return || key.tab || key.backspace || key.delete) return null;
	const text = cleanTyped(input);
	return text === "" ? null : text;
}

/**
 * Typed or pasted text made safe for a one-line field: tabs and line breaks become spaces; other
 * control, C1 and bidi-override characters are dropped (the query is echoed on the terminal).
 */
export function cleanTyped(text: string): string {
	return text
		.replace(/[\t\r\n]+/g, " ")
		.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "");
}

/**
 * One input chunk as separate keys. Ink delivers a run of printable characters that arrived together
 * (fast typing, key repeat, a terminal multiplexer sending several keys) as ONE input string; pastes
 * come through `usePaste` instead. Each character is given the key flags Ink would have given it
 * alone (Tab, Enter, Shift for capitals), so `jjj` moves three rows and `/cart` opens the search and
 * types into it.
 */
export function splitKeys(input: string, key: Key): [string, Key][] {
	const chars = Array.from(input);
	if (chars.length <= 1 || key.ctrl || key.meta) return [[input, key]];
	const plain: Key = {
		...key,
		tab: false,
		return: false,
		shift: false,
		escape: false,
		backspace: false,
		delete: false,
	};
	return chars.map((c): [string, Key] => {
		if (c === "\t") return ["", { ...plain, tab: true }];
		if (c === "\r" || c === "\n") return ["", { ...plain, return: true }];
		return [c, /^[A-Z]$/.test(c) ? { ...plain, shift: true } : plain];
	});
}
