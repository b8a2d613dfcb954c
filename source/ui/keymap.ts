/**
 * The one keymap of the TUI, as data: every command id has one entry (the compiler refuses a command
 * without keys or a help line), with its bindings `{ key, ctrl?, shift? }`, the help line, the help
 * group and the modes it is live in. The root input handler resolves keys through it, the help overlay
 * and the readme's key table list it, the status bar takes its hints from it. What a command does is in
 * `commands.ts`. A key that is not here does nothing.
 */
import type { Key } from "ink";
import type { Mode } from "../store/view-state.js";
import { bindingLabel, bindingMatches, type KeyBinding, pressedKey } from "./key-binding.js";

export type { Mode } from "../store/view-state.js";
export { cleanTyped, splitKeys, typedText } from "./key-binding.js";

export type CommandId =
	| "focus.next"
	| "focus.previous"
	| "focus.number"
	| "pause.pane"
	| "pause.all"
	| "pane.add"
	| "pane.close"
	| "pane.reopen"
	| "cursor.up"
	| "cursor.down"
	| "page.up"
	| "page.down"
	| "halfPage.up"
	| "halfPage.down"
	| "top"
	| "bottom"
	| "time.open"
	| "search.open"
	| "match.next"
	| "match.previous"
	| "filter.toggle"
	| "filter.older"
	| "search.clear"
	| "quick.serverErrors"
	| "quick.errors"
	| "quick.route"
	| "paneFilter.open"
	| "detail.open"
	| "exception.open"
	| "exception.next"
	| "exception.previous"
	| "copy"
	| "export"
	| "zoom"
	| "layout"
	| "time"
	| "density.compact"
	| "density.wrap"
	| "scroll.left"
	| "scroll.right"
	| "help"
	| "overlay.previous"
	| "overlay.next"
	| "overlay.close"
	| "problems.open"
	| "problems.close"
	| "problems.up"
	| "problems.down"
	| "problems.show"
	| "problems.scope"
	| "problems.export"
	| "search.submit"
	| "search.cancel"
	| "edit.deleteBack"
	| "edit.deleteForward"
	| "edit.left"
	| "edit.right"
	| "edit.clear"
	| "search.recallOlder"
	| "search.recallNewer"
	| "picker.up"
	| "picker.down"
	| "picker.mark"
	| "picker.open"
	| "picker.close"
	| "quit"
	| "suspend";

/** What the keymap says about one command. */
export interface CommandSpec {
	/** At least one binding. */
	readonly keys: readonly [KeyBinding, ...KeyBinding[]];
	/** The help line (help overlay, readme). */
	readonly description: string;
	/** The heading the help overlay lists it under. */
	readonly group: string;
	/** The modes in which the command is live. */
	readonly modes: readonly Mode[];
	/** A short label for the status bar's hints, when the command is worth a hint there. */
	readonly hint?: string;
}

export interface Command extends CommandSpec {
	readonly id: CommandId;
}

const all: readonly Mode[] = ["normal", "search", "time", "picker", "overlay", "help", "problems"];
/** The modes with a text field. */
const typing: readonly Mode[] = ["search", "time", "picker"];
const normal: readonly Mode[] = ["normal"];
const scrolling: readonly Mode[] = ["normal", "overlay", "help"];

