/**
 * The one keymap of the TUI. Every key the app answers to is a named command here: the root input
 * handler resolves keys through it (by mode), the help overlay lists it, and the status bar takes its
 * hints from it. A key that is not here does nothing.
 */
import type { Key } from "ink";

/**
 * Which part of the UI owns the keyboard. Only one mode is active at a time, in this priority:
 * an overlay (exception/detail, or help), then the search input, then the project picker, then normal.
 */
export type Mode = "normal" | "search" | "picker" | "overlay" | "help";

export type CommandId =
	| "quit"
	| "suspend"
	| "focus.next"
	| "focus.previous"
	| "focus.number"
	| "cursor.up"
	| "cursor.down"
	| "page.up"
	| "page.down"
	| "halfPage.up"
	| "halfPage.down"
	| "top"
	| "bottom"
	| "search.open"
	| "search.clear"
	| "match.next"
	| "match.previous"
	| "filter.toggle"
	| "pause.pane"
	| "pause.all"
	| "detail.open"
	| "exception.open"
	| "exception.next"
	| "exception.previous"
	| "copy"
	| "pane.add"
	| "pane.close"
	| "zoom"
	| "layout"
	| "time"
	| "help"
	| "overlay.previous"
	| "overlay.next"
	| "overlay.close"
	| "search.submit"
	| "search.cancel"
	| "edit.deleteBack"
	| "edit.deleteForward"
	| "edit.left"
	| "edit.right"
	| "edit.clear"
	| "picker.up"
	| "picker.down"
	| "picker.mark"
	| "picker.open"
	| "picker.close";

/** One way to trigger a command: what the help shows, and the test over Ink's `(input, key)`. */
export interface KeyBinding {
	readonly label: string;
	readonly match: (input: string, key: Key) => boolean;
}

export interface Command {
	readonly id: CommandId;
	readonly keys: readonly KeyBinding[];
	readonly description: string;
	/** The heading the help overlay lists it under. */
	readonly group: string;
	/** The modes in which the command is live. */
	readonly modes: readonly Mode[];
	/** A short label for the status bar's hints, when the command is worth a hint there. */
	readonly hint?: string;
}

const noModifier = (key: Key): boolean => !key.ctrl && !key.meta;

/** A printable character typed alone (no Ctrl/Meta). Upper-case letters arrive with `key.shift`. */
function char(c: string, label = c): KeyBinding {
	return { label, match: (input, key) => input === c && noModifier(key) };
}

function ctrl(letter: string): KeyBinding {
	return {
		label: `Ctrl-${letter.toUpperCase()}`,
		match: (input, key) => key.ctrl && !key.meta && input === letter,
	};
}

function special(label: string, test: (key: Key) => boolean): KeyBinding {
	return { label, match: (_input, key) => test(key) };
}

const up = special("↑", (k) => k.upArrow && !k.ctrl && !k.meta);
const down = special("↓", (k) => k.downArrow && !k.ctrl && !k.meta);
const pageUp = special("PgUp", (k) => k.pageUp);
const pageDown = special("PgDn", (k) => k.pageDown);
const home = special("Home", (k) => k.home);
const end = special("End", (k) => k.end);
const enter = special("Enter", (k) => k.return);
const escapeKey = special("Esc", (k) => k.escape);

const all: readonly Mode[] = ["normal", "search", "picker", "overlay", "help"];
const normal: readonly Mode[] = ["normal"];
const scrolling: readonly Mode[] = ["normal", "overlay", "help"];

