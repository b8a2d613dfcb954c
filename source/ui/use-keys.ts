/**
 * The one input handler: splits each chunk into keys, resolves them through the keymap by the mode of
 * the moment, runs the command from the table, and inserts typed text in runs. Keys of one chunk mean
 * what they would one by one: the log model publishes after each command, and the frame is drawn at
 * once after the chunk.
 */
import { type Key, useInput, usePaste } from "ink";
import type { Mode } from "../store/view-state.js";
import { type CommandContext, commands, editField } from "./commands.js";
import { cleanTyped, resolveCommand, splitKeys, typedText } from "./keymap.js";

/** Runs the keys of one input chunk against `ctx`. */
export function runKeys(ctx: CommandContext, input: string, key: Key): void {
	// Typed text is inserted in runs (one search per run, not per character); any command ends a run.
	// The mode is looked up per key: `/` changes it for the keys after it.
	let typed = "";
	let typedMode: Mode = "normal";
	const flushTyped = (): void => {
		if (typed !== "") editField(ctx, typedMode, { type: "insert", text: typed });
		typed = "";
	};
	for (const [one, oneKey] of splitKeys(input, key)) {
		const mode = ctx.view.mode;
		const command = resolveCommand(mode, one, oneKey);
		if (command) {
			flushTyped();
			commands[command.id](ctx, one, mode);
			// Commands read the published snapshot (the focused pane, the search): publish what this one
			// changed so the next key of the chunk sees it, as it would if it arrived on its own.
			ctx.log.flush();
			continue;
		}
		const text = typedText(one, oneKey);
		if (text === null) continue;
		if (typed !== "" && typedMode !== mode) flushTyped();
		typed += text;
		typedMode = mode;
	}
	flushTyped();
}

/** Wires Ink's input and bracketed paste to the command table. */
export function useKeys(ctx: () => CommandContext): void {
	useInput((input: string, key: Key) => {
		const current = ctx();
		runKeys(current, input, key);
		// Actions take effect on the store's next publish: publish now, which draws the frame at once.
		current.log.flush();
	});
	// Bracketed paste goes to the field being typed in; in other modes it is ignored rather than
	// replayed as a burst of commands.
	usePaste((text: string) => {
		const current = ctx();
		const clean = cleanTyped(text);
		if (clean !== "") editField(current, current.view.mode, { type: "insert", text: clean });
		current.log.flush();
	});
}
