/**
 * Key to screen through a real terminal: a command runs in a private tmux server (its own socket, no
 * config) at the given size; a key is sent with `send-keys` and the screen read with `capture-pane`
 * until the key's effect shows (`on` appears, then, after the same key again, disappears). The same
 * harness times a trivial program that shows the same word on the same key (the floor), so what tmux
 * and the polling cost is measured in the same run.
 *
 * Usage: node bench/tmux-keys.js '<json options>'   (prints one JSON line; started by measures/tmux-keys.js)
 */
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";

/**
 * @type {{ command: string, env: Record<string, string>, width: number, height: number,
 *   ready: string, key: string, on: string, samples: number, warmupMs: number }}
 */
const options = JSON.parse(process.argv[2] ?? "{}");
const socket = `bctail-bench-${process.pid}`;
const tmux = (...args) =>
	execFileSync("tmux", ["-L", socket, "-f", "/dev/null", ...args], { encoding: "utf8", env: options.env });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const capture = () => tmux("capture-pane", "-p", "-t", "bench:0.0");

tmux(
	"new-session",
	"-d",
	"-s",
	"bench",
	"-x",
	String(options.width),
	"-y",
	String(options.height),
	options.command,
);
try {
	const readyBy = performance.now() + 60_000;
	while (!capture().includes(options.ready)) {
		if (performance.now() > readyBy) throw new Error(`never ready:\n${capture()}`);
		await sleep(50);
	}
	await sleep(options.warmupMs);
	/** @type {number[]} */
	const latencies = [];
	let polls = 0;
	for (let i = 0; i < options.samples; i++) {
		for (const want of [true, false]) {
			// Keys at uneven moments, not in step with the app's frames.
			await sleep(80 + Math.random() * 120);
			const sent = performance.now();
			tmux("send-keys", "-t", "bench:0.0", options.key);
			const giveUp = sent + 5000;
			let at = Number.NaN;
			while (performance.now() < giveUp) {
				polls++;
				if (capture().includes(options.on) === want) {
					at = performance.now();
					break;
				}
			}
			latencies.push(at - sent);
		}
	}
	/** What one capture costs: the harness's resolution. */
	const began = performance.now();
	for (let i = 0; i < 20; i++) capture();
	const captureMs = (performance.now() - began) / 20;
	process.stdout.write(`${JSON.stringify({ latencies, polls, captureMs })}\n`);
} finally {
	try {
		tmux("kill-server");
	} catch {
		// Already gone.
	}
}
