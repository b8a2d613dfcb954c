/**
 * The log model's snapshot in React. The store's frame scheduler already decides when a snapshot is
 * published (at most one per frame interval, at once after a key or for search news), so every
 * publish is a frame: nothing here paces or filters.
 */
import { useSyncExternalStore } from "react";
import type { StoreSnapshot, TailStore } from "../store/types.js";

/** Subscribes to `store` and returns its current snapshot. */
export function useLogSnapshot(store: TailStore): StoreSnapshot {
	return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
