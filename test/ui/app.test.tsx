import { render } from "ink-testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProjectInfo } from "../../source/model/types.js";
import type { Entry } from "../../source/store/types.js";
import { App, type AppProps } from "../../source/ui/app.js";
import { keymap } from "../../source/ui/keymap.js";
import { sampleLines } from "../model/sample-events.js";
import {
	entry,
	event,
	keys,
	pane,
	plain,
	projectA,
	projectB,
	row,
	ScriptedStore,
	search,
	snapshot,
	tick,
} from "./support/fixtures.js";

let cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups) cleanup();
	cleanups = [];
});

async function start(store: ScriptedStore, props: Partial<AppProps> = {}, width = 100, height = 30) {
	const writes: string[] = [];
	const onQuit = vi.fn();
	const app = render(
		<App
			store={store}
			onQuit={onQuit}
			width={width}
			height={height}
			write={(text) => writes.push(text)}
			{...props}
		/>,
	);
	cleanups.push(app.unmount);
	// useInput subscribes in an effect: input written before that is lost.
	await tick();
	return {
		writes,
		onQuit,
		frame: () => plain(app.lastFrame()),
		type: (...inputs: string[]) => {
			for (const input of inputs) app.stdin.write(input);
		},
	};
}

const sample5 = event(JSON.parse(sampleLines[4] ?? "{}"));
const exception1 = entry("exception", sample5, {
	index: 0,
	text: "BigCommerceAPIError: BigCommerce API returned 530",
});
const other = event({
	uuid: "f00d0000-0000-4000-8000-000000000001",
	request: { method: "POST", url: "/api/login", status_code: 502 },
	exceptions: [
		{
			name: "TypeError",
			message: "fetch failed",
			stack: "TypeError: fetch failed\n    at login (worker.js:9:9)",
		},
	],
	timestamp: "2026-06-01T12:40:00Z",
});
const exception2 = entry("exception", other, { index: 0, text: "TypeError: fetch failed" });
const logEntry = entry("log", sample5, {
	index: 0,
	level: "log",
	text: 'cart lookup {"cartId":"c-42","items":3}',
});

function twoPanes(fields = {}) {
	return snapshot({
		panes: [
			pane({ id: projectA, title: "storefront", rows: [row(logEntry, { cursor: true }), row(exception1)] }),
			pane({ id: projectB, title: "checkout" }),
		],
		...fields,
	});
}

/** The store's snapshot with `held` exceptions in its first pane. */
function withHeld(store: ScriptedStore, held: number) {
	const current = store.getSnapshot();
	const [first, ...rest] = current.panes;
	if (!first) return current;
	return { ...current, panes: [{ ...first, exceptionsHeld: held }, ...rest] };
}

/** The calls that are not viewport bookkeeping. */
const actions = (store: ScriptedStore) => store.calls.filter((call) => !call.startsWith("setViewport"));

describe("keys to store actions", () => {
	it.each<[string, string]>([
		[keys.tab, "focusNext()"],
		[keys.shiftTab, "focusPrevious()"],
		["2", "focusPane(1)"],
		["k", "moveCursor(-1)"],
		[keys.up, "moveCursor(-1)"],
		["j", "moveCursor(1)"],
		[keys.down, "moveCursor(1)"],
		[keys.pageUp, "page(-1, 1)"],
		[keys.pageDown, "page(1, 1)"],
		[keys.ctrlU, "page(-1, 0.5)"],
		[keys.ctrlD, "page(1, 0.5)"],
		["g", "toTop()"],
		[keys.home, "toTop()"],
		["G", "toBottom()"],
		[keys.end, "toBottom()"],
		["n", "nextMatch()"],
		["N", "previousMatch()"],
		[" ", "togglePause()"],
		["p", "togglePauseAll()"],
		["e", "nextException()"],
		["E", "previousException()"],
		["z", "toggleZoom()"],
		["l", "cycleLayout()"],
		["t", "cycleTimeFormat()"],
	])("%j calls %s", async (input, call) => {
		const store = new ScriptedStore(twoPanes());
		const ui = await start(store);
		ui.type(input);
		await vi.waitFor(() => expect(actions(store)).toEqual([call]));
	});

	it("quits with q and with Ctrl-C", async () => {
		const ui = await start(new ScriptedStore(twoPanes()));
		ui.type("q");
		await vi.waitFor(() => expect(ui.onQuit).toHaveBeenCalledTimes(1));
		ui.type(keys.ctrlC);
		await vi.waitFor(() => expect(ui.onQuit).toHaveBeenCalledTimes(2));
	});

	it("closes the focused pane with w", async () => {
		const store = new ScriptedStore(twoPanes({ focus: 1 }));
		const onClosePane = vi.fn();
		const ui = await start(store, { onClosePane });
		ui.type("w");
		await vi.waitFor(() => expect(onClosePane).toHaveBeenCalledWith(projectB));
		// Without a handler the app removes the pane from the store itself.
		const bare = new ScriptedStore(twoPanes());
		const ui2 = await start(bare);
		ui2.type("w");
		await vi.waitFor(() =>
			expect(actions(bare)).toEqual([
				`removeProject("${projectA}")`,
				`setNotice("closed ${twoPanes().panes[0]?.title} — u brings it back")`,
			]),
		);
	});

	it("f toggles filter mode only when there is a query", async () => {
		const store = new ScriptedStore(twoPanes());
		const ui = await start(store);
		ui.type("f");
		await vi.waitFor(() =>
			expect(actions(store)).toEqual(['setNotice("no search to filter by: press / first")']),
		);
		store.set(twoPanes({ search: search("cart") }));
		ui.type("f");
		await vi.waitFor(() => expect(actions(store).at(-1)).toBe("toggleFilterMode()"));
	});

	it("Esc clears an active search", async () => {
		const store = new ScriptedStore(twoPanes({ search: search("cart") }));
		const ui = await start(store);
		ui.type(keys.escape);
		await vi.waitFor(() => expect(actions(store)).toEqual(["clearSearch()"]));
	});
});

