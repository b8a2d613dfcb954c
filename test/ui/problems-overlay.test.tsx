import { render } from "ink-testing-library";
import stringWidth from "string-width";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTailStore } from "../../source/store/store.js";
import { App } from "../../source/ui/app.js";
import { problemsLines } from "../../source/ui/problems-overlay.js";
import { ManualClock } from "../../source/util/clock.js";
import { event, keys, plain, projectA, status, tick } from "./support/fixtures.js";

const start = Date.UTC(2026, 5, 1, 12, 0, 0);
let cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups) cleanup();
	cleanups = [];
});

/** A 500 on `path` with one exception (`name: message n`, its frame in `fn`). */
function failure(i: number, path: string, name: string, fn: string) {
	return event(
		{
			uuid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
			project_uuid: projectA,
			request: { method: "POST", url: `https://shop.example.com${path}?try=${i}`, status_code: 500 },
			logs: [],
			exceptions: [
				{ name, message: `order ${i} failed`, stack: `${name}: x\n    at ${fn} (worker.js:1:${i})` },
			],
			timestamp: new Date(start + i * 1000).toISOString(),
		},
		start + i * 1000,
	);
}

function storeWithProblems(groups: number) {
	const store = createTailStore({ clock: new ManualClock(start + 60_000), frameIntervalMs: 50 });
	store.addProject(projectA, "storefront");
	store.status(projectA, status("live"));
	let i = 0;
	for (let g = 0; g < groups; g++)
		for (let k = 0; k <= g % 3; k++)
			store.event(projectA, failure(i++, `/route-${g % 4}`, "TypeError", `Fn${g}`));
	store.flush();
	return store;
}

describe("problems view", () => {
	it("draws groups, the selected group and the failing routes in 80x24; Enter and [ ] go through the group", async () => {
		const store = storeWithProblems(12);
		const app = render(<App store={store} onQuit={() => {}} width={80} height={24} />);
		cleanups.push(() => {
			app.unmount();
			store.dispose();
		});
		await tick();
		const frame = () => plain(app.lastFrame());
		app.stdin.write("P");
		await vi.waitFor(() => expect(frame()).toContain("Exceptions by fingerprint · 12 groups · 24 held"));
		const lines = frame().split("\n");
		expect(lines).toHaveLength(24);
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(80);
		expect(frame()).toContain("Problems · storefront");
		expect(frame()).toMatch(/▸ +3× .*TypeError: order <\*> failed · Fn11/);
		expect(frame()).toContain("at Fn11 (worker.js:<*>:<*>)");
		expect(frame()).toContain("routes /route-3 3");
		expect(frame()).toContain("Failing routes (5xx) · 24 requests");
		expect(frame()).toMatch(/ 6 .*POST \/route-3/);
		expect(frame()).toContain("PROBLEMS");
		app.stdin.write(keys.down);
		await vi.waitFor(() => expect(frame()).toContain("at Fn8 (worker.js:<*>:<*>)"));
		app.stdin.write(keys.enter);
		await vi.waitFor(() =>
			expect(frame()).toContain("Exception 3/3 of the group · storefront · TypeError: order 17 failed"),
		);
		app.stdin.write("[");
		await vi.waitFor(() =>
			expect(frame()).toContain("Exception 2/3 of the group · storefront · TypeError: order 16 failed"),
		);
		app.stdin.write(keys.escape);
		await vi.waitFor(() => expect(frame()).toContain("Exceptions by fingerprint"));
		app.stdin.write("q");
		await vi.waitFor(() => expect(frame()).not.toContain("Exceptions by fingerprint"));
		expect(frame()).toContain("TAIL");
	});

	it("fills taller screens with more groups, and keeps the selection on screen", () => {
		const store = storeWithProblems(30);
		const report = store.problems(projectA);
		const look = { width: 156, timeFormat: "utc" as const, now: start, title: () => "storefront" };
		const small = problemsLines(
			{ paneId: projectA, scope: "pane", report, selected: 0 },
			{ ...look, rows: 19 },
		);
		const tall = problemsLines(
			{ paneId: projectA, scope: "pane", report, selected: 0 },
			{ ...look, rows: 40 },
		);
		expect(small).toHaveLength(19);
		const groupRows = (lines: typeof small) => lines.filter((line) => line.text.includes("× ")).length;
		expect(groupRows(small)).toBe(10);
		// 40 rows hold all 30 groups (and no filler below them).
		expect(groupRows(tall)).toBe(30);
		expect(tall.length).toBeLessThanOrEqual(40);
		const last = problemsLines(
			{ paneId: projectA, scope: "pane", report, selected: 29 },
			{ ...look, rows: 19 },
		);
		expect(last.some((line) => line.text.startsWith("▸"))).toBe(true);
		expect(last[0]?.text).toContain("of 30");
		store.dispose();
	});
});
