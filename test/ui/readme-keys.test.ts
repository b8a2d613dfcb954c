import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { keymapMarkdown } from "../../source/ui/keymap.js";

describe("the readme's key table", () => {
	it("is the keymap, so the readme and the help overlay never disagree", () => {
		const readme = readFileSync(new URL("../../readme.md", import.meta.url), "utf8");
		const table = readme.split("<!-- keys:start -->\n")[1]?.split("\n<!-- keys:end -->")[0];
		expect(table).toBe(keymapMarkdown().trimEnd());
	});
});
