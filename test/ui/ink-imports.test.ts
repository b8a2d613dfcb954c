import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
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

describe("Ink's per-frame pure functions, remembered", () => {
	const built = new URL("../../dist/ui/ink-imports.js", import.meta.url);
	const inkBuild = dirname(fileURLToPath(import.meta.resolve("ink")));
	const parent = (file: string) => pathToFileURL(join(inkBuild, file)).href;

	it("the built hook hands render-node-to-output, measure-text and squash-text-nodes the remembering copies", async () => {
		const { resolveInkImport: hook } = (await import(
			built.href
		)) as typeof import("../../source/ui/ink-imports.js");
		for (const file of ["render-node-to-output.js", "measure-text.js"]) {
			const resolved = hook("widest-line", { parentURL: parent(file) }, nextResolve);
			expect(resolved.url).toMatch(/\/dist\/ui\/ink-output\/memo-widest-line\.js$/);
			expect(existsSync(fileURLToPath(resolved.url))).toBe(true);
		}
		const sanitize = hook("./sanitize-ansi.js", { parentURL: parent("squash-text-nodes.js") }, nextResolve);
		expect(sanitize.url).toMatch(/\/dist\/ui\/ink-output\/memo-sanitize-ansi\.js$/);
		// Ink's other modules, and other packages, get what they asked for.
		expect(hook("./sanitize-ansi.js", { parentURL: parent("output.js") }, nextResolve).url).toBe(
			nextResolve("./sanitize-ansi.js").url,
		);
		expect(
			hook("widest-line", { parentURL: "file:///app/node_modules/cli-boxes/index.js" }, nextResolve).url,
		).toBe(nextResolve("widest-line").url);
	});

	it("give the results of the functions they stand for, first time and remembered", async () => {
		const { default: widestLine } = (await import("widest-line")) as { default: (text: string) => number };
		const { default: memoWidest } = await import("../../source/ui/ink-output/memo-widest-line.js");
		const { default: inkSanitize } = (await import(
			pathToFileURL(join(inkBuild, "sanitize-ansi.js")).href
		)) as {
			default: (text: string) => string;
		};
		const { default: memoSanitize } = await import("../../source/ui/ink-output/memo-sanitize-ansi.js");
		const texts = [
			"",
			"plain row of text that is long enough",
			"日本語\nab\n🔥🔥🔥 and more",
			"\u001B[31mred\u001B[39m \u001B[2J cleared \u0007 bell \u009B1m c1 and a long tail",
			"\u001B]8;;https://x.test\u0007link\u001B]8;;\u0007 with a long enough tail",
			"e\u0301 combining \u001B[1m\u0301bold\u001B[22m and a long enough tail",
			"keycap 1\uFE0F\u20E3 and \u001B[31m#\uFE0F\u20E3\u001B[39m, a thumb 👍\u{1F3FD}, a sign \u06001 in a long line",
		];
		// Rows with SGR codes around ASCII (the counted path), and what is not (string-width's).
		const rows = fc.sample(
			fc
				.array(
					fc.constantFrom(
						"GET /cart ",
						"\u001B[31m",
						"\u001B[39m",
						"\u001B[2m",
						"\u001B[38;5;42m",
						"日本",
						"\u001B[2J",
						"\u001B",
						"~",
						"\t",
						"\u0007",
						"é",
					),
					{
						maxLength: 10,
					},
				)
				.map((pieces) => pieces.join("")),
			{ numRuns: 6000, seed: 5 },
		);
		for (const text of [...texts, ...texts, ...rows]) {
			expect(memoWidest(text)).toBe(widestLine(text));
			expect(memoSanitize(text)).toBe(inkSanitize(text));
		}
	});

	it("sanitize many lines, line by line, as Ink sanitizes the whole", async () => {
		const { default: inkSanitize } = (await import(
			pathToFileURL(join(inkBuild, "sanitize-ansi.js")).href
		)) as {
			default: (text: string) => string;
		};
		const { default: memoSanitize } = await import("../../source/ui/ink-output/memo-sanitize-ansi.js");
		// Rows as bctail builds them (whole SGR codes) and what else a text may hold (other escapes, C1,
		// controls, marks, tabs): either way the result is Ink's.
		const piece = fc.constantFrom(
			"a",
			"日本",
			"\u0301",
			"\u001B[31m",
			"\u001B[39m",
			"\u001B[1m",
			"\u001B[22m",
			"\u001B[38;2;1;2;3m",
			"\u0007",
			"\t",
			" ",
			"\u200B",
			"\r",
			"\u001B[2J",
			"\u001B[",
			"\u009B1m",
			"long enough text ",
		);
		const line = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(""));
		fc.assert(
			fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), (lines) => {
				const text = lines.join("\n");
				expect(memoSanitize(text)).toBe(inkSanitize(text));
				expect(memoSanitize(text)).toBe(inkSanitize(text));
			}),
			{ numRuns: 3000 },
		);
	});
});
