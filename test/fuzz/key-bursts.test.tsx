/**
 * Fuzzing key bursts: random keys (printable, Ctrl-A..Z and Ctrl-\ ] ^ _, Enter, Tab, Backspace,
 * arrows and other escape sequences) grouped into random chunks, written to one app chunk by chunk
 * and to another key by key, through Ink's real input parser. After every chunk both apps are in the
 * same state, and they end on the same frame. A bare Esc is left out: Esc followed by a key in one
 * chunk is Alt and that key (or an escape sequence) on every terminal, so it cannot mean the same.
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { keys } from "../ui/support/fixtures.js";
import { startKeyHarness } from "../ui/support/key-harness.js";
import { fuzzOptions, numRuns, timeoutFor } from "./runs.js";

// No `s`: it exports to a file in the current folder, and the notice names the file, which the second
// app's export of the same second must name `-2` (test/ui/export-commands.test.ts tests `s`).
const printable = Array.from("jkgG/nNfxeEyzlt?[]pa 12wqrcuho-:");
const controls = [
	...Array.from({ length: 26 }, (_, i) => String.fromCharCode(i + 1)),
	"\x1c",
	"\x1d",
	"\x1e",
	"\x1f",
	"\x7f",
];
const sequences = Object.values(keys).filter((key) => key.startsWith("\x1b") && key.length > 1);

const oneKey = fc.oneof(
	{ weight: 6, arbitrary: fc.constantFrom(...printable) },
	{ weight: 3, arbitrary: fc.constantFrom(...controls) },
	{ weight: 2, arbitrary: fc.constantFrom(...sequences) },
);
const chunk = fc.array(oneKey, { minLength: 1, maxLength: 12 });

// Each run starts two apps (~0.2 s each); a run sends up to eight chunks, so a tenth of the usual
// run count still sends thousands of bursts.
const runs = Math.max(20, Math.ceil(numRuns / 10));

describe("key bursts", () => {
	it(
		"a chunk of keys leaves the app as the same keys one by one do",
		async () => {
			await fc.assert(
				fc.asyncProperty(fc.array(chunk, { minLength: 1, maxLength: 8 }), async (chunks) => {
					const burst = await startKeyHarness();
					const apart = await startKeyHarness();
					try {
						for (const sequence of chunks) {
							burst.write(sequence.join(""));
							apart.write(...sequence);
							expect(burst.state()).toEqual(apart.state());
						}
						await vi.waitFor(() => expect(burst.frame()).toBe(apart.frame()));
					} finally {
						burst.unmount();
						apart.unmount();
					}
				}),
				{ ...fuzzOptions(), numRuns: runs },
			);
		},
		timeoutFor(60),
	);
});
