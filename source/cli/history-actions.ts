/**
 * What the TUI's history keys do, between the session (which reads history) and the store (which
 * places it): one scroll-back step (`g`, up past the oldest row), going to a time (`T`), and in filter
 * mode the next page back through history that the search's server-side filters match.
 */
import type { RecentSearches } from "../store/recent-searches.js";
import type { TailStore } from "../store/types.js";
import type { HistoryEffects } from "../ui/commands.js";
import type { SessionController } from "./session-controller.js";

/** How many pages one scroll-back step may read when every entry of a page was already shown (or held). */
const maxEmptySteps = 3;

/**
 * One scroll-back step: the next older page of history in front of the pane. The pane's header says
 * "loading older…" meanwhile, and it says so when nothing older is left (or the pane is full).
 */
export async function loadOlder(store: TailStore, session: SessionController, uuid: string): Promise<void> {
	store.setOlderState(uuid, "loading");
	const before = store.oldestTime(uuid) ?? Date.now();
	for (let step = 0; step < maxEmptySteps; step++) {
		const result = await session.loadOlder(uuid, before);
		if (result.kind === "off") return store.setOlderState(uuid, "off");
		if (result.kind === "failed") {
			store.setNotice(`older history not loaded: ${result.reason}`, 10_000);
			return store.setOlderState(uuid, "idle");
		}
		if (result.events.length > 0) {
			const taken = store.prependOlder(uuid, result.events);
			const full = taken < result.events.length;
			if (full)
				store.setNotice("the pane is full: older history is not loaded (see --scrollback, --memory)", 10_000);
			return store.setOlderState(uuid, full || !result.more ? "exhausted" : "idle");
		}
		if (!result.more) return store.setOlderState(uuid, "exhausted");
		// A page of what the pane already shows, or held back whole: the walk goes on from its cursor.
	}
	store.setOlderState(uuid, "idle");
}

/**
 * Shows a pane at `atMs`: when the pane does not hold that time, the window of history around it is
 * read first (the header says "loading older…" meanwhile) and placed (`TailStore.placeTimeWindow`);
 * then the cursor goes to the first row at or after it. A failed read says so and still moves as far
 * as the pane holds.
 */
export async function goToTime(
	store: TailStore,
	session: SessionController,
	uuid: string,
	atMs: number,
	seconds: boolean,
): Promise<void> {
	const plan = store.planTimeJump(uuid, atMs);
	if (plan.load) {
		store.setOlderState(uuid, "loading");
		const result = await session.loadAround(uuid, atMs, plan.untilMs ?? Date.now());
		if (result.kind === "events") {
			store.placeTimeWindow(uuid, result);
			store.setOlderState(uuid, result.more ? "idle" : "exhausted");
		} else {
			store.setNotice(`history around that time not loaded: ${result.reason}`, 10_000);
			store.setOlderState(uuid, result.kind === "off" ? "off" : "idle");
		}
	}
	if (!store.goToTime(uuid, atMs, seconds)) store.setNotice("nothing at or after that time yet", 10_000);
}

/**
 * One step of "search older history" in filter mode: the page of history before the pane's oldest
 * row that the search's server-side filters match, in front of the pane (the first step of a search
 * puts a marker row under it: the rows above are only those matches). The notice says how far back
 * the search has gone.
 */
export async function searchOlder(store: TailStore, session: SessionController, uuid: string): Promise<void> {
	const server = store.olderSearch(uuid);
	if (server === null) return;
	store.setOlderState(uuid, "loading");
	const before = store.oldestTime(uuid) ?? Date.now();
	const result = await session.loadFiltered(uuid, server.filters, before);
	store.setOlderState(uuid, result.kind === "off" ? "off" : "idle");
	if (result.kind !== "events") {
		store.setNotice(`older history not searched: ${result.reason}`, 10_000);
		return;
	}
	const sent = server.words.length === 0 ? "every entry" : server.words.join(" ");
	const mark = result.continued ? null : `above: older history, only ${sent} (then the search)`;
	const taken = store.placeFilteredOlder(uuid, result.events, mark);
	const back = `back to ${new Date(result.fromMs).toLocaleString("en-GB", { weekday: "short", hour: "2-digit", minute: "2-digit" })}`;
	const tail = result.more ? "o: older" : "the last 7 days searched";
	const full = taken < result.events.length ? " · the pane is full (see --scrollback)" : "";
	store.setNotice(`history: ${taken} older events with ${sent}, ${back} · ${tail}${full}`, 10_000);
}

/**
 * The TUI's history keys, wired to a store and a session (what `runTui` takes), and the recent
 * searches the search input's ↑ / ↓ walk.
 */
export function historyKeys(
	store: TailStore,
	session: SessionController,
	recentSearches?: RecentSearches,
): { onLoadOlder: (uuid: string) => void; history: HistoryEffects } {
	return {
		onLoadOlder: (uuid) => void loadOlder(store, session, uuid),
		history: {
			goToTime: (uuid, atMs, seconds) => void goToTime(store, session, uuid, atMs, seconds),
			searchOlder: (uuid) => void searchOlder(store, session, uuid),
			recentSearches,
		},
	};
}