describe("keys that arrive together", () => {
	it("runs each key of a chunk: jjj moves three rows", async () => {
		const store = new ScriptedStore(twoPanes());
		const ui = await start(store);
		ui.type("jjjk");
		await vi.waitFor(() =>
			expect(actions(store)).toEqual(["moveCursor(1)", "moveCursor(1)", "moveCursor(1)", "moveCursor(-1)"]),
		);
	});

	it("opens the search and types the rest of the chunk into it, as one search", async () => {
		const store = new ScriptedStore(twoPanes());
		const ui = await start(store);
		ui.type("/cart\r");
		await vi.waitFor(() => expect(actions(store)).toEqual(['setSearch("cart", {"mode":"find"})']));
		await vi.waitFor(() => expect(ui.frame()).toContain("TAIL"));
		expect(ui.onQuit).not.toHaveBeenCalled();
	});
});

describe("search input", () => {
	it("searches as you type, edits with Backspace, and applies with Enter", async () => {
		const store = new ScriptedStore(twoPanes());
		const ui = await start(store);
		ui.type("/");
		await vi.waitFor(() => expect(ui.frame()).toContain("SEARCH"));
		// Letters that are commands elsewhere are text here.
		ui.type("q", "x", keys.backspace, "u", "i");
		await vi.waitFor(() => expect(actions(store).at(-1)).toBe('setSearch("qui", {"mode":"find"})'));
		expect(actions(store)).toEqual([
			'setSearch("q", {"mode":"find"})',
			'setSearch("qx", {"mode":"find"})',
			'setSearch("q", {"mode":"find"})',
			'setSearch("qu", {"mode":"find"})',
			'setSearch("qui", {"mode":"find"})',
		]);
		expect(ui.frame()).toContain("/qui");
		expect(ui.onQuit).not.toHaveBeenCalled();
		ui.type(keys.enter);
		await vi.waitFor(() => expect(ui.frame()).toContain("TAIL"));
		// Back in normal mode, q quits again.
		ui.type("q");
		await vi.waitFor(() => expect(ui.onQuit).toHaveBeenCalled());
	});

	it("takes a paste as text, not as commands", async () => {
		const store = new ScriptedStore(twoPanes());
		const ui = await start(store);
		ui.type("/");
		await vi.waitFor(() => expect(ui.frame()).toContain("SEARCH"));
		ui.type("\x1b[200~status:5xx q\x1b[201~");
		await vi.waitFor(() => expect(actions(store)).toEqual(['setSearch("status:5xx q", {"mode":"find"})']));
		expect(ui.onQuit).not.toHaveBeenCalled();
	});

	it("Esc restores the search that was active before", async () => {
		const store = new ScriptedStore(twoPanes({ search: search("cart", { mode: "filter" }) }));
		const ui = await start(store);
		ui.type("/");
		await vi.waitFor(() => expect(ui.frame()).toContain("/cart"));
		ui.type("x");
		await vi.waitFor(() => expect(actions(store)).toEqual(['setSearch("cartx", {"mode":"filter"})']));
		ui.type(keys.escape);
		await vi.waitFor(() => expect(actions(store).at(-1)).toBe('setSearch("cart", {"mode":"filter"})'));
		await vi.waitFor(() => expect(ui.frame()).toContain("TAIL"));
	});

	it("Esc with no earlier search clears it", async () => {
		const store = new ScriptedStore(twoPanes());
		const ui = await start(store);
		ui.type("/");
		await vi.waitFor(() => expect(ui.frame()).toContain("SEARCH"));
		ui.type("a");
		await vi.waitFor(() => expect(actions(store)).toHaveLength(1));
		ui.type(keys.escape);
		await vi.waitFor(() => expect(actions(store).at(-1)).toBe("clearSearch()"));
	});
});

