import type { Key } from "ink";
import { describe, expect, it } from "vitest";
import { bindingLabel, bindingsOverlap, noKey } from "../../source/ui/key-binding.js";
import {
	type CommandId,
	cleanTyped,
	commandById,
	hintsFor,
	keymap,
	keymapGroups,
	keymapMarkdown,
	type Mode,
	resolveCommand,
	splitKeys,
	typedText,
} from "../../source/ui/keymap.js";

/** Ink's flag for each special key of a binding. */
const pressedFlags: Record<string, keyof Key> = {
	up: "upArrow",
	down: "downArrow",
	left: "leftArrow",
	right: "rightArrow",
	pageUp: "pageUp",
	pageDown: "pageDown",
	home: "home",
	end: "end",
	return: "return",
	escape: "escape",
	tab: "tab",
	backspace: "backspace",
	delete: "delete",
};

const k = (fields: Partial<Key>): Key => ({ ...noKey, ...fields });

/** The command id a key resolves to in a mode (Ink's key shapes, as ink.md describes them). */
function id(mode: Mode, input: string, key: Partial<Key> = {}): CommandId | undefined {
	return resolveCommand(mode, input, k(key))?.id;
}

describe("keymap", () => {
	it("has unique command ids and a description and key for each", () => {
		const ids = keymap.map((command) => command.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const command of keymap) {
			expect(command.description.length).toBeGreaterThan(0);
			expect(command.keys.length).toBeGreaterThan(0);
		}
	});

	it("binds no key twice within a mode: every binding against every other", () => {
		const modes = ["normal", "search", "picker", "overlay", "help"] as const;
		const conflicts: string[] = [];
		for (const mode of modes) {
			const live = keymap.filter((command) => command.modes.includes(mode));
			const bindings = live.flatMap((command) => command.keys.map((binding) => ({ command, binding })));
			for (let i = 0; i < bindings.length; i++) {
				for (let j = i + 1; j < bindings.length; j++) {
					const a = bindings[i];
					const b = bindings[j];
					if (a && b && bindingsOverlap(a.binding, b.binding)) {
						conflicts.push(`${mode}: ${bindingLabel(a.binding)} is ${a.command.id} and ${b.command.id}`);
					}
				}
			}
		}
		expect(conflicts).toEqual([]);
	});

	it("sees a conflict when two bindings share a key", () => {
		expect(bindingsOverlap({ key: "u", ctrl: true }, { key: "u", ctrl: true })).toBe(true);
		expect(bindingsOverlap({ key: "u" }, { key: "u", ctrl: true })).toBe(false);
		expect(bindingsOverlap({ key: "tab" }, { key: "tab", shift: true })).toBe(false);
		expect(bindingsOverlap({ key: "escape" }, { key: "escape" })).toBe(true);
	});

	it("resolves every binding of every command to that command in each of its modes", () => {
		for (const command of keymap) {
			for (const binding of command.keys) {
				const input = binding.key === "digit" ? "5" : binding.key.length === 1 ? binding.key : "";
				const flag = pressedFlags[binding.key];
				const key = {
					...(flag ? { [flag]: true } : {}),
					ctrl: binding.ctrl ?? false,
					shift: binding.shift ?? /^[A-Z]$/.test(input),
				};
				for (const mode of command.modes) {
					// Ctrl-C is quit everywhere, before the mode's own bindings.
					expect(id(mode, input, key), `${command.id} ${bindingLabel(binding)} in ${mode}`).toBe(command.id);
				}
			}
		}
	});

	it.each<[string, Partial<Key>, CommandId]>([
		["", { tab: true }, "focus.next"],
		["", { tab: true, shift: true }, "focus.previous"],
		["3", {}, "focus.number"],
		["", { upArrow: true }, "cursor.up"],
		["k", {}, "cursor.up"],
		["j", {}, "cursor.down"],
		["", { pageUp: true }, "page.up"],
		["", { pageDown: true }, "page.down"],
		["u", { ctrl: true }, "halfPage.up"],
		["d", { ctrl: true }, "halfPage.down"],
		["g", {}, "top"],
		["", { home: true }, "top"],
		["G", { shift: true }, "bottom"],
		["", { end: true }, "bottom"],
		["/", {}, "search.open"],
		["n", {}, "match.next"],
		["N", { shift: true }, "match.previous"],
		["f", {}, "filter.toggle"],
		["", { escape: true }, "search.clear"],
		[" ", {}, "pause.pane"],
		["p", {}, "pause.all"],
		["", { return: true }, "detail.open"],
		["x", {}, "exception.open"],
		["e", {}, "exception.next"],
		["E", { shift: true }, "exception.previous"],
		["y", {}, "copy"],
		["a", {}, "pane.add"],
		["w", {}, "pane.close"],
		["z", {}, "zoom"],
		["l", {}, "layout"],
		["t", {}, "time"],
		["?", {}, "help"],
		["q", {}, "quit"],
		["c", { ctrl: true }, "quit"],
		["z", { ctrl: true }, "suspend"],
	])("normal mode: %j %j is %s", (input, key, expected) => {
		expect(id("normal", input, key)).toBe(expected);
	});

	it("gives the same key a different command per mode", () => {
		expect(id("normal", "", { return: true })).toBe("detail.open");
		expect(id("search", "", { return: true })).toBe("search.submit");
		expect(id("picker", "", { return: true })).toBe("picker.open");
		expect(id("normal", "", { escape: true })).toBe("search.clear");
		expect(id("search", "", { escape: true })).toBe("search.cancel");
		expect(id("overlay", "", { escape: true })).toBe("overlay.close");
		expect(id("overlay", "q")).toBe("overlay.close");
		expect(id("help", "?")).toBe("help");
		expect(id("overlay", "[")).toBe("overlay.previous");
		expect(id("overlay", "]")).toBe("overlay.next");
		expect(id("overlay", "j")).toBe("cursor.down");
		expect(id("picker", " ")).toBe("picker.mark");
	});

	it("leaves letters to the text field while typing", () => {
		for (const c of "qjkgGnxy/ ") {
			if (c === " ") continue;
			expect(id("search", c, { shift: c === "G" })).toBeUndefined();
			expect(id("picker", c, { shift: c === "G" })).toBeUndefined();
		}
		expect(id("search", "", { backspace: true })).toBe("edit.deleteBack");
		expect(id("picker", "u", { ctrl: true })).toBe("edit.clear");
	});

	it("quits on Ctrl-C in every mode", () => {
		for (const mode of ["normal", "search", "picker", "overlay", "help"] as const) {
			expect(id(mode, "c", { ctrl: true })).toBe("quit");
		}
	});

	it("does not take modified keys for plain ones", () => {
		expect(id("normal", "q", { meta: true })).toBeUndefined();
		expect(id("normal", "k", { ctrl: true })).toBeUndefined();
		// A paste delivered as input is one string: never a command.
		expect(id("normal", "qq")).toBeUndefined();
	});

	it("groups every command for the help, in keymap order", () => {
		const groups = keymapGroups();
		expect(groups.flatMap((group) => group.commands)).toHaveLength(keymap.length);
		expect(groups[0]?.group).toBe(keymap[0]?.group);
	});

	it("derives status bar hints from the keymap", () => {
		expect(hintsFor("normal")).toContainEqual({ keys: "/", label: "search" });
		expect(hintsFor("overlay")).toContainEqual({ keys: "Esc", label: "close" });
		expect(commandById("quit").keys.map(bindingLabel)).toEqual(["q", "Ctrl-C"]);
	});
});

