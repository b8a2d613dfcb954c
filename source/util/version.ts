import { readFileSync } from "node:fs";

/** bctail's version, read once from its package.json (one folder above `dist/` and `source/`). */
export const version: string = (() => {
	try {
		const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
		const parsed = JSON.parse(text) as { version?: unknown };
		return typeof parsed.version === "string" ? parsed.version : "0.0.0";
	} catch {
		return "0.0.0";
	}
})();

export const userAgent = `bctail/${version}`;
