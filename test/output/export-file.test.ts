import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { basicIsoUtc, exportFileName, safeFilePart, writeExport } from "../../source/output/export-file.js";
import { createLineFormatter } from "../../source/output/line-format.js";
import { makeEvent, numberedEvents } from "../store/events.js";

const at = new Date(Date.UTC(2026, 11, 4, 15, 43, 42, 789));
const tempDir = () => mkdtempSync(path.join(tmpdir(), "bctail-export-"));

describe("export file names", () => {
	it("names the file after the project and the UTC second, in basic ISO", () => {
		expect(basicIsoUtc(at)).toBe("20261204T154342Z");
		expect(exportFileName("storefront", at)).toBe("bctail-export-storefront-20261204T154342Z.ndjson");
		expect(exportFileName("storefront", at, 3)).toBe("bctail-export-storefront-20261204T154342Z-3.ndjson");
	});

	it("makes any project name safe for a file name", () => {
		expect(safeFilePart("My Shop / prod: EU")).toBe("My-Shop-prod-EU");
		expect(safeFilePart("../../etc/passwd")).toBe("etc-passwd");
		expect(safeFilePart("boutique café 抹茶")).toBe("boutique-café-抹茶");
		expect(safeFilePart("a\u0000b\nc\u202ed")).toBe("a-b-c-d");
		expect(safeFilePart("***")).toBe("pane");
		expect(safeFilePart("🔥".repeat(100))).toBe("pane");
		expect(Array.from(safeFilePart("x".repeat(300)))).toHaveLength(60);
		expect(safeFilePart("0193a4c2-7b1e-7000-8000-000000000001")).toBe("0193a4c2-7b1e-7000-8000-000000000001");
	});
});

describe("writeExport", () => {
	it("writes one event a line, the --format json lines, and never overwrites a file", async () => {
		const dir = tempDir();
		const events = [makeEvent({ logs: ["one"] }), makeEvent({ url: "/cart", status: 500 })];
		const taken = path.join(dir, exportFileName("shop", at));
		writeFileSync(taken, "keep me\n");
		const first = await writeExport(dir, "shop", events, at);
		const second = await writeExport(dir, "shop", events.slice(0, 1), at);
		expect(path.basename(first.file)).toBe("bctail-export-shop-20261204T154342Z-2.ndjson");
		expect(path.basename(second.file)).toBe("bctail-export-shop-20261204T154342Z-3.ndjson");
		expect(readFileSync(taken, "utf8")).toBe("keep me\n");
		const json = createLineFormatter({ format: "json", color: false });
		expect(readFileSync(first.file, "utf8")).toBe(events.map(json).join(""));
		expect(first.count).toBe(2);
	});

	it("writes a large buffer whole, in chunks that give the event loop its turns", async () => {
		const dir = tempDir();
		const events = numberedEvents(20_000, "row with some text to make it longer");
		// A key handler stands for any other work: it must run while the export is being written.
		let turns = 0;
		let writing = true;
		const tick = (): void => {
			turns += 1;
			if (writing) setImmediate(tick);
		};
		setImmediate(tick);
		const result = await writeExport(dir, "big", events, at);
		writing = false;
		// Over 5 MB in chunks of 256 KiB: a turn between each.
		expect(turns).toBeGreaterThan(10);
		const lines = readFileSync(result.file, "utf8").trimEnd().split("\n");
		expect(lines).toHaveLength(20_000);
		expect(JSON.parse(lines[19_999] ?? "")).toMatchObject({ uuid: events[19_999]?.uuid });
	});

	it("rejects when the folder is not one", async () => {
		const file = path.join(tempDir(), "plain-file");
		writeFileSync(file, "");
		await expect(writeExport(file, "shop", [makeEvent()], at)).rejects.toMatchObject({ code: "ENOTDIR" });
	});

	// Root may write anywhere.
	it.skipIf(process.getuid?.() === 0)("rejects with the file system's error and leaves nothing", async () => {
		const dir = tempDir();
		chmodSync(dir, 0o500);
		await expect(writeExport(dir, "shop", [makeEvent()], at)).rejects.toMatchObject({ code: "EACCES" });
		expect(readdirSync(dir)).toEqual([]);
	});
});