describe("exception overlay", () => {
	/** Two exceptions in the first pane: in the log (for the keys) and in the snapshot (for "n/m"). */
	function withExceptions() {
		const store = new ScriptedStore(twoPanes());
		store.exceptions.set(projectA, [exception1, exception2]);
		store.set(withHeld(store, 2));
		return store;
	}

	it("x opens the newest exception with its stack; [ and ] step; Esc closes", async () => {
		const store = withExceptions();
		const ui = await start(store, {}, 110, 40);
		ui.type("x");
		await vi.waitFor(() =>
			expect(ui.frame()).toContain("Exception 2/2 · storefront · TypeError: fetch failed"),
		);
		expect(ui.frame()).toContain("at login (worker.js:9:9)");
		expect(ui.frame()).toContain("Request   POST /api/login");
		ui.type("[");
		await vi.waitFor(() => expect(ui.frame()).toContain("Exception 1/2"));
		expect(ui.frame()).toContain("at fetchCart (worker.js:1:20931)");
		expect(ui.frame()).toContain("at async CartPage (worker.js:1:88410)");
		expect(ui.frame()).toContain("WARN  slow upstream 812");
		expect(ui.frame()).toContain("e3a9d2b0-5c41-4c7e-8f0a-6b9d1c2e3f40");
		ui.type("[");
		await vi.waitFor(() => expect(actions(store)).toContain('setNotice("no older exception")'));
		ui.type("]");
		await vi.waitFor(() => expect(ui.frame()).toContain("Exception 2/2"));
		// Keys that move the pane in normal mode scroll the overlay instead.
		ui.type("j");
		ui.type(keys.escape);
		await vi.waitFor(() => expect(ui.frame()).not.toContain("Exception 2/2"));
		expect(actions(store).filter((call) => call.startsWith("moveCursor"))).toEqual([]);
	});

	it("says so when the pane has no exception", async () => {
		const store = new ScriptedStore(twoPanes());
		const ui = await start(store);
		ui.type("x");
		await vi.waitFor(() => expect(actions(store)).toEqual(['setNotice("no exceptions in storefront")']));
	});

	it("scrolls a stack longer than the screen", async () => {
		const longStack = event({
			uuid: "long",
			exceptions: [
				{
					name: "Error",
					message: "deep",
					stack: [
						"Error: deep",
						...Array.from({ length: 60 }, (_, i) => `    at frame${i} (w.js:${i}:1)`),
					].join("\n"),
				},
			],
		});
		const store = new ScriptedStore(twoPanes());
		store.exceptions.set(projectA, [entry("exception", longStack, { text: "Error: deep" })]);
		const ui = await start(store, {}, 100, 24);
		ui.type("x");
		await vi.waitFor(() => expect(ui.frame()).toContain("at frame0 "));
		expect(ui.frame()).not.toContain("at frame40 ");
		ui.type("G");
		await vi.waitFor(() => expect(ui.frame()).toContain("at frame59 "));
		expect(ui.frame()).not.toContain("at frame0 ");
		ui.type("g");
		await vi.waitFor(() => expect(ui.frame()).toContain("at frame0 "));
	});

	it("q closes the overlay rather than quitting", async () => {
		const ui = await start(withExceptions());
		ui.type("x");
		await vi.waitFor(() => expect(ui.frame()).toContain("Exception 2/2"));
		ui.type("q");
		await vi.waitFor(() => expect(ui.frame()).not.toContain("Exception 2/2"));
		expect(ui.onQuit).not.toHaveBeenCalled();
	});
});

