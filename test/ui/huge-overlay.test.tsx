/**
 * The detail overlay of a ~7 MB event (issue 13, item 7): it opens without the whole event being
 * pretty-printed or wrapped, keys are answered while the rest is wrapped in the background, and
 * End/Home (G/g) go to the raw event's last line and back to the first.
 */
import { render } from "ink-testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTailStore } from "../../source/store/store.js";
import { App } from "../../source/ui/app.js";
import { detailOverlayLines } from "../../source/ui/detail-overlay.js";
import { ManualClock } from "../../source/util/clock.js";
import { entry, event, keys, plain, projectA, status, tick } from "./support/fixtures.js";

let cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups) cleanup();
	cleanups = [];
});

const start = Date.UTC(2026, 5, 1, 12, 0, 0);

/** An event whose log line and an unknown field hold ~3.5 MB each: ~7 MB of JSON. */
function huge() {
	const dump = "cart item 抹茶 ☕ sku-0042 qty 2 ".repeat(110_000);
	return event(
		{
			uuid: "00000000-0000-4000-8000-0000000000aa",
			project_uuid: projectA,
			request: { method: "GET", url: "https://shop.example.com/huge", status_code: 200 },
			logs: [{ timestamp: new Date(start).toISOString(), level: "info", messages: [dump] }],
			exceptions: [],
			timestamp: new Date(start).toISOString(),
			payload: { dump, last_field: "the end" },
		},
		start,
		projectA,
	);
}

describe("a ~7 MB event in the detail overlay", () => {
	it("pretty-prints only as far as the rows asked for", () => {
		const big = huge();
		expect(big.json.length).toBeGreaterThan(6_500_000);
		// Opening it does not parse the whole event again to pretty-print it.
		const parse = vi.spyOn(JSON, "parse");
		const lines = detailOverlayLines(entry("log", big, { index: 0, level: "info", text: "x" }), "p", 120);
		const first = lines.rows(0, 40);
		expect(parse.mock.calls.filter(([text]) => text === big.json)).toHaveLength(0);
		parse.mockRestore();
		expect(first.map((row) => row.text).join("\n")).toContain("Logs (1)");
		expect(lines.complete).toBe(false);
		// The last row is the raw event's closing brace, after its last field.
		const all = lines.all();
		expect(all.at(-1)?.text).toBe("}");
		expect(all.at(-3)?.text).toContain('"last_field": "the end"');
	});

	it("answers keys while it opens, and End/Home go to the last and first line", async () => {
		const clock = new ManualClock(start);
		const store = createTailStore({ clock, frameIntervalMs: 50 });
		store.addProject(projectA, "storefront");
		store.status(projectA, status("live"));
		store.event(projectA, huge());
		store.flush();
		const app = render(<App store={store} onQuit={() => {}} width={120} height={30} />);
		cleanups.push(() => {
			app.unmount();
			store.dispose();
		});
		await tick();
		const frame = () => plain(app.lastFrame());
		await vi.waitFor(() => expect(frame()).toContain("/huge"));
		// Enter and a key at once: the overlay opens and the key scrolls it, while the rest of the
		// event is still being wrapped (the footer says "of N+" until the total is known).
		app.stdin.write(keys.enter);
		app.stdin.write("j");
		await vi.waitFor(() => expect(frame()).toMatch(/lines 2–\d+ of \d+/));
		app.stdin.write(keys.end);
		// Answered at once: pinned to the bottom of the rows cut so far ("of N+"), not after wrapping
		// all of the event; then the real last lines once the background wrap is done.
		await vi.waitFor(() => {
			const [, from = "0", to, total] = /lines (\d+)–(\d+) of (\d+)\+/.exec(frame()) ?? [];
			expect(Number(from)).toBeGreaterThan(2);
			expect(to).toBe(total);
		});
		await vi.waitFor(() => expect(frame()).toContain('"last_field": "the end"'));
		expect(frame()).toMatch(/^\s*│?\s*}\s*│?\s*$/m);
		app.stdin.write(keys.home);
		await vi.waitFor(() => expect(frame()).toMatch(/lines 1–\d+ of \d+/));
		expect(frame()).toContain("Invocation");
		app.stdin.write("G");
		await vi.waitFor(() => expect(frame()).toContain('"last_field": "the end"'));
		app.stdin.write("g");
		await vi.waitFor(() => expect(frame()).toContain("Invocation"));
	});
});
