/**
 * Memory pressure in a real terminal: the built TUI in tmux, on a small V8 heap, fed fat events by an
 * emulator in this process. V8 aborts a process that runs out of heap with no handler run, which would
 * leave the terminal raw on the alternate screen; bctail must shed scrollback first, say so, and end
 * normally with the terminal restored.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { binPath } from "../support/run-cli.js";
import { hasTmux, startTmux, type TmuxSession } from "../support/tmux.js";

const sessions: TmuxSession[] = [];
const emulators: Emulator[] = [];

afterEach(async () => {
	for (const session of sessions.splice(0)) session.kill();
	await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

/** Heap limit of the TUI under test (MB): small, so that a few hundred fat events would exhaust it. */
const heapMb = 128;
/** Message size of one fat event. */
const messageChars = 256 * 1024;
/** Events pushed in all: several times what fits in `heapMb`. */
const total = 600;
const batch = 5;

// Without the heap watch this aborts at about 200 events with the terminal left `-isig -icanon -echo`.
// The feed is paced in batches of 5 (~1.3 MB): the watch samples every 250 ms, and a burst much larger
// than the 15% headroom of a 128 MB heap between two samples can still outrun it (batches of 20 do).
describe.runIf(hasTmux)("memory pressure", () => {
	it("fat events on a small heap: scrollback is shed with a notice, no abort, the terminal restored", async () => {
		const emulator = await createEmulator({ rate: 0, keepAliveMs: 1000, streamEndMs: 0 });
		emulators.push(emulator);
		const project = emulator.projects[0]?.uuid ?? "";
		const script = join(mkdtempSync(join(tmpdir(), "bctail-heap-")), "run.sh");
		writeFileSync(
			script,
			[
				`"${process.execPath}" --max-old-space-size=${heapMb} "${binPath}" --store-hash ${emulator.storeHash} --api-host ${emulator.origin} ${project}`,
				'echo "EXIT-CODE $?"',
				"echo \"MODES $(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(isig|icanon|echo)$' | tr '\\n' ' ')\"",
				"sleep 600",
			].join("\n"),
		);
		const session = startTmux(`sh ${script}`, {
			width: 120,
			height: 30,
			env: { CATALYST_ACCESS_TOKEN: emulator.token },
		});
		sessions.push(session);
		await session.waitFor((screen) => screen.includes("● live"));

		const filler = "x".repeat(messageChars);
		let noticed = false;
		for (let sent = 0; sent < total; ) {
			for (let i = 0; i < batch; i++, sent++) {
				emulator.push(project, {
					uuid: `fat-${sent}`,
					logs: [{ level: "info", messages: [`fat ${sent} ${filler}`] }],
				});
			}
			// Paced by what the TUI has taken in (its pane header counts events), not by a timer.
			const screen = await session.waitFor(
				(text) => text.includes(`${sent} ev`) || text.includes("EXIT-CODE"),
				60_000,
			);
			expect(screen, "the TUI died").not.toContain("EXIT-CODE");
			if (screen.includes("memory: evicted")) noticed = true;
		}
		const last = session.capture();
		expect(noticed || last.includes("memory: evicted"), "no memory notice was shown").toBe(true);
		session.keys("q");
		const after = await session.waitForText("MODES", 20_000);
		expect(after).toContain("EXIT-CODE 0");
		const modes = (after.match(/^MODES (.*)$/m)?.[1] ?? "").trim().split(" ");
		expect(modes.sort()).toEqual(["echo", "icanon", "isig"]);
		expect(session.format("alternate_on")).toBe("0");
	});
});
