/**
 * Trims what loading Ink costs. Ink 8 takes one function (`throttle`) from `es-toolkit/compat`, whose
 * index pulls in all of its ~410 modules: resolving, reading and linking them was about a third of
 * the TUI's start-up (~100-130 ms of ~340 ms). A module resolve hook hands Ink the module that defines
 * `throttle` instead — the same function, without the other 409 modules.
 *
 * The same hook hands two of Ink's modules a remembering copy of a pure function they call for every
 * text node of every frame (ink-output/memo-widest-line.ts, ink-output/memo-sanitize-ansi.ts): the
 * same results, without re-measuring and re-sanitizing rows that did not change.
 *
 * It has to run before anything imports Ink (the whole module graph is resolved before any of it
 * runs), so run-tui.tsx calls it and only then imports the app.
 */
import { existsSync } from "node:fs";
import * as nodeModule from "node:module";
import { fileURLToPath } from "node:url";

let installed = false;

/** Where es-toolkit keeps `throttle` itself, next to the `compat/throttle` entry point it exports. */
const throttleEntry = /\/compat\/throttle\.mjs$/;
const throttleModule = "/dist/compat/function/throttle.mjs";

/**
 * Installs the resolve hook once. On a Node without in-thread module hooks (`module.registerHooks`,
 * Node 22.15+), or if es-toolkit's layout ever differs, Ink loads as published.
 */
export function trimInkImports(): void {
	if (installed) return;
	installed = true;
	// Not in @types/node 22 for every 22.x: looked up, not assumed.
	const register = (nodeModule as { registerHooks?: (hooks: { resolve: Resolve }) => unknown }).registerHooks;
	if (typeof register !== "function") return;
	try {
		register({ resolve: resolveInkImport });
	} catch {
		// Hooks refused (e.g. a loader policy): a slower start, nothing else.
	}
}

interface Resolved {
	readonly url: string;
	readonly format?: string | null | undefined;
	readonly shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context: ResolveContext) => Resolved;
interface ResolveContext {
	readonly parentURL?: string | undefined;
	readonly conditions?: readonly string[];
}
type Resolve = (specifier: string, context: ResolveContext, nextResolve: NextResolve) => Resolved;

/** One import of Ink's handed another module: `specifier` as written in the Ink file `from`. */
interface Redirect {
	readonly specifier: string;
	/** The importing file, relative to Ink's folder. */
	readonly from: RegExp;
	/** The module Ink gets instead, next to this file. */
	readonly to: URL;
}

const redirects: readonly Redirect[] = [
	{
		specifier: "widest-line",
		from: /\/node_modules\/ink\/build\/(render-node-to-output|measure-text)\.js$/,
		to: new URL("./ink-output/memo-widest-line.js", import.meta.url),
	},
	{
		specifier: "./sanitize-ansi.js",
		from: /\/node_modules\/ink\/build\/squash-text-nodes\.js$/,
		to: new URL("./ink-output/memo-sanitize-ansi.js", import.meta.url),
	},
];

/** A redirect's target, when it applies and exists (the built files; not under a TS test runner). */
function redirected(specifier: string, parentURL: string | undefined): string | undefined {
	if (parentURL === undefined) return undefined;
	for (const redirect of redirects) {
		if (specifier !== redirect.specifier || !redirect.from.test(parentURL)) continue;
		if (redirect.to.protocol === "file:" && existsSync(fileURLToPath(redirect.to))) return redirect.to.href;
	}
	return undefined;
}

/**
 * The hook: Ink's own import of `es-toolkit/compat` goes to `throttle` alone, and the imports in
 * `redirects` go to their remembering copies; everything else resolves as usual.
 */
export function resolveInkImport(
	specifier: string,
	context: ResolveContext,
	nextResolve: NextResolve,
): Resolved {
	const memo = redirected(specifier, context.parentURL);
	if (memo !== undefined) return { url: memo, format: "module", shortCircuit: true };
	if (specifier === "es-toolkit/compat" && context.parentURL?.includes("/node_modules/ink/")) {
		try {
			const entry = nextResolve("es-toolkit/compat/throttle", context);
			const url = entry.url.replace(throttleEntry, throttleModule);
			if (url !== entry.url && existsSync(fileURLToPath(url))) return { ...entry, url, shortCircuit: true };
		} catch {
			// An es-toolkit without that entry point: resolve as usual.
		}
	}
	return nextResolve(specifier, context);
}
