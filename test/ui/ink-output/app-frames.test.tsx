/**
 * The fast output path on the app's own frames: every frame Ink draws while a user walks through
 * panes, search, overlays, layouts and zoom is computed both ways (the join and Ink's grid) and must
 * be the same string. Colours are on, so styles and their transitions are compared too. And the
 * ordinary screens (panes, no overlay) must actually take the join, or it speeds up nothing.
 */
import chalk from "chalk";
import { render } from "ink-testing-library";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTailStore } from "../../../source/store/store.js";
import { App } from "../../../source/ui/app.js";
import { type InkOutput, joinFrame } from "../../../source/ui/ink-output/fast-output.js";
import { FrameCaches } from "../../../source/ui/ink-output/frame-caches.js";
import { inkOutputUrl } from "../../../source/ui/ink-output/install.js";
import { ManualClock } from "../../../source/util/clock.js";
import { event, keys, projectA, projectB, status, tick } from "../support/fixtures.js";

const { default: Output } = (await import(inkOutputUrl().href)) as { default: { prototype: InkOutput } };

const seen = { joined: 0, grid: 0, mismatches: [] as { grid: string; joined: string }[] };
const inkGet = Output.prototype.get;
const level = chalk.level;

beforeAll(() => {
	chalk.level = 3;
	const caches = new FrameCaches();
	Output.prototype.get = function checkedGet(this: InkOutput) {
		const grid = inkGet.call(this);
		const joined = joinFrame(this, caches);
		if (joined === null) seen.grid++;
		else {
			seen.joined++;
			if (joined !== grid.output) seen.mismatches.push({ grid: grid.output, joined });
		}
		return grid;
	};
});
afterAll(() => {
	Output.prototype.get = inkGet;
	chalk.level = level;
});

const start = Date.UTC(2026, 5, 1, 12, 0, 0);
const paths = ["/checkout", "/fr/sale-🔥", "/日本/カート", "/p/1?x=1", "/"];

function sample(i: number, project: string) {
	const time = new Date(start + i * 1000).toISOString();
	return event(
		{
			uuid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
			project_uuid: project,
			request: {
				method: i % 4 === 0 ? "POST" : "GET",
				url: `https://shop.example.com${paths[i % 5]}`,
				status_code: [200, 404, 500, 302][i % 4],
			},
			logs: [
				{
					timestamp: time,
					level: ["info", "warn", "error", "debug"][i % 4],
					messages: [`message ${i} 日本語 ✓ cart`],
				},
			],
			exceptions:
				i % 3 === 0
					? [
							{
								name: "TypeError",
								message: `bad ${i} 🔥`,
								stack: `TypeError: bad ${i}\n    at h (w.js:${i}:1)`,
							},
						]
					: [],
			timestamp: time,
		},
		start + i * 1000,
		project,
	);
}

describe("the fast output path on the app's frames", () => {
	it("draws every screen of a walk through the app exactly as Ink's grid", async () => {
		const clock = new ManualClock(start + 60_000);
		const store = createTailStore({ clock, frameIntervalMs: 50 });
		store.addProject(projectA, "storefront");
		store.addProject(projectB, "checkout-日本");
		store.status(projectA, status("live"));
		store.status(projectB, status("reconnecting"));
		for (let i = 0; i < 60; i++)
			store.event(i % 2 === 0 ? projectA : projectB, sample(i, i % 2 === 0 ? projectA : projectB));
		store.flush();
		const app = render(<App store={store} onQuit={() => {}} width={100} height={30} />);
		await tick();
		const steps = [
			"k",
			"k",
			"/",
			"c",
			"a",
			"r",
			"t",
			keys.enter,
			"n",
			keys.escape,
			"?",
			keys.escape,
			keys.enter,
			keys.escape,
			"x",
			keys.escape,
			keys.tab,
			"z",
			"z",
			"L",
			" ",
			"G",
			"t",
			"t",
		];
		for (const key of steps) {
			const before = seen.joined + seen.grid;
			app.stdin.write(key);
			for (let i = 0; i < 50 && seen.joined + seen.grid === before; i++) await tick();
			store.event(projectA, sample(100 + before, projectA));
			store.flush();
			await tick();
		}
		app.unmount();
		store.dispose();
		expect(seen.mismatches).toEqual([]);
		// The walk opens overlays (drawn by the grid); the panes themselves must take the join.
		expect(seen.joined).toBeGreaterThan(10);
	});
});
