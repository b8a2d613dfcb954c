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

/** Whether Ink recognized `key` as one key (a special key, or one with a modifier) rather than text. */
function isParsedKey(key: Key): boolean {
	return flags.some(([name]) => key[name] === true) || key.ctrl || key.meta;
}

/**
 * One character as Ink reports it when it arrives on its own: Enter (`\r`, and `\n`, which is
 * Ctrl-J: Enter too, so a lone one and one inside a chunk agree), Tab, Backspace (DEL and Ctrl-H), Esc,
 * Ctrl-Space (NUL), Ctrl-A..Z and Ctrl-\ ] ^ _ with the letter as input, Shift for a capital.
 */
function singleKey(c: string, plain: Key): [string, Key] {
	const code = c.length === 1 ? c.charCodeAt(0) : -1;
	if (c === "\r" || c === "\n") return ["", { ...plain, return: true }];
	if (c === "\t") return ["", { ...plain, tab: true }];
	if (c === "\x7f" || c === "\b") return ["", { ...plain, backspace: true }];
	if (c === "\x1b") return ["", { ...plain, escape: true }];
	if (code === 0) return [" ", { ...plain, ctrl: true }];
	if (code > 0 && code < 0x20) {
		return [String.fromCharCode(code + (code <= 26 ? 96 : 64)), { ...plain, ctrl: true }];
	}
	return [c, /^[A-Z]$/.test(c) ? { ...plain, shift: true } : plain];
}

/**
 * One input chunk as separate keys, so that keys that arrive together mean what they mean apart.
 * Ink's input parser already cuts escape sequences (arrows, Esc), DEL, Ctrl-H and Ctrl-C out of a
 * chunk, but hands the rest over as ONE string: a run of typed characters (fast typing, key repeat, a
 * multiplexer sending several keys at once) with any other control byte inside it (`/qwe` Ctrl-U
 * `r` Enter), flagged as nothing. Pastes come through `usePaste` instead. Each character of such a run
 * becomes the key Ink would have reported for it alone (`singleKey`): `jjj` moves three rows, `/cart`
 * opens the search and types into it, and Ctrl-U in the middle clears what was typed before it.
 */
export function splitKeys(input: string, key: Key): [string, Key][] {
	// Not a parsed key: every flag is off, so `key` is the plain base each character's flags start from.
	if (input === "" || isParsedKey(key)) return [[input, key]];
	return Array.from(input, (c) => singleKey(c, key));
}

/** A key with every flag off: the base of keys made in code (a wheel step is ↑ or ↓ on it). */
export const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};