/** Every command, in the order the help overlay lists them. */
export const keymap: readonly Command[] = [
	// --- panes ---
	{
		id: "focus.next",
		keys: [special("Tab", (k) => k.tab && !k.shift)],
		description: "focus the next pane",
		group: "Panes",
		modes: normal,
	},
	{
		id: "focus.previous",
		keys: [special("Shift-Tab", (k) => k.tab && k.shift)],
		description: "focus the previous pane",
		group: "Panes",
		modes: normal,
	},
	{
		id: "focus.number",
		keys: [{ label: "1–9", match: (input, key) => /^[1-9]$/.test(input) && noModifier(key) }],
		description: "focus pane n",
		group: "Panes",
		modes: normal,
	},
	{
		id: "pause.pane",
		keys: [char(" ", "Space")],
		description: "pause / resume the focused pane",
		group: "Panes",
		modes: normal,
		hint: "pause",
	},
	{
		id: "pause.all",
		keys: [char("p")],
		description: "pause / resume all panes",
		group: "Panes",
		modes: normal,
	},
	{
		id: "pane.add",
		keys: [char("a")],
		description: "add a pane: project picker",
		group: "Panes",
		modes: normal,
	},
	{
		id: "pane.close",
		keys: [char("w")],
		description: "close the focused pane",
		group: "Panes",
		modes: normal,
	},
	// --- moving ---
	{
		id: "cursor.up",
		keys: [up, char("k")],
		description: "cursor up one row (leaves follow mode)",
		group: "Moving",
		modes: scrolling,
	},
	{
		id: "cursor.down",
		keys: [down, char("j")],
		description: "cursor down one row",
		group: "Moving",
		modes: scrolling,
	},
	{
		id: "page.up",
		keys: [pageUp],
		description: "page up",
		group: "Moving",
		modes: scrolling,
	},
	{
		id: "page.down",
		keys: [pageDown],
		description: "page down",
		group: "Moving",
		modes: scrolling,
	},
	{
		id: "halfPage.up",
		keys: [ctrl("u")],
		description: "half a page up",
		group: "Moving",
		modes: scrolling,
	},
	{
		id: "halfPage.down",
		keys: [ctrl("d")],
		description: "half a page down",
		group: "Moving",
		modes: scrolling,
	},
	{
		id: "top",
		keys: [char("g"), home],
		description: "to the top",
		group: "Moving",
		modes: scrolling,
	},
	{
		id: "bottom",
		keys: [char("G"), end],
		description: "to the bottom (resumes follow mode)",
		group: "Moving",
		modes: scrolling,
	},
	// --- search ---
	{
		id: "search.open",
		keys: [char("/")],
		description: "search: type, Enter applies, Esc cancels",
		group: "Search",
		modes: normal,
		hint: "search",
	},
	{
		id: "match.next",
		keys: [char("n")],
		description: "next match",
		group: "Search",
		modes: normal,
	},
	{
		id: "match.previous",
		keys: [char("N")],
		description: "previous match",
		group: "Search",
		modes: normal,
	},
	{
		id: "filter.toggle",
		keys: [char("f")],
		description: "toggle filter mode (only matches) for the query",
		group: "Search",
		modes: normal,
		hint: "filter",
	},
	{
		id: "search.clear",
		keys: [escapeKey],
		description: "clear the search",
		group: "Search",
		modes: normal,
	},
	// --- events ---
	{
		id: "detail.open",
		keys: [enter],
		description: "detail of the entry under the cursor",
		group: "Events",
		modes: normal,
		hint: "detail",
	},
	{
		id: "exception.open",
		keys: [char("x")],
		description: "newest exception of the focused pane",
		group: "Events",
		modes: normal,
		hint: "exception",
	},
	{
		id: "exception.next",
		keys: [char("e")],
		description: "jump to the next exception",
		group: "Events",
		modes: normal,
	},
	{
		id: "exception.previous",
		keys: [char("E")],
		description: "jump to the previous exception",
		group: "Events",
		modes: normal,
	},
	{
		id: "copy",
		keys: [char("y")],
		description: "copy the event as JSON to the clipboard (OSC 52)",
		group: "Events",
		modes: ["normal", "overlay"],
		hint: "copy",
	},
	// --- view ---
	{
		id: "zoom",
		keys: [char("z")],
		description: "zoom the focused pane / back",
		group: "View",
		modes: normal,
	},
	{
		id: "layout",
		keys: [char("l")],
		description: "layout: columns / rows / grid",
		group: "View",
		modes: normal,
	},
	{
		id: "time",
		keys: [char("t")],
		description: "time: local / UTC / relative",
		group: "View",
		modes: normal,
	},
	{
		id: "help",
		keys: [char("?")],
		description: "this help",
		group: "View",
		modes: ["normal", "help"],
		hint: "help",
	},
	// --- overlays ---
	{
		id: "overlay.previous",
		keys: [char("[")],
		description: "previous exception of the pane",
		group: "Exception and detail overlay",
		modes: ["overlay"],
		hint: "prev",
	},
	{
		id: "overlay.next",
		keys: [char("]")],
		description: "next exception of the pane",
		group: "Exception and detail overlay",
		modes: ["overlay"],
		hint: "next",
	},
	{
		id: "overlay.close",
		keys: [escapeKey, char("q")],
		description: "close the overlay (movement keys scroll it; y copies)",
		group: "Exception and detail overlay",
		modes: ["overlay", "help"],
		hint: "close",
	},
	// --- search input ---
	{
		id: "search.submit",
		keys: [enter],
		description: "apply the search",
		group: "Search input",
		modes: ["search"],
		hint: "apply",
	},
	{
		id: "search.cancel",
		keys: [escapeKey],
		description: "cancel (restore the previous search)",
		group: "Search input",
		modes: ["search"],
		hint: "cancel",
	},
	{
		id: "edit.deleteBack",
		keys: [special("Backspace", (k) => k.backspace)],
		description: "delete the character before the cursor",
		group: "Search input",
		modes: ["search", "picker"],
	},
	{
		id: "edit.deleteForward",
		keys: [special("Delete", (k) => k.delete)],
		description: "delete the character under the cursor",
		group: "Search input",
		modes: ["search", "picker"],
	},
	{
		id: "edit.left",
		keys: [special("←", (k) => k.leftArrow)],
		description: "move the text cursor left",
		group: "Search input",
		modes: ["search", "picker"],
	},
	{
		id: "edit.right",
		keys: [special("→", (k) => k.rightArrow)],
		description: "move the text cursor right",
		group: "Search input",
		modes: ["search", "picker"],
	},
	{
		id: "edit.clear",
		keys: [ctrl("u")],
		description: "clear the text",
		group: "Search input",
		modes: ["search", "picker"],
	},
	// --- project picker ---
	{
		id: "picker.up",
		keys: [up],
		description: "previous project",
		group: "Project picker",
		modes: ["picker"],
	},
	{
		id: "picker.down",
		keys: [down],
		description: "next project",
		group: "Project picker",
		modes: ["picker"],
	},
	{
		id: "picker.mark",
		keys: [char(" ", "Space")],
		description: "mark / unmark a project",
		group: "Project picker",
		modes: ["picker"],
		hint: "mark",
	},
	{
		id: "picker.open",
		keys: [enter],
		description: "open the marked projects (or the one under the cursor)",
		group: "Project picker",
		modes: ["picker"],
		hint: "open",
	},
	{
		id: "picker.close",
		keys: [escapeKey],
		description: "close the picker",
		group: "Project picker",
		modes: ["picker"],
		hint: "close",
	},
	// --- app ---
	{
		id: "quit",
		keys: [char("q"), ctrl("c")],
		description: "quit (Ctrl-C quits from anywhere)",
		group: "App",
		modes: normal,
		hint: "quit",
	},
	{
		id: "suspend",
		keys: [ctrl("z")],
		description: "suspend to the shell (fg resumes)",
		group: "App",
		modes: all,
	},
];

