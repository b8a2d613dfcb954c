#!/usr/bin/env node
// Regenerates docs/screenshot.svg from a real terminal: runs `bctail --demo` in tmux, lets the demo
// traffic flow, captures the screen with its colours (`capture-pane -e`) and draws it as SVG
// (screenshot-svg.js); then, when Chromium is installed, checks the picture as Chromium draws it
// (check-screenshot.js: every space kept, every character on its cell).
// Usage: npm run build && node docs/make-screenshot.js [seconds=6] [options]
//   --replay <file>     replay a recording instead of the live demo (same screen on every run with --clock)
//   --clock <iso>       stop the wall clock at this instant (fixed-clock.mjs) for relative times, sparklines
//   --bin <path>        the bctail to run (default: this checkout's dist/bin.js), e.g. another worktree's
//   --out <file.svg>    where to write (default docs/screenshot.svg)
//   --keys <keys>       tmux key names sent before the capture, space-separated (e.g. "Enter", "? ")
//   --capture <file>    also write the raw capture (text with SGR sequences)
//   --from-capture <f>  draw a saved capture instead of running anything
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { findChromium, textLayout } from "./chromium.js";
import { toSvg } from "./screenshot-svg.js";

const width = 160;
const height = 42;
const title = "bctail tailing three demo projects side by side";
const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		replay: { type: "string" },
		clock: { type: "string" },
		bin: { type: "string", default: fileURLToPath(new URL("../dist/bin.js", import.meta.url)) },
		out: { type: "string", default: fileURLToPath(new URL("./screenshot.svg", import.meta.url)) },
		keys: { type: "string" },
		capture: { type: "string" },
		"from-capture": { type: "string" },
	},
});
const seconds = Number(positionals[0] ?? 6);

/** The shell command tmux runs: the demo, or a replay; under a stopped clock when asked. */
function command() {
	const clock = values.clock
		? ` --import ${fileURLToPath(new URL("./fixed-clock.mjs", import.meta.url))}`
		: "";
	const target = values.replay ? `replay ${values.replay}` : "--demo --rate 6";
	return `${values.clock ? `BCTAIL_FIXED_CLOCK=${values.clock} ` : ""}${process.execPath}${clock} ${values.bin} ${target}`;
}

/** Runs bctail in a private tmux, waits `seconds`, and returns the screen once it holds still. */
async function captureScreen() {
	const socket = `bctail-shot-${process.pid}`;
	const env = { ...process.env, TERM: "xterm-256color" };
	delete env.CI;
	const tmux = (...args) =>
		execFileSync("tmux", ["-L", socket, "-f", "/dev/null", ...args], { encoding: "utf8", env });
	const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
	tmux("new-session", "-d", "-x", String(width), "-y", String(height), command());
	try {
		await sleep(seconds * 1000);
		for (const key of (values.keys ?? "").split(" ").filter(Boolean)) {
			tmux("send-keys", "-t", "0", key);
			await sleep(300);
		}
		// A replay under a stopped clock comes to rest: take the screen when two captures agree (the live
		// demo never rests; it gets the last of the tries).
		let screen = tmux("capture-pane", "-p", "-e");
		for (let tries = 0; tries < 10; tries++) {
			await sleep(300);
			const next = tmux("capture-pane", "-p", "-e");
			if (next === screen) break;
			screen = next;
		}
		return screen;
	} catch (error) {
		throw new Error(`bctail did not stay up in tmux (${command()}): ${error.message}`);
	} finally {
		try {
			tmux("kill-server");
		} catch {
			// The server ended with its only session.
		}
	}
}

const screen = values["from-capture"] ? readFileSync(values["from-capture"], "utf8") : await captureScreen();
if (values.capture) writeFileSync(values.capture, screen);
writeFileSync(values.out, toSvg(screen, { width, height, title }));
console.log(`wrote ${values.out}`);

if (!findChromium()) {
	console.log("no Chromium found: the picture was not checked (node docs/check-screenshot.js does it)");
} else {
	const layout = textLayout(values.out);
	if (layout.collapsed.length > 0 || layout.misplaced.length > 0) {
		console.error(`Chromium draws it wrong: ${JSON.stringify(layout).slice(0, 500)}`);
		process.exit(1);
	}
	console.log(`checked in Chromium: ${layout.texts} texts keep their spaces and cells`);
}
