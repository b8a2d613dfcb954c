#!/usr/bin/env node
// Checks an SVG screenshot (default docs/screenshot.svg) as Chromium draws it: every text keeps its
// spaces and every character sits on its terminal cell. Exit 0 when so, 1 when not, 3 without Chromium.
// Usage: node docs/check-screenshot.js [file.svg]
import { fileURLToPath } from "node:url";
import { findChromium, textLayout } from "./chromium.js";

const svg = process.argv[2] ?? fileURLToPath(new URL("./screenshot.svg", import.meta.url));
if (!findChromium()) {
	console.error("check-screenshot: no Chromium found (install chromium, or set CHROMIUM); not checked");
	process.exit(3);
}
const layout = textLayout(svg);
const show = (items) => items.slice(0, 5).map((item) => `  ${JSON.stringify(item)}`);
if (layout.collapsed.length === 0 && layout.misplaced.length === 0) {
	console.log(
		`check-screenshot: ${svg}: ${layout.texts} texts, every space kept, every character on its cell`,
	);
} else {
	console.error(
		[
			`check-screenshot: ${svg}: of ${layout.texts} texts, ${layout.collapsed.length} lost characters (collapsed spaces) and ${layout.misplaced.length} have characters off their cells`,
			...show(layout.collapsed),
			...show(layout.misplaced),
		].join("\n"),
	);
	process.exit(1);
}
