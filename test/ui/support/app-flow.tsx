/**
 * The app on the real store for flow tests: events go in through the store's sink, keys through
 * stdin, frames out without colours. The store runs on a manual clock; after ingest `feed` flushes
 * (the frame timer would do it in real time).
 */
import { render } from "ink-testing-library";
import { vi } from "vitest";
import type { TailEvent } from "../../../source/model/types.js";
import { createTailStore } from "../../../source/store/store.js";
import { App } from "../../../source/ui/app.js";
import { ManualClock } from "../../../source/util/clock.js";
import { plain, projectA, status, tick } from "./fixtures.js";

export interface AppFlowOptions {
	/** The projects opened, live (the first is "storefront", others "checkout"). */
	readonly projects?: readonly string[];
	readonly width?: number;
	readonly height?: number;
	/** The manual clock's start. */
	readonly start: number;
	/** Receives what unmounts the app and disposes of the store (run it after the test). */
	readonly onCleanup: (cleanup: () => void) => void;
}

/** Renders the app on a fresh store with the projects open and live. */
export async function startApp(options: AppFlowOptions) {
	const { projects = [projectA], width = 100, height = 14 } = options;
	const clock = new ManualClock(options.start);
	const store = createTailStore({ clock, frameIntervalMs: 50 });
	for (const uuid of projects) store.addProject(uuid, uuid === projectA ? "storefront" : "checkout");
	for (const uuid of projects) store.status(uuid, status("live"));
	store.flush();
	const onQuit = vi.fn();
	const app = render(<App store={store} onQuit={onQuit} width={width} height={height} />);
	options.onCleanup(() => {
		app.unmount();
		store.dispose();
	});
	await tick();
	return {
		clock,
		store,
		onQuit,
		// The store's frame timer runs on the manual clock, which these tests do not advance: reading the
		// frame publishes what changed since (a search whose slices ran after the last key, on a busy
		// machine), as the timer would; the wait that reads it again sees the frame drawn from it.
		frame: () => {
			store.flush();
			return plain(app.lastFrame());
		},
		/** Delivers events as the stream client would, then publishes. */
		feed(events: readonly TailEvent[], project = projectA) {
			for (const ev of events) store.event(project, ev);
			store.flush();
		},
		type: (...inputs: string[]) => {
			for (const input of inputs) app.stdin.write(input);
		},
	};
}
