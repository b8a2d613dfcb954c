import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { resolveInkImport } from "../../source/ui/ink-imports.js";

const require = createRequire(import.meta.url);
/** es-toolkit's folder, found the way Node finds it. */
const esToolkit = dirname(require.resolve("es-toolkit/package.json"));
/** Ink's module that imports es-toolkit (Ink exports no package.json: found from its entry point). */
const inkParent = pathToFileURL(join(dirname(fileURLToPath(import.meta.resolve("ink"))), "ink.js")).href;

/** Node's own resolution for the ESM entry points the hook asks about. */
function nextResolve(specifier: string) {
	const file =
		specifier === "es-toolkit/compat/throttle"
			? join(esToolkit, "compat/throttle.mjs")
			: specifier === "es-toolkit/compat"
				? join(esToolkit, "dist/compat/index.mjs")
				: join("/nowhere", specifier);
	return { url: pathToFileURL(file).href, format: "module" };
}

describe("resolveInkImport", () => {
	it("hands Ink the module that defines throttle instead of the whole compat index", async () => {
		const resolved = resolveInkImport("es-toolkit/compat", { parentURL: inkParent }, nextResolve);
		expect(resolved.url).toMatch(/\/dist\/compat\/function\/throttle\.mjs$/);
		expect(resolved.shortCircuit).toBe(true);
		expect(existsSync(fileURLToPath(resolved.url))).toBe(true);
		// The very function Ink would have got from the index.
		const direct = (await import(resolved.url)) as { throttle: unknown };
		const index = (await import("es-toolkit/compat")) as { throttle: unknown };
		expect(direct.throttle).toBe(index.throttle);
	});

	it("leaves every other import alone", () => {
		const other = "file:///work/app/node_modules/other/index.js";
		expect(resolveInkImport("es-toolkit/compat", { parentURL: other }, nextResolve).url).toBe(
			nextResolve("es-toolkit/compat").url,
		);
		expect(resolveInkImport("chalk", { parentURL: inkParent }, nextResolve).url).toBe(
			nextResolve("chalk").url,
		);
	});
});