/** Every command, in the order the help overlay lists them. */
const specs: { readonly [Id in CommandId]: CommandSpec } = {
	"focus.next": {
		keys: [{ key: "tab" }],
		description: "focus the next pane",
		group: "Panes",
		modes: normal,
	},
	"focus.previous": {
		keys: [{ key: "tab", shift: true }],
		description: "focus the previous pane",
		group: "Panes",
		modes: normal,
	},
	"focus.number": {
		keys: [{ key: "digit" }],
		description: "focus pane n",
		group: "Panes",
		modes: normal,
	},
	"pause.pane": {
		keys: [{ key: " " }],
		description: "pause / resume the focused pane (Esc while paused unfilters the frozen rows too)",
		group: "Panes",
		modes: normal,
		hint: "pause",
	},
	"pause.all": {
		keys: [{ key: "p" }],
		description: "pause / resume all panes",
		group: "Panes",
		modes: normal,
	},
	"pane.add": {
		keys: [{ key: "a" }],
		description: "add a pane: project picker",
		group: "Panes",
		modes: normal,
	},
	"pane.close": {
		keys: [{ key: "w" }],
		description: "close the focused pane (its buffer is kept: u brings it back)",
		group: "Panes",
		modes: normal,
	},
	"pane.reopen": {
		keys: [{ key: "u" }],
		description: "bring back the pane closed last, as it was (adding its project again does too)",
		group: "Panes",
		modes: normal,
	},
	"cursor.up": {
		keys: [{ key: "up" }, { key: "k" }],
		description: "cursor up one row (leaves follow mode)",
		group: "Moving",
		modes: scrolling,
	},
	"cursor.down": {
		keys: [{ key: "down" }, { key: "j" }],
		description: "cursor down one row",
		group: "Moving",
		modes: scrolling,
	},
	"page.up": {
		keys: [{ key: "pageUp" }],
		description: "page up",
		group: "Moving",
		modes: scrolling,
	},
	"page.down": {
		keys: [{ key: "pageDown" }],
		description: "page down",
		group: "Moving",
		modes: scrolling,
	},
	"halfPage.up": {
		keys: [{ key: "u", ctrl: true }],
		description: "half a page up",
		group: "Moving",
		modes: scrolling,
	},
	"halfPage.down": {
		keys: [{ key: "d", ctrl: true }],
		description: "half a page down",
		group: "Moving",
		modes: scrolling,
	},
	top: {
		keys: [{ key: "g" }, { key: "home" }],
		description: "to the top, then older history",
		group: "Moving",
		modes: scrolling,
	},
	bottom: {
		keys: [{ key: "G" }, { key: "end" }],
		description: "to the bottom (resumes follow mode)",
		group: "Moving",
		modes: scrolling,
	},
	"time.open": {
		keys: [{ key: "T" }],
		description: "go to a time: 14:05, 14:05:30, -2h, -15m, -3d or ISO (loads history around it)",
		group: "Moving",
		modes: normal,
	},
	"search.open": {
		keys: [{ key: "/" }],
		description: "search (literal; a leading ~ is fuzzy): type, Enter applies, Esc cancels",
		group: "Search",
		modes: normal,
		hint: "search",
	},
	"match.next": {
		keys: [{ key: "n" }],
		description: "next match",
		group: "Search",
		modes: normal,
	},
	"match.previous": {
		keys: [{ key: "N" }],
		description: "previous match",
		group: "Search",
		modes: normal,
	},
	"filter.toggle": {
		keys: [{ key: "f" }],
		description: "toggle filter mode (only matches) for the query",
		group: "Search",
		modes: normal,
		hint: "filter",
	},
	"filter.older": {
		keys: [{ key: "o" }],
		description: "in filter mode: search older history (status, level, path, method filtered by the API)",
		group: "Search",
		modes: normal,
	},
	"search.clear": {
		keys: [{ key: "escape" }],
		description: "clear the search and the quick filters",
		group: "Search",
		modes: normal,
	},
	"quick.serverErrors": {
		keys: [{ key: "S" }],
		description: "quick filter: only 5xx (toggle, a chip in the status bar, ANDed with the query)",
		group: "Search",
		modes: normal,
	},
	"quick.errors": {
		keys: [{ key: "X" }],
		description: "quick filter: only errors and exceptions (toggle)",
		group: "Search",
		modes: normal,
	},
	"quick.route": {
		keys: [{ key: "R" }],
		description: "quick filter: only the route of the row under the cursor (toggle)",
		group: "Search",
		modes: normal,
	},
	"paneFilter.open": {
		keys: [{ key: "F" }],
		description: "filter this pane only (ANDed with /; emptied + Enter clears it)",
		group: "Search",
		modes: normal,
	},
	"detail.open": {
		keys: [{ key: "return" }],
		description: "detail of the entry under the cursor",
		group: "Events",
		modes: normal,
		hint: "detail",
	},
	"exception.open": {
		keys: [{ key: "x" }],
		description: "newest exception of the focused pane (in filter mode: of those shown)",
		group: "Events",
		modes: normal,
		hint: "exception",
	},
	"exception.next": {
		keys: [{ key: "e" }],
		description: "jump to the next exception",
		group: "Events",
		modes: normal,
	},
	"exception.previous": {
		keys: [{ key: "E" }],
		description: "jump to the previous exception",
		group: "Events",
		modes: normal,
	},
	copy: {
		keys: [{ key: "y" }],
		description: "copy the event as JSON to the clipboard",
		group: "Events",
		modes: ["normal", "overlay"],
		hint: "copy",
	},
	export: {
		keys: [{ key: "s" }],
		description: "export the focused pane's events as shown (filtered or all) to NDJSON here",
		group: "Events",
		modes: normal,
	},
	zoom: {
		keys: [{ key: "z" }],
		description: "zoom the focused pane / back",
		group: "View",
		modes: normal,
	},
	layout: {
		keys: [{ key: "l" }],
		description: "layout: auto (rows below 120 columns) / columns / rows / grid",
		group: "View",
		modes: normal,
	},
	time: {
		keys: [{ key: "t" }],
		description: "time: local / UTC / relative",
		group: "View",
		modes: normal,
	},
	"density.compact": {
		keys: [{ key: "v" }],
		description: "one row per request, with counts of its logs and exceptions / one per entry (focused pane)",
		group: "View",
		modes: normal,
	},
	"density.wrap": {
		keys: [{ key: "W" }],
		description: "wrap long rows onto more lines / cut them with … (focused pane)",
		group: "View",
		modes: normal,
	},
	"scroll.left": {
		keys: [{ key: "left" }],
		description: "scroll the rows sideways, 10 columns left (not while wrapping)",
		group: "View",
		modes: normal,
	},
	"scroll.right": {
		keys: [{ key: "right" }],
		description: "scroll the rows right (the header shows how far: →10, →20 …)",
		group: "View",
		modes: normal,
	},
	help: {
		keys: [{ key: "?" }],
		description: "this help",
		group: "View",
		modes: ["normal", "help"],
		hint: "help",
	},
	"overlay.previous": {
		keys: [{ key: "[" }],
		description: "previous exception of the pane (in filter mode: of those shown; from P: of the group)",
		group: "Exception and detail overlay",
		modes: ["overlay"],
		hint: "prev",
	},
	"overlay.next": {
		keys: [{ key: "]" }],
		description: "next exception of the pane (in filter mode: of those shown; from P: of the group)",
		group: "Exception and detail overlay",
		modes: ["overlay"],
		hint: "next",
	},
	"overlay.close": {
		keys: [{ key: "escape" }, { key: "q" }],
		description: "close the overlay (movement keys scroll it; y copies)",
		group: "Exception and detail overlay",
		modes: ["overlay", "help"],
		hint: "close",
	},
	"problems.open": {
		keys: [{ key: "P" }],
		description: "problems view: exceptions grouped by fingerprint, top 5xx routes (P again closes)",
		group: "Problems view",
		modes: ["normal", "problems"],
	},
	"problems.close": {
		keys: [{ key: "escape" }, { key: "q" }],
		description: "close the problems view",
		group: "Problems view",
		modes: ["problems"],
		hint: "close",
	},
	"problems.up": {
		keys: [{ key: "up" }, { key: "k" }],
		description: "select the previous group",
		group: "Problems view",
		modes: ["problems"],
		hint: "select",
	},
	"problems.down": {
		keys: [{ key: "down" }, { key: "j" }],
		description: "select the next group",
		group: "Problems view",
		modes: ["problems"],
	},
	"problems.show": {
		keys: [{ key: "return" }],
		description: "open the group's newest exception ([ ] step through the group, Esc comes back)",
		group: "Problems view",
		modes: ["problems"],
		hint: "open newest",
	},
	"problems.scope": {
		keys: [{ key: "tab" }],
		description: "the focused pane's problems / every pane's (taken again from the buffers)",
		group: "Problems view",
		modes: ["problems"],
		hint: "pane/all",
	},
	"problems.export": {
		keys: [{ key: "s" }],
		description: "export the selected group's events to NDJSON (as s does for a pane)",
		group: "Problems view",
		modes: ["problems"],
		hint: "export group",
	},
	"search.submit": {
		keys: [{ key: "return" }],
		description: "apply the search (or go to the time typed)",
		group: "Search input",
		modes: ["search", "time"],
		hint: "apply",
	},
	"search.cancel": {
		keys: [{ key: "escape" }],
		description: "cancel (restore the previous search; or do not go to a time)",
		group: "Search input",
		modes: ["search", "time"],
		hint: "cancel",
	},
	"edit.deleteBack": {
		keys: [{ key: "backspace" }],
		description: "delete the character before the cursor",
		group: "Search input",
		modes: typing,
	},
	"edit.deleteForward": {
		keys: [{ key: "delete" }],
		description: "delete the character under the cursor",
		group: "Search input",
		modes: typing,
	},
	"edit.left": {
		keys: [{ key: "left" }],
		description: "move the text cursor left",
		group: "Search input",
		modes: typing,
	},
	"edit.right": {
		keys: [{ key: "right" }],
		description: "move the text cursor right",
		group: "Search input",
		modes: typing,
	},
	"edit.clear": {
		keys: [{ key: "u", ctrl: true }],
		description: "clear the text",
		group: "Search input",
		modes: typing,
	},
	"search.recallOlder": {
		keys: [{ key: "up" }],
		description: "older recent search (this run and earlier ones)",
		group: "Search input",
		modes: ["search"],
	},
	"search.recallNewer": {
		keys: [{ key: "down" }],
		description: "newer recent search, then back to what you typed",
		group: "Search input",
		modes: ["search"],
	},
	"picker.up": {
		keys: [{ key: "up" }],
		description: "previous project",
		group: "Project picker",
		modes: ["picker"],
	},
	"picker.down": {
		keys: [{ key: "down" }],
		description: "next project",
		group: "Project picker",
		modes: ["picker"],
	},
	"picker.mark": {
		keys: [{ key: " " }],
		description: "mark / unmark a project",
		group: "Project picker",
		modes: ["picker"],
		hint: "mark",
	},
	"picker.open": {
		keys: [{ key: "return" }],
		description: "open the marked projects (or the one under the cursor)",
		group: "Project picker",
		modes: ["picker"],
		hint: "open",
	},
	"picker.close": {
		keys: [{ key: "escape" }],
		description: "close the picker",
		group: "Project picker",
		modes: ["picker"],
		hint: "close",
	},
	quit: {
		keys: [{ key: "q" }, { key: "c", ctrl: true }],
		description: "quit (Ctrl-C quits from anywhere)",
		group: "App",
		modes: normal,
		hint: "quit",
	},
	suspend: {
		keys: [{ key: "z", ctrl: true }],
		description: "suspend to the shell (fg resumes)",
		group: "App",
		modes: all,
	},
};