describe("keymapMarkdown", () => {
	it("has one table row per command and a row per group", () => {
		const table = keymapMarkdown().split("\n");
		expect(table).toHaveLength(2 + keymap.length + keymapGroups().length);
		expect(table).toContain("| `q` `Ctrl-C` | quit (Ctrl-C quits from anywhere) |");
		expect(table).toContain(
			"| `Space` | pause / resume the focused pane (Esc while paused unfilters the frozen rows too) |",
		);
	});
});

describe("typed text", () => {
	it("accepts printable input and refuses keys", () => {
		expect(typedText("a", noKey)).toBe("a");
		expect(typedText("日本", noKey)).toBe("日本");
		expect(typedText("", k({ upArrow: true }))).toBeNull();
		expect(typedText("u", k({ ctrl: true }))).toBeNull();
		expect(typedText("", k({ return: true }))).toBeNull();
	});

	it("strips controls and bidi overrides, and flattens line breaks", () => {
		expect(cleanTyped("a\x1b[31mb\u202ec\u0085d")).toBe("a[31mbcd");
		expect(cleanTyped("one\ntwo\tthree")).toBe("one two three");
	});
});

describe("splitKeys", () => {
	it("splits a run of typed characters into keys with their own flags", () => {
		const split = splitKeys("j\tG/\r", noKey);
		expect(split.map(([input]) => input)).toEqual(["j", "", "G", "/", ""]);
		expect(split.map(([input, key]) => resolveCommand("normal", input, key)?.id)).toEqual([
			"cursor.down",
			"focus.next",
			"bottom",
			"search.open",
			"detail.open",
		]);
	});

	it("keeps single keys, modified keys and whole emoji as they are", () => {
		expect(splitKeys("j", noKey)).toEqual([["j", noKey]]);
		expect(splitKeys("u", k({ ctrl: true }))).toEqual([["u", k({ ctrl: true })]]);
		expect(splitKeys("😀x", noKey).map(([input]) => input)).toEqual(["😀", "x"]);
	});
});
