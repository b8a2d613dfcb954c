import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openSearchHistory, searchesFileName } from "../../source/config/search-history-file.js";
import { stateDir } from "../../source/config/state-dir.js";

const tempDir = () => mkdtempSync(path.join(tmpdir(), "bctail-state-"));

describe("search history file", () => {
	it("keeps searches across runs, without the token", () => {
		const dir = tempDir();
		const first = openSearchHistory(dir, "tok123");
		first.add("status:500");
		first.add("tok123");
		first.add("path:/cart");
		expect(openSearchHistory(dir, "tok123").list()).toEqual(["path:/cart", "status:500"]);
		expect(readFileSync(path.join(dir, searchesFileName), "utf8")).not.toContain("tok123");
	});

	it("treats a missing or damaged file as empty, and an unwritable folder as no storage", () => {
		const dir = tempDir();
		writeFileSync(path.join(dir, searchesFileName), "\u0000garbage\n{");
		expect(openSearchHistory(dir, "").list()).toEqual([]);
		const blocked = path.join(dir, "file");
		writeFileSync(blocked, "");
		const history = openSearchHistory(path.join(blocked, "sub"), "");
		history.add("a");
		expect(history.list()).toEqual(["a"]);
	});
});

describe("state folder", () => {
	it("follows each platform's convention, and BCTAIL_STATE_DIR overrides it", () => {
		expect(stateDir({ env: {}, platform: "linux", home: "/h" })).toBe("/h/.local/state/bctail");
		expect(stateDir({ env: { XDG_STATE_HOME: "/s" }, platform: "linux", home: "/h" })).toBe("/s/bctail");
		expect(stateDir({ env: { XDG_STATE_HOME: "rel" }, platform: "linux", home: "/h" })).toBe(
			"/h/.local/state/bctail",
		);
		expect(stateDir({ env: {}, platform: "darwin", home: "/h" })).toBe(
			"/h/Library/Application Support/bctail",
		);
		expect(stateDir({ env: { LOCALAPPDATA: "C:\\L" }, platform: "win32", home: "C:\\h" })).toBe(
			"C:\\L\\bctail",
		);
		expect(stateDir({ env: { BCTAIL_STATE_DIR: "/t" }, platform: "linux", home: "/h" })).toBe("/t");
	});
});
