/**
 * Puts the fast `Output.get()` (fast-output.ts) on the copy of Ink this process loads, before the
 * first frame. Ink's package exports only its entry point, so `output.js` is found beside it; Node
 * loads one module per file, so the class patched here is the one Ink's renderer uses.
 *
 * `BCTAIL_INK_OUTPUT=grid` keeps Ink's own output path (for comparisons: the bench measures both).
 */
import { fileURLToPath } from "node:url";
import { inkOutputMatches, installFastOutput } from "./fast-output.js";

/** Where Ink's `output.js` is for the Ink that `import "ink"` loads from here. */
export function inkOutputUrl(): URL {
	return new URL("./output.js", import.meta.resolve("ink"));
}

/** Installs the fast path when Ink's file is the expected one; says whether it did. */
export async function installInkFastOutput(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
	if (env.BCTAIL_INK_OUTPUT === "grid") return false;
	try {
		const url = inkOutputUrl();
		// A different Ink: drawn as published (slower, never wrong).
		if (!inkOutputMatches(fileURLToPath(url))) return false;
		const module = (await import(url.href)) as { default: Parameters<typeof installFastOutput>[0] };
		return installFastOutput(module.default);
	} catch {
		return false;
	}
}
