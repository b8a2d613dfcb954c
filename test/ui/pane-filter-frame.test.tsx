/**
 * A per-pane filter on screen: the app on the real store, keys through stdin, two panes side by side
 * (production filtered to /checkout with `F`, preview showing everything).
 */
import { render } from "ink-testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTailStore } from "../../source/store/store.js";
import { App } from "../../source/ui/app.js";
import { PaneView } from "../../source/ui/pane-view.js";
import { ManualClock } from "../../source/util/clock.js";
import { event, pane, plain, projectA, projectB, status, t0, tick } from "./support/fixtures.js";

let cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups) cleanup();
	cleanups = [];
});

const start = Date.UTC(2026, 5, 1, 12, 0, 0);

/** A GET of `path` with one log line `<path> hit <i>`. */
function hit(i: number, path: string, project: string) {
	const time = new Date(start + i * 10).toISOString();
	return event(
		{
			uuid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
			project_uuid: project,
			request: { method: "GET", url: `https://shop.example.com${path}`, status_code: 200 },
			logs: [{ timestamp: time, level: "info", messages: [`${path.slice(1)} hit ${i}`] }],
			exceptions: [],
			timestamp: time,
		},
		start + i * 10,
		project,
	);
}

async function twoPanes() {
	const store = createTailStore({ clock: new ManualClock(start), frameIntervalMs: 50 });
	store.addProject(projectA, "production");
	store.addProject(projectB, "preview");
	for (const project of [projectA, projectB]) {
		store.status(project, status("live"));
		for (let i = 0; i < 6; i++) store.event(project, hit(i, i % 2 === 0 ? "/checkout" : "/cart", project));
	}
	store.flush();
	const app = render(<App store={store} onQuit={() => {}} width={140} height={16} />);
	cleanups.push(() => {
		app.unmount();
		store.dispose();
	});
	await tick();
	return {
		store,
		frame: () => plain(app.lastFrame()),
		type: (...inputs: string[]) => {
			for (const input of inputs) app.stdin.write(input);
		},
	};
}

/** The lines of the left (production) and right (preview) pane, by column. */
function halves(frame: string): { left: string; right: string } {
	const lines = frame.split("\n");
	return {
		left: lines.map((line) => line.slice(0, 70)).join("\n"),
		right: lines.map((line) => line.slice(70)).join("\n"),
	};
}

describe("per-pane filter on screen", () => {
	it("F types a filter for the focused pane: its header shows the chip, the other pane shows everything", async () => {
		const t = await twoPanes();
		await vi.waitFor(() => expect(t.frame()).toContain("cart hit 5"));
		t.type("F");
		await vi.waitFor(() => expect(t.frame()).toContain("filter production:"));
		t.type("path:/checkout");
		t.type("\r");
		await vi.waitFor(() => expect(t.frame()).toContain("F: path:/checkout"));
		const { left, right } = halves(t.frame());
		expect(left).toContain("F: path:/checkout");
		expect(left).toContain("hidden 3");
		expect(left).toContain("checkout hit 4");
		expect(left).not.toContain("cart hit");
		expect(right).toContain("cart hit 5");
		expect(right).not.toContain("F:");
		// The global search goes in the status bar and applies within the pane's filter.
		t.type("/", "hit 4", "\r");
		await vi.waitFor(() => expect(t.frame()).toContain("/hit 4"));
		expect(t.frame().split("\n").at(-1)).not.toContain("F:");
	});
});

describe("the pane filter chip", () => {
	function header(filter: { query: string; error: string | null }, width: number): string {
		const p = pane({ id: projectA, title: "production", filter, hidden: 12 });
		const app = render(
			<PaneView pane={p} index={0} width={width} height={10} focused timeFormat="utc" now={t0} />,
		);
		cleanups.push(app.unmount);
		return plain(app.lastFrame()).split("\n")[2] ?? "";
	}

	it("shows the query and the hidden count; a long query is cut so the count stays", () => {
		expect(header({ query: "path:/checkout", error: null }, 80)).toMatch(/F: path:\/checkout {2}hidden 12/);
		const long = header({ query: `path:/checkout ${"x".repeat(80)}`, error: null }, 60);
		expect(long).toContain("F: path:/checkout x");
		expect(long).toContain("… hidden 12");
		expect(header({ query: "status:abc", error: "status:abc is not a status" }, 80)).toContain(
			"F: status:abc ✖",
		);
	});
});