describe("detail overlay and copy", () => {
	// A remote session outside tmux: the route is OSC 52 whatever this machine has (test/ui/clipboard.test.ts
	// covers the other routes).
	beforeEach(() => {
		vi.stubEnv("SSH_TTY", "/dev/pts/9");
		vi.stubEnv("TMUX", "");
	});
	afterEach(() => {
		vi.unstubAllEnvs();
	});

	it("Enter shows the entry under the cursor with the raw event, unknown fields included", async () => {
		const store = new ScriptedStore(twoPanes());
		store.selected = logEntry;
		const ui = await start(store, {}, 110, 60);
		ui.type(keys.enter);
		await vi.waitFor(() => expect(ui.frame()).toContain("Detail · storefront"));
		expect(ui.frame()).toContain("Raw event");
		expect(ui.frame()).toContain("Logs (3)");
		// The raw event's end (where the unknown field is) is below the fold: G scrolls to it.
		ui.type("G");
		await vi.waitFor(() => expect(ui.frame()).toContain('"extra_field": "should be preserved"'));
	});

	it("y copies the selected event as OSC 52 and confirms", async () => {
		const store = new ScriptedStore(twoPanes());
		store.selected = logEntry;
		const ui = await start(store);
		ui.type("y");
		await vi.waitFor(() => expect(ui.writes).toHaveLength(1));
		const sequence = ui.writes[0] ?? "";
		expect(sequence.startsWith("\x1b]52;c;")).toBe(true);
		expect(sequence.endsWith("\x07")).toBe(true);
		const payload = Buffer.from(sequence.slice(7, -1), "base64").toString("utf8");
		expect(JSON.parse(payload)).toMatchObject({
			uuid: "e3a9d2b0-5c41-4c7e-8f0a-6b9d1c2e3f40",
			extra_field: "should be preserved",
		});
		expect(actions(store).at(-1)).toMatch(
			/^setNotice\("copied event e3a9d2b0 as JSON, \d+(\.\d)? (B|KiB) \(OSC 52: your terminal must allow it\)"\)$/,
		);
	});

	it("y in the exception overlay copies that exception's event", async () => {
		const store = new ScriptedStore(twoPanes());
		store.exceptions.set(projectA, [exception1, exception2]);
		store.set(withHeld(store, 2));
		const ui = await start(store);
		ui.type("x");
		await vi.waitFor(() => expect(ui.frame()).toContain("Exception 2/2"));
		ui.type("y");
		await vi.waitFor(() => expect(ui.writes).toHaveLength(1));
		const payload = Buffer.from((ui.writes[0] ?? "").slice(7, -1), "base64").toString("utf8");
		expect(JSON.parse(payload).uuid).toBe(other.uuid);
	});

	it("has nothing to copy without a selected event", async () => {
		const store = new ScriptedStore(twoPanes());
		const ui = await start(store);
		ui.type("y");
		await vi.waitFor(() => expect(actions(store)).toEqual(['setNotice("nothing to copy: no event here")']));
		expect(ui.writes).toEqual([]);
	});
});

describe("help overlay", () => {
	it("lists every command of the keymap, grouped", async () => {
		const ui = await start(new ScriptedStore(twoPanes()), {}, 120, 110);
		ui.type("?");
		await vi.waitFor(() => expect(ui.frame()).toContain("Keys"));
		const frame = ui.frame();
		for (const command of keymap) expect(frame).toContain(command.description);
		for (const group of new Set(keymap.map((command) => command.group))) expect(frame).toContain(group);
		ui.type("?");
		await vi.waitFor(() => expect(ui.frame()).not.toContain("this help"));
	});
});

