/**
 * The readme's screenshot as Chromium draws it (docs/check-screenshot.js: every space of every text
 * kept, every character on its cell), the SVG drawing of a known row, and the pixel comparison
 * (docs/compare-screenshots.js). Skipped where no Chromium is installed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const docs = (name: string): string => fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));

const hasChromium = (() => {
	if (process.env.CHROMIUM) return true;
	for (const name of ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]) {
		try {
			execFileSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" });
			return true;
		} catch {
			// Not this one.
		}
	}
	return false;
})();

/** Runs one of the docs scripts; its exit status and what it printed. */
function script(name: string, ...args: string[]): { status: number | null; output: string } {
	const result = spawnSync(process.execPath, [docs(name), ...args], { encoding: "utf8" });
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// A status-bar row and a tail row as tmux captures them: SGR runs with spaces inside and around them.
const capture = [
	"\x1b[36m15:20:28\x1b[39m \x1b[32m200\x1b[39m GET \x1b[34m/en/products/sample-product\x1b[39m  \x1b[1mINFO\x1b[22m  Fetched",
	"\x1b[7mTAIL\x1b[27m \x1b[1mSpace\x1b[22m pause  \x1b[1m/\x1b[22m search  \x1b[1mq\x1b[22m quit",
	"",
].join("\n");

/** Draws the known capture as SVG (no tmux) in a new folder; returns the folder and the SVG's path. */
function knownSvg(): { dir: string; svg: string } {
	const dir = mkdtempSync(join(tmpdir(), "bctail-shot-test-"));
	writeFileSync(join(dir, "capture.txt"), capture);
	const svg = join(dir, "known.svg");
	const made = script("make-screenshot.js", "--from-capture", join(dir, "capture.txt"), "--out", svg);
	expect(made.status, made.output).toBe(0);
	return { dir, svg };
}

describe("the screenshot's SVG", () => {
	it("asks for white-space: pre on every text, and keeps xml:space for other renderers", () => {
		const { svg } = knownSvg();
		const text = readFileSync(svg, "utf8");
		expect(text).toContain("<style>text { white-space: pre; }</style>");
		expect(text).toMatch(/<svg [^>]*xml:space="preserve"/);
		expect(text).toContain("> GET </text>");
	});
});

describe.skipIf(!hasChromium)("the screenshot in headless Chromium", () => {
	it("the readme's picture keeps every space and cell", () => {
		const checked = script("check-screenshot.js", docs("screenshot.svg"));
		expect(checked.output).toMatch(/\d+ texts, every space kept, every character on its cell/);
		expect(checked.status).toBe(0);
	});

	it("a known row keeps its spaces; without white-space: pre Chromium collapses them, and the check says so", () => {
		const { dir, svg } = knownSvg();
		expect(script("check-screenshot.js", svg).status).toBe(0);
		const broken = join(dir, "broken.svg");
		writeFileSync(broken, readFileSync(svg, "utf8").replace("<style>text { white-space: pre; }</style>", ""));
		const checked = script("check-screenshot.js", broken);
		expect(checked.status).toBe(1);
		// Chromium drops the spaces at either end of a run: " GET " keeps 3 of its 5 characters.
		expect(checked.output).toContain('{"text":" GET ","kept":3,"length":5}');
		expect(checked.output).toContain('{"text":"  Fetched","kept":7,"length":9}');
	});

	it("compares pictures pixel by pixel: the same SVG twice is identical, one changed cell is found on its row", () => {
		const { dir, svg } = knownSvg();
		expect(script("compare-screenshots.js", svg, svg).output).toMatch(/^identical: all \d+ pixels/);
		const changed = join(dir, "changed.svg");
		writeFileSync(changed, readFileSync(svg, "utf8").replace("> GET <", "> PUT <"));
		const compared = script("compare-screenshots.js", svg, changed);
		expect(compared.status).toBe(1);
		// Only the first terminal row (y 0-16), only the cells of the method (x 109.2-134.4).
		expect(compared.output).toMatch(
			/^\d+ of \d+ pixels differ, within x (\d+)-(\d+), y \d+-\d+; terminal rows 0 /,
		);
		const [, left, right] = compared.output.match(/within x (\d+)-(\d+)/) ?? [];
		expect(Number(left)).toBeGreaterThanOrEqual(109);
		expect(Number(right)).toBeLessThanOrEqual(135);
	});
});
