/**
 * Finishes wrapping an overlay in the background, in slices of a few milliseconds that yield to input
 * between them (`setImmediate`), so that a huge event's overlay opens at once and its footer learns the
 * total line count later; the component re-renders once the count is known.
 */
import { useEffect, useState } from "react";
import type { WrappedLines } from "./wrapped-lines.js";

/** About this long per slice: well under a frame, so a key pressed meanwhile is answered promptly. */
const sliceMs = 4;

export function useBackgroundWrap(lines: WrappedLines): void {
	const [, setDone] = useState<WrappedLines | null>(null);
	useEffect(() => {
		if (lines.complete) return;
		let handle: NodeJS.Immediate | null = null;
		const step = (): void => {
			if (lines.advance(sliceMs)) {
				handle = null;
				setDone(lines);
			} else handle = setImmediate(step);
		};
		handle = setImmediate(step);
		return () => {
			if (handle !== null) clearImmediate(handle);
		};
	}, [lines]);
}
