/**
 * Key latency in a fake terminal: types `p` (pause all) until a frame containing "PAUSED" is written,
 * then `p` again until a frame without it (so the app is left as it was), and records the first of
 * the two latencies (ms). A key not answered within 2 s is recorded as NaN (the bench drops it and
 * the count shows it).
 */
import { performance } from "node:perf_hooks";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {{ screen: { inspect: ((text: string) => void) | null }, stdin: { write(text: string): unknown },
 *   intervalMs: number, deadline: number, record: (latencyMs: number) => void }} options
 * @returns {{ stop(): Promise<void> }}
 */
export function startKeyProber(options) {
	let stopped = false;
	const timeKey = async (want) => {
		const sent = performance.now();
		const seen = new Promise((resolve) => {
			const timer = setTimeout(() => resolve(Number.NaN), 2000);
			options.screen.inspect = (text) => {
				if (text.includes("PAUSED") !== want) return;
				clearTimeout(timer);
				resolve(performance.now());
			};
		});
		options.stdin.write("p");
		const at = await seen;
		options.screen.inspect = null;
		return at - sent;
	};
	const run = (async () => {
		while (!stopped && performance.now() < options.deadline) {
			await sleep(options.intervalMs);
			const latency = await timeKey(true);
			options.record(latency);
			await timeKey(false);
		}
	})();
	return {
		async stop() {
			stopped = true;
			await run;
		},
	};
}
