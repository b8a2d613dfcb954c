/**
 * The app on the real store, driven only through stdin, with what a key can change read back as one
 * plain value: the view model (overlay, search input, picker), the log model's focus, layout, search
 * and cursors, and the app effects (quit, copy). Two harnesses fed the same keys, one as a single
 * chunk and one key per write, must end up equal: that is how key bursts are tested.
 */
import { render } from "ink-testing-library";
import type { TailEvent } from "../../../source/model/types.js";
import { createTailStore } from "../../../source/store/store.js";
import type { Entry } from "../../../source/store/types.js";
import { ViewModel } from "../../../source/store/view-model.js";
import { App } from "../../../source/ui/app.js";
import { ManualClock } from "../../../source/util/clock.js";
import { event, projectA, projectB, status, tick } from "./fixtures.js";

const start = Date.UTC(2026, 5, 1, 12, 0, 0);

/** Event `i` of `project`: a request with two log lines, every third one with an exception. */
function sample(i: number, project: string): TailEvent {
	const time = new Date(start + i * 10).toISOString();
	return event(
		{
			uuid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
			project_uuid: project,
			request: { method: "GET", url: `https://shop.example.com/p/${i}`, status_code: 200 },
			logs: [
				{ timestamp: time, level: "info", messages: [`qwer ${i}`] },
				{ timestamp: time, level: "warn", messages: [`step ${i} of the checkout`] },
			],
			exceptions:
				i % 3 === 0
					? [{ name: "TypeError", message: `bad ${i}`, stack: `TypeError: bad ${i}\n    at h (w.js:${i}:1)` }]
					: [],
			timestamp: time,
		},
		start + i * 10,
		project,
	);
}

/** An entry by what it shows, not by its store-wide sequence number. */
function entryId(entry: Entry): string {
	return `${entry.kind}:${entry.event?.uuid ?? ""}:${entry.index}`;
}

export interface KeyHarness {
	/** Writes each argument to stdin as one chunk. */
	write(...chunks: string[]): void;
	/** Everything the keys so far changed, as a plain value. */
	state(): unknown;
	/** The last frame drawn. */
	frame(): string;
	unmount(): void;
}

/** Two projects of 12 events each, on a manual clock, at 100x30. */
export async function startKeyHarness(): Promise<KeyHarness> {
	const clock = new ManualClock(start);
	// A search over these few entries is one slice however busy the machine: the slices' budget is real
	// time, and a slice cut short on one app and not on the other would let `n` land on different
	// matches (slicing has its own tests: test/store/search-slicing.test.ts).
	const store = createTailStore({ clock, frameIntervalMs: 50, searchSliceMs: 60_000 });
	const view = new ViewModel();
	for (const [uuid, name] of [
		[projectA, "storefront"],
		[projectB, "checkout"],
	] as const) {
		store.addProject(uuid, name);
		store.status(uuid, status("live"));
		for (let i = 0; i < 12; i++) store.event(uuid, sample(i, uuid));
	}
	store.flush();
	const effects = { quits: 0, suspends: 0, copies: [] as string[] };
	const app = render(
		<App
			store={store}
			view={view}
			width={100}
			height={30}
			onQuit={() => effects.quits++}
			onSuspend={() => effects.suspends++}
			write={(text) => effects.copies.push(text)}
		/>,
	);
	await tick();
	return {
		write: (...chunks) => {
			for (const chunk of chunks) app.stdin.write(chunk);
		},
		state: () => {
			const ui = view.getSnapshot();
			const snapshot = store.getSnapshot();
			const overlay = ui.overlay;
			return {
				overlay:
					overlay === null
						? null
						: overlay.kind === "help"
							? overlay
							: { ...overlay, entry: entryId(overlay.entry) },
				searchInput: ui.searchInput,
				picker: ui.picker,
				focus: snapshot.focus,
				layout: snapshot.layout,
				zoom: snapshot.zoom,
				timeFormat: snapshot.timeFormat,
				notice: snapshot.notice,
				search: snapshot.search && {
					query: snapshot.search.query,
					mode: snapshot.search.mode,
					scope: snapshot.search.scope,
				},
				panes: snapshot.panes.map((pane) => ({
					id: pane.id,
					follow: pane.follow,
					paused: pane.paused,
					cursor: pane.rows.filter((row) => row.cursor).map((row) => entryId(row.entry)),
				})),
				effects: structuredClone(effects),
			};
		},
		frame: () => app.lastFrame() ?? "",
		unmount: () => {
			app.unmount();
			store.dispose();
		},
	};
}