describe("project picker", () => {
	const projects: ProjectInfo[] = [
		{
			uuid: "11111111-aaaa-4000-8000-000000000001",
			name: "catalyst-storefront",
			hostnames: ["shop.example.com"],
		},
		{ uuid: "22222222-bbbb-4000-8000-000000000002", name: "b2b-portal", hostnames: ["b2b.example.com"] },
		{ uuid: "33333333-cccc-4000-8000-000000000003", name: "checkout-edge", hostnames: ["pay.example.net"] },
	];

	it("opens at start when there is no pane, filters fuzzily, marks, and opens the marked ones", async () => {
		const store = new ScriptedStore(snapshot());
		const onOpenProjects = vi.fn();
		let answer: (list: ProjectInfo[]) => void = () => {};
		const listProjects = () => new Promise<ProjectInfo[]>((resolve) => (answer = resolve));
		const ui = await start(store, { listProjects, onOpenProjects });
		await vi.waitFor(() => expect(ui.frame()).toContain("loading…"));
		answer(projects);
		await vi.waitFor(() => expect(ui.frame()).toContain("3 of 3"));
		expect(store.calls).toContain("setProjectNames(3)");
		ui.type("p", "a", "y");
		await vi.waitFor(() => expect(ui.frame()).toContain("1 of 3"));
		expect(ui.frame()).toContain("checkout-edge");
		expect(ui.frame()).not.toContain("b2b-portal");
		ui.type(" ");
		await vi.waitFor(() => expect(ui.frame()).toContain("[x] checkout-edge"));
		ui.type(keys.ctrlU);
		await vi.waitFor(() => expect(ui.frame()).toContain("3 of 3 · 1 marked"));
		ui.type(keys.down, " ");
		await vi.waitFor(() => expect(ui.frame()).toContain("2 marked"));
		ui.type(keys.enter);
		await vi.waitFor(() => expect(onOpenProjects).toHaveBeenCalledTimes(1));
		expect(onOpenProjects.mock.calls[0]?.[0].map((p: ProjectInfo) => p.name)).toEqual([
			"checkout-edge",
			"b2b-portal",
		]);
		await vi.waitFor(() => expect(ui.frame()).not.toContain("Open projects"));
	});

	it("matches hostnames and UUIDs, and opens the one under the cursor when nothing is marked", async () => {
		const store = new ScriptedStore(twoPanes());
		const ui = await start(store, { listProjects: async () => projects });
		expect(ui.frame()).not.toContain("Open projects");
		ui.type("a");
		await vi.waitFor(() => expect(ui.frame()).toContain("3 of 3"));
		// Fuzzy: the best match comes first, under the cursor.
		ui.type("pay.example.net");
		await vi.waitFor(() => expect(ui.frame()).toMatch(/› \[ \] checkout-edge/));
		ui.type(keys.ctrlU, "b2b-po");
		await vi.waitFor(() => expect(ui.frame()).toMatch(/› \[ \] b2b-portal/));
		ui.type(keys.ctrlU, "33333333");
		await vi.waitFor(() => expect(ui.frame()).toMatch(/› \[ \] checkout-edge/));
		ui.type(keys.enter);
		// Without onOpenProjects the app adds the pane to the store itself.
		await vi.waitFor(() =>
			expect(actions(store)).toContain('addProject("33333333-cccc-4000-8000-000000000003", "checkout-edge")'),
		);
	});

	it("shows why the list failed, and Esc closes", async () => {
		const store = new ScriptedStore(twoPanes());
		const ui = await start(store, {
			listProjects: async () => {
				throw new Error("403 Forbidden: the token lacks a projects scope\x1b[31m");
			},
		});
		ui.type("a");
		await vi.waitFor(() => expect(ui.frame()).toContain("could not list projects: 403 Forbidden"));
		expect(ui.frame()).not.toContain("\x1b[31m");
		ui.type(keys.escape);
		await vi.waitFor(() => expect(ui.frame()).not.toContain("could not list projects"));
	});

	it("draws hostile project names without their escape sequences", async () => {
		const store = new ScriptedStore(twoPanes());
		const hostile: ProjectInfo[] = [
			{
				uuid: "44444444-dddd-4000-8000-000000000004",
				name: "evil\x1b]0;pwned\x07name\u202e",
				hostnames: ["x\x1b[2Jy"],
			},
		];
		const ui = await start(store, { listProjects: async () => hostile });
		ui.type("a");
		await vi.waitFor(() => expect(ui.frame()).toContain("evilname"));
		expect(ui.frame()).toContain("xy");
		expect(ui.frame()).not.toMatch(/\x1b\]|\x1b\[2J|\u202e/);
	});

	it("explains when there is no project list at all", async () => {
		const store = new ScriptedStore(twoPanes());
		const ui = await start(store);
		ui.type("a");
		await vi.waitFor(() =>
			expect(actions(store)).toEqual(['setNotice("no project list: open projects from the command line")']),
		);
	});
});

describe("rendering follows the store", () => {
	it("draws a new snapshot when the store publishes", async () => {
		const store = new ScriptedStore(twoPanes());
		const ui = await start(store, {}, 140);
		expect(ui.frame()).not.toContain("PAUSED");
		const next: Entry = entry("log", sample5, { index: 1, level: "warn", text: "slow upstream 812" });
		store.set(
			snapshot({
				panes: [
					pane({ id: projectA, title: "storefront", rows: [row(next)], paused: true, pausedNew: 3 }),
					pane({ id: projectB, title: "checkout" }),
				],
			}),
		);
		await vi.waitFor(() => expect(ui.frame()).toContain("PAUSED +3"));
		expect(ui.frame()).toContain("WARN  slow upstream 812");
	});
});
