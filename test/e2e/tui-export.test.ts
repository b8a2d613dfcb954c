/**
 * `s` in a real terminal: the built binary in tmux, in a temporary folder, against an emulator in this
 * process. Unfiltered it writes every event the pane holds; after `/status:500` and `f`, only the 500s;
 * each to its own file in the folder bctail runs in, the notice naming it.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasTmux } from "../support/tmux.js";
import { tuiAgainstEmulator } from "../support/tui-emulator.js";
import { frameWhole } from "../support/tui-screen.js";

const tui = tuiAgainstEmulator();

function invocation(n: number, status: number): Record<string, unknown> {
	const ts = new Date().toISOString();
	return {
		uuid: `export-${n}`,
		timestamp: ts,
		request: { method: "GET", url: `/export/${n}`, status_code: status },
		logs: [{ timestamp: ts, level: status >= 500 ? "error" : "info", messages: [`row ${n}`, `more ${n}`] }],
		exceptions: [],
	};
}

const lastLine = (screen: string): string => screen.trimEnd().split("\n").at(-1) ?? "";

describe.skipIf(!hasTmux)("export in the TUI (tmux)", () => {
	it("writes the pane's events, then only what the filter shows, into the current folder", async () => {
		const emu = await tui.emulator();
		const p = emu.projects[0]?.uuid ?? "";
		const cwd = mkdtempSync(path.join(tmpdir(), "bctail-export-e2e-"));
		const session = tui.start(emu, { width: 160, cwd });
		await session.waitFor((screen) => frameWhole(screen) && screen.includes("live"), 20_000);
		for (let n = 1; n <= 6; n++) emu.push(p, invocation(n, n % 3 === 0 ? 500 : 200));
		await session.waitFor((screen) => screen.includes("/export/6"), 20_000);

		session.keys("s");
		const exported = await session.waitFor((screen) => /exported 6 events to \.\//.test(lastLine(screen)));
		expect(lastLine(exported)).toMatch(/bctail-export-catalyst-production-\d{8}T\d{6}Z\.ndjson/);

		session.keys("/");
		session.literal("status:500");
		session.keys("Enter", "f");
		await session.waitFor((screen) => frameWhole(screen) && !screen.includes("/export/1 "));
		session.keys("s");
		await session.waitFor((screen) => /exported 2 events to \.\//.test(lastLine(screen)));

		const files = readdirSync(cwd).sort();
		expect(files).toHaveLength(2);
		const uuids = files.map((file) =>
			readFileSync(path.join(cwd, file), "utf8")
				.trimEnd()
				.split("\n")
				.map((line) => (JSON.parse(line) as { uuid: string }).uuid),
		);
		expect(uuids).toContainEqual(["export-1", "export-2", "export-3", "export-4", "export-5", "export-6"]);
		expect(uuids).toContainEqual(["export-3", "export-6"]);
	});
});
