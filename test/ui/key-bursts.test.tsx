/**
 * Keys that arrive in one chunk (fast typing, key repeat, a multiplexer or `tmux send-keys` writing
 * several at once) mean what they mean one by one: through Ink's real input parser into the app.
 */
import { afterEach, describe, expect, it } from "vitest";
import { keys } from "./support/fixtures.js";
import { type KeyHarness, startKeyHarness } from "./support/key-harness.js";

let harnesses: KeyHarness[] = [];
afterEach(() => {
	for (const harness of harnesses) harness.unmount();
	harnesses = [];
});

async function both(): Promise<[KeyHarness, KeyHarness]> {
	const pair: [KeyHarness, KeyHarness] = [await startKeyHarness(), await startKeyHarness()];
	harnesses.push(...pair);
	return pair;
}

/** Sends `sequence` as one chunk to one app and key by key to the other; returns the burst's state. */
async function compare(sequence: readonly string[]): Promise<unknown> {
	const [burst, apart] = await both();
	burst.write(sequence.join(""));
	apart.write(...sequence);
	expect(burst.state()).toEqual(apart.state());
	return burst.state();
}

describe("a burst of keys", () => {
	it("Ctrl-U in a burst clears the search text typed before it (/ q w e C-u r Enter searches r)", async () => {
		const state = (await compare(["/", "q", "w", "e", keys.ctrlU, "r", keys.enter])) as {
			search: { query: string } | null;
			searchInput: unknown;
		};
		expect(state.search?.query).toBe("r");
		expect(state.searchInput).toBeNull();
	});

	it("Ctrl-D, Ctrl-U, Tab, Enter and Backspace inside typed text act as keys", async () => {
		await compare(["j", "k", keys.ctrlU, keys.ctrlD, keys.tab, "k", keys.enter, "j", keys.escape]);
		await compare(["/", "a", "b", keys.backspace, "c", keys.tab, keys.enter, "n"]);
		await compare(["?", keys.pageDown, "j", "q", "x", "]", "[", keys.enter]);
	});

	it("Ctrl-J (a line feed) is Enter whether it comes alone or inside a chunk", async () => {
		const state = (await compare(["/", "s", "t", "e", "p", "\n"])) as { search: { query: string } | null };
		expect(state.search?.query).toBe("step");
	});
});