/** Every command, in help order. */
export const keymap: readonly Command[] = (Object.keys(specs) as CommandId[]).map((id) => ({
	id,
	...specs[id],
}));

/** Ctrl-C quits in every mode, whatever else the mode binds. */
const forceQuit: KeyBinding = { key: "c", ctrl: true };

/**
 * The command `(input, key)` triggers in `mode`, or undefined (then the search input and the picker
 * treat printable input as typed text).
 */
export function resolveCommand(mode: Mode, input: string, key: Key): Command | undefined {
	const pressed = pressedKey(input, key);
	if (bindingMatches(forceQuit, pressed)) return commandById("quit");
	for (const command of keymap) {
		if (!command.modes.includes(mode)) continue;
		if (command.keys.some((binding) => bindingMatches(binding, pressed))) return command;
	}
	return undefined;
}

/** The command with this id. */
export function commandById(id: CommandId): Command {
	return { id, ...specs[id] };
}

/** The key labels of a command joined for display: `↑ k`. */
export function keyLabels(command: CommandSpec): string {
	return command.keys.map(bindingLabel).join(" ");
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
		.map((command) => ({ keys: bindingLabel(command.keys[0]), label: command.hint ?? "" }));
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
				.map(bindingLabel)
				.map((label) => `\`${label === "`" ? "``" : label}\``)
				.join(" ");
			lines.push(`| ${keys} | ${command.description.replaceAll("|", "\\|")} |`);
		}
	}
	return lines.join("\n");
}
