/**
 * Reads a V8 CPU profile (.cpuprofile JSON) and says where the time went: by area (a sample belongs to
 * the first area found walking from its leaf towards the root) and the hottest functions by self time.
 */

import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

/** Areas by script URL, in the order they are tested (the leaf-most match wins). */
const areas = [
	[
		"render",
		/node_modules\/(ink|react|react-reconciler|scheduler|yoga-layout|yoga-wasm-web|wrap-ansi|string-width|slice-ansi|cli-truncate|ansi-escapes|widest-line|chalk|strip-ansi|emoji-regex|get-east-asian-width)\/|\/dist\/ui\//,
	],
	["store", /\/dist\/store\//],
	["output", /\/dist\/output\//],
	["cli", /\/dist\/(cli|config|util)\/|\/dist\/(bin|cli)\.js/],
	["model", /\/dist\/model\//],
	["stream", /\/dist\/stream\/|node_modules\/eventsource-parser\/|node:internal\/deps\/undici|undici/],
	["bench", /\/bench\//],
];

/**
 * @param {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }[],
 *   samples: number[], timeDeltas: number[] }} profile
 */
export function analyzeProfile(profile) {
	/** @type {Map<number, (typeof profile.nodes)[number]>} */
	const byId = new Map();
	/** @type {Map<number, number>} */
	const parent = new Map();
	for (const node of profile.nodes) {
		byId.set(node.id, node);
		for (const child of node.children ?? []) parent.set(child, node.id);
	}
	/** @type {Map<number, string>} */
	const areaOf = new Map();
	const classify = (id) => {
		const known = areaOf.get(id);
		if (known) return known;
		const node = byId.get(id);
		const name = node?.callFrame.functionName ?? "";
		let area = "other";
		if (name === "(idle)") area = "idle";
		else if (name === "(garbage collector)") area = "gc";
		else if (name === "(program)") area = "program";
		else {
			const url = node?.callFrame.url ?? "";
			const match = areas.find(([, pattern]) => pattern.test(url));
			if (match) area = match[0];
			else {
				const up = parent.get(id);
				area = up === undefined ? "other" : classify(up);
				if (area === "idle" || area === "gc" || area === "program") area = "other";
			}
		}
		areaOf.set(id, area);
		return area;
	};
	/** @type {Record<string, number>} */
	const time = {};
	/** @type {Map<string, number>} */
	const self = new Map();
	let busy = 0;
	for (let i = 0; i < profile.samples.length; i++) {
		const id = /** @type {number} */ (profile.samples[i]);
		const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
		const area = classify(id);
		time[area] = (time[area] ?? 0) + dt;
		if (area !== "idle") {
			busy += dt;
			const frame = byId.get(id)?.callFrame;
			const where = frame?.url
				? `${frame.url.replace(/^.*\/(node_modules|dist|bench)\//, "$1/")}:${frame.lineNumber + 1}`
				: "";
			const key = `${frame?.functionName || "(anonymous)"} ${where}`.trim();
			self.set(key, (self.get(key) ?? 0) + dt);
		}
	}
	const hot = [...self.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 15)
		.map(([name, ms]) => ({ name, ms: Math.round(ms), share: busy > 0 ? ms / busy : 0 }));
	/** @type {Record<string, number>} */
	const shares = {};
	for (const [area, ms] of Object.entries(time)) if (area !== "idle") shares[area] = busy > 0 ? ms / busy : 0;
	return { busyMs: busy, idleMs: time.idle ?? 0, shares, hot };
}

/**
 * Node arguments that make a child write a CPU profile into `folder` when it exits (`--profile`).
 * @param {string} folder
 */
export function profileArgs(folder) {
	mkdirSync(folder, { recursive: true });
	return ["--cpu-prof", `--cpu-prof-dir=${folder}`];
}

/**
 * Logs where the time went in every profile in `folder`, then removes them.
 * @param {(line: string) => void} log
 * @param {string} folder
 * @param {string} label
 */
export function logProfiles(log, folder, label) {
	for (const file of readdirSync(folder).filter((name) => name.endsWith(".cpuprofile"))) {
		const analysis = analyzeProfile(JSON.parse(readFileSync(join(folder, file), "utf8")));
		const areas = Object.entries(analysis.shares)
			.sort((a, b) => b[1] - a[1])
			.map(([area, share]) => `${area} ${(share * 100).toFixed(0)}%`)
			.join(", ");
		log(`  profile of ${label}: busy ${Math.round(analysis.busyMs)} ms; ${areas}`);
		for (const each of analysis.hot.slice(0, 12))
			log(`    ${(each.share * 100).toFixed(1).padStart(5)}%  ${each.name}`);
		rmSync(join(folder, file), { force: true });
	}
}
