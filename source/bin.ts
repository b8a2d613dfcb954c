#!/usr/bin/env node
// The entry point stays tiny and free of imports so that an older Node gets a plain sentence instead
// of a syntax or engine error from a dependency.
const major = Number(process.versions.node.split(".")[0]);
if (!Number.isFinite(major) || major < 22) {
	process.stderr.write(
		`bctail needs Node.js 22 or newer; this is Node.js ${process.versions.node}.\n` +
			"Install Node.js 22, or run it from this repository with `npm run demo` / `npx bctail`, which use the pinned node@22.\n",
	);
	process.exit(1);
}
// Node 22's on-disk compile cache roughly halves module loading on later starts (Ink, React, Yoga).
const { enableCompileCache } = await import("node:module");
try {
	enableCompileCache?.();
} catch {
	// A read-only or missing cache folder only costs speed.
}
await import("./cli.js");
