#!/usr/bin/env node
// Compares two screenshots pixel by pixel: PNG files, or SVG files first drawn by headless Chromium at
// their own size. Prints "identical" or how many pixels differ and where (bounding box, and the
// terminal rows of 17 px they fall in). Exit 0 when identical, 1 when not.
// Usage: node docs/compare-screenshots.js a.svg|a.png b.svg|b.png
//
// Before/after a render-path change, on the same recorded events and a stopped clock:
//   node docs/make-screenshot.js --replay docs/screenshot-events.ndjson --clock 2026-12-04T15:00:00Z \
//     --bin /tmp/before/dist/bin.js --out /tmp/before.svg
//   node docs/make-screenshot.js --replay docs/screenshot-events.ndjson --clock 2026-12-04T15:00:00Z \
//     --out /tmp/after.svg
//   node docs/compare-screenshots.js /tmp/before.svg /tmp/after.svg
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { renderPng, svgSize } from "./chromium.js";
import { decodePng } from "./png.js";

const lineHeight = 17;

/** The decoded image of `file`, drawing it with Chromium first when it is an SVG. */
function image(file, scratch) {
	if (!file.endsWith(".svg")) return decodePng(readFileSync(file));
	const { width, height } = svgSize(file);
	const png = join(scratch, `${basename(file)}.png`);
	renderPng(file, png, width, height);
	return decodePng(readFileSync(png));
}

/** The differing pixels of two images of one size: count, bounding box, rows of cells touched. */
export function comparePixels(a, b) {
	if (a.width !== b.width || a.height !== b.height) {
		return { sizes: `${a.width}x${a.height} against ${b.width}x${b.height}` };
	}
	let count = 0;
	let box;
	const rows = new Set();
	for (let y = 0; y < a.height; y++) {
		for (let x = 0; x < a.width; x++) {
			const i = (y * a.width + x) * 4;
			if (a.rgba.readUInt32BE(i) === b.rgba.readUInt32BE(i)) continue;
			count++;
			rows.add(Math.floor(y / lineHeight));
			box = box
				? {
						left: Math.min(box.left, x),
						top: Math.min(box.top, y),
						right: Math.max(box.right, x),
						bottom: Math.max(box.bottom, y),
					}
				: { left: x, top: y, right: x, bottom: y };
		}
	}
	return { count, total: a.width * a.height, box, rows: [...rows] };
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
	const [first, second] = process.argv.slice(2);
	if (!first || !second) {
		console.error("usage: node docs/compare-screenshots.js a.svg|a.png b.svg|b.png");
		process.exit(2);
	}
	const scratch = mkdtempSync(join(tmpdir(), "bctail-compare-"));
	const result = comparePixels(image(first, scratch), image(second, scratch));
	if (result.sizes) {
		console.log(`different sizes: ${result.sizes}`);
		process.exit(1);
	}
	if (result.count === 0) {
		console.log(`identical: all ${result.total} pixels (PNGs in ${scratch})`);
	} else {
		const { left, top, right, bottom } = result.box;
		console.log(
			`${result.count} of ${result.total} pixels differ, within x ${left}-${right}, y ${top}-${bottom}; terminal rows ${result.rows.join(", ")} (PNGs in ${scratch})`,
		);
		process.exit(1);
	}
}
