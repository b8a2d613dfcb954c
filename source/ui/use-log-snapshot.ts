/**
 * The log model's snapshot in React, paced: store notifications reach React at most once per frame
 * interval (see frame-pacer.ts), except search news the user is waiting for (search-news.ts).
 */
import { useCallback, useLayoutEffect, useSyncExternalStore } from "react";
import type { StoreSnapshot, TailStore } from "../store/types.js";
import type { FramePacer } from "./frame-pacer.js";
import { isSearchNews } from "./search-news.js";

/**
 * Subscribes to `store` through `pacer` and returns the current snapshot.
 * @param renderStart when this render began (`performance.now()`), for the pacer's cost measure
 */
export function useLogSnapshot(store: TailStore, pacer: FramePacer, renderStart: number): StoreSnapshot {
	const subscribe = useCallback(
		(listener: () => void) => {
			let seen: StoreSnapshot["search"] = null;
			const searchNews = (): boolean => {
				let next: StoreSnapshot["search"];
				try {
					next = store.getSnapshot().search;
				} catch {
					// A store that cannot give a snapshot fails the render, where errors are handled.
					return true;
				}
				const news = isSearchNews(seen, next);
				seen = next;
				return news;
			};
			return pacer.pace((l) => store.subscribe(l), searchNews)(listener);
		},
		[store, pacer],
	);
	const getSnapshot = useCallback(() => store.getSnapshot(), [store]);
	const snapshot = useSyncExternalStore(subscribe, getSnapshot);
	// Render, reconciliation and layout of this frame: the pacer's measure when nothing reports whole
	// frames (runTui does, from Ink's onRender, and then this is ignored).
	useLayoutEffect(() => pacer.addCost(performance.now() - renderStart));
	return snapshot;
}
