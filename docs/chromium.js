// Headless Chromium for the screenshot scripts: finds the browser, renders an SVG to PNG, and reads the
// layout Chromium gave each `<text>` of an SVG (through a script added to a copy of it and --dump-dom).
import { execFileSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";

/** The Chromium binary: $CHROMIUM, else the first of the usual names on PATH; undefined when none. */
export function findChromium() {
	if (process.env.CHROMIUM) return process.env.CHROMIUM;
	const names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
	for (const dir of (process.env.PATH ?? "").split(delimiter)) {
		for (const name of names) {
			try {
				accessSync(join(dir, name), constants.X_OK);
				return join(dir, name);
			} catch {
				// Not here.
			}
		}
	}
	return undefined;
}

/** Runs Chromium headless with a fresh profile and no background traffic (the network may be closed). */
function runChromium(args) {
	const chromium = findChromium();
	if (!chromium) throw new Error("no Chromium found (install chromium, or set CHROMIUM)");
	const profile = mkdtempSync(join(tmpdir(), "bctail-chromium-"));
	try {
		return execFileSync(
			chromium,
			[
				"--headless",
				"--no-sandbox",
				"--disable-gpu",
				"--disable-quic",
				"--no-first-run",
				"--disable-background-networking",
				"--disable-component-update",
				"--disable-sync",
				"--hide-scrollbars",
				"--force-device-scale-factor=1",
				`--user-data-dir=${profile}`,
				...args,
			],
			{ encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 },
		);
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
}

/** Renders the SVG file `svg` to the PNG file `png` at its own size (`width` x `height` px). */
export function renderPng(svg, png, width, height) {
	runChromium([`--screenshot=${png}`, `--window-size=${width},${height}`, pathToFileURL(svg).href]);
}

/** The width and height an SVG file declares. */
export function svgSize(svg) {
	const head = readFileSync(svg, "utf8").slice(0, 1000);
	const width = Number(head.match(/<svg[^>]*\swidth="([\d.]+)"/)?.[1]);
	const height = Number(head.match(/<svg[^>]*\sheight="([\d.]+)"/)?.[1]);
	if (!(width > 0 && height > 0)) throw new Error(`${svg}: no width and height on its <svg>`);
	return { width: Math.ceil(width), height: Math.ceil(height) };
}

// Runs inside Chromium: for every <text> stretched to its cells, whether Chromium kept all its
// characters (collapsed spaces are not "addressable") and whether each sits on its own cell.
const layoutScript = `
const report = { texts: 0, collapsed: [], misplaced: [] };
for (const text of document.querySelectorAll("text[textLength]")) {
	report.texts++;
	const content = text.textContent;
	const kept = text.getNumberOfChars();
	if (kept !== content.length) {
		report.collapsed.push({ text: content, kept, length: content.length });
		continue;
	}
	// Runs of one-cell characters only: each starts one cell after the last.
	if (content.length < 2 || /[^\\u0000-\\u10ff]/.test(content)) continue;
	const x = text.x.baseVal[0].value;
	const cell = text.textLength.baseVal.value / content.length;
	for (let i = 0; i < content.length; i++) {
		const at = text.getStartPositionOfChar(i).x;
		if (Math.abs(at - (x + i * cell)) > 1) {
			report.misplaced.push({ text: content, index: i, at, expected: x + i * cell });
			break;
		}
	}
}
const out = document.createElementNS("http://www.w3.org/2000/svg", "desc");
out.textContent = "LAYOUT:" + btoa(unescape(encodeURIComponent(JSON.stringify(report)))) + ":LAYOUT";
document.documentElement.appendChild(out);
`;

/**
 * How Chromium laid out the texts of the SVG file `svg`: how many were checked, those that lost
 * characters (collapsed spaces), and those whose characters are off their cells.
 */
export function textLayout(svg) {
	const dir = mkdtempSync(join(tmpdir(), "bctail-layout-"));
	try {
		const probe = join(dir, "probe.svg");
		const source = readFileSync(svg, "utf8");
		const end = source.lastIndexOf("</svg>");
		writeFileSync(probe, `${source.slice(0, end)}<script><![CDATA[${layoutScript}]]></script></svg>\n`);
		const dom = runChromium(["--dump-dom", "--virtual-time-budget=5000", pathToFileURL(probe).href]);
		const encoded = dom.match(/LAYOUT:([A-Za-z0-9+/=]+):LAYOUT/)?.[1];
		if (!encoded) throw new Error("Chromium returned no layout (did the SVG load?)");
		return JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
