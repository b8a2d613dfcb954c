/**
 * How much memory the scrollback may use when `--memory` does not say: half of the heap V8 will grow
 * to (the rest is rendering, parsing and the collector's headroom), and never more than a quarter of
 * the machine's memory. Past it, the oldest entries go first (the pane header says so).
 */
import { totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";

const MiB = 1024 * 1024;

export function defaultMemoryBudget(
	heapLimit: number = getHeapStatistics().heap_size_limit,
	machine: number = totalmem(),
): number {
	return Math.floor(Math.min(heapLimit * 0.5, machine * 0.25));
}

/** `--memory <MiB>` in bytes, or the default. */
export function memoryBudget(flagMiB: number | undefined): number {
	return flagMiB === undefined ? defaultMemoryBudget() : Math.floor(flagMiB * MiB);
}