/** Ctrl-C quits in every mode, whatever else the mode binds. */
const forceQuit = ctrl("c");

/**
 * The command `(input, key)` triggers in `mode`, or undefined (then the search input and the picker
 * treat printable input as typed text).
 */
export function resolveCommand(mode: Mode, input: string, key: Key): Command | undefined {
	if (forceQuit.match(input, key)) return commandById("quit");
	for (const command of keymap) {
		if (!command.modes.includes(mode)) continue;
		if (command.keys.some((binding) => binding.match(input, key))) return command;
	}
	return undefined;
}

const byId = new Map(keymap.map((command) => [command.id, command]));

/** The command with this id (every id in `CommandId` has one). */
export function commandById(id: CommandId): Command {
	const command = byId.get(id);
	if (!command) throw new Error(`no command ${id}`);
	return command;
}

/** The key labels of a command joined for display: `↑ k`. */
export function keyLabels(command: Command): string {
	return command.keys.map((binding) => binding.label).join(" ");
}

/** The keymap grouped for the help overlay, groups in keymap order. */
export function keymapGroups(): { group: string; commands: Command[] }[] {
	const groups = new Map<string, Command[]>();
	for (const command of keymap) {
		const list = groups.get(command.group);
		if (list) list.push(command);
		else groups.set(command.group, [command]);
	}
	return [...groups].map(([group, commands]) => ({ group, commands }));
}

/** The status bar's hints for a mode: `key label` pairs from the commands that carry a hint. */
export function hintsFor(mode: Mode): { keys: string; label: string }[] {
	return keymap
		.filter((command) => command.hint !== undefined && command.modes.includes(mode))
		.map((command) => ({ keys: command.keys[0]?.label ?? "", label: command.hint ?? "" }));
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

/**
 * The keymap as a Markdown table grouped like the help overlay, for the readme (so a test can check
 * the readme's table against the real bindings).
 */
export function keymapMarkdown(): string {
	const lines = ["| key | action |", "|---|---|"];
	for (const { group, commands } of keymapGroups()) {
		lines.push(`| **${group}** | |`);
		for (const command of commands) {
			const keys = command.keys
				.map((binding) => `\`${binding.label === "`" ? "``" : binding.label}\``)
				.join(" ");
			lines.push(`| ${keys} | ${command.description.replaceAll("|", "\\|")} |`);
		}
	}
	return lines.join("\n");
}
