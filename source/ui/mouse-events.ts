/**
 * The terminal's mouse, in SGR form (mode 1006): `ESC [ < button ; column ; row M` for a press or a
 * wheel step, `… m` for a release. Only reports are asked for (mode 1000: presses, releases and the
 * wheel), not motion: a tail does not need hover, and motion would flood the input with events.
 */

/** Turns mouse reports on: button events (1000) in SGR coordinates (1006), any size of terminal. */
export const mouseOn = "\u001b[?1000h\u001b[?1006h";
/** Turns them off again (on every way out, and while suspended). */
export const mouseOff = "\u001b[?1006l\u001b[?1000l";

export type MouseKind = "press" | "release" | "wheelUp" | "wheelDown";

export interface MouseEvent {
	readonly kind: MouseKind;
	/** 0 left, 1 middle, 2 right (for presses and releases). */
	readonly button: number;
	/** 0-based column and row of the screen. */
	readonly x: number;
	readonly y: number;
	readonly shift: boolean;
	readonly ctrl: boolean;
}

const sgrReport = /\u001b\[<(\d+);(\d+);(\d+)([Mm])/g;

/** The mouse reports in `data` (an input chunk), in order; none when it holds none. */
export function parseMouse(data: string): MouseEvent[] {
	if (!data.includes("\u001b[<")) return [];
	const events: MouseEvent[] = [];
	for (const match of data.matchAll(sgrReport)) {
		const code = Number(match[1]);
		const x = Number(match[2]) - 1;
		const y = Number(match[3]) - 1;
		// Bit 5 (32) is motion: not asked for, ignored if a terminal sends it anyway.
		if (code & 32 || x < 0 || y < 0) continue;
		const shift = (code & 4) !== 0;
		const ctrl = (code & 16) !== 0;
		const low = code & 3;
		if (code & 64) {
			// Wheel: 64 up, 65 down (66/67, sideways, are ignored).
			if (low > 1) continue;
			events.push({ kind: low === 0 ? "wheelUp" : "wheelDown", button: 0, x, y, shift, ctrl });
			continue;
		}
		if (code & 128) continue;
		events.push({ kind: match[4] === "M" ? "press" : "release", button: low, x, y, shift, ctrl });
	}
	return events;
}

/** True when `data` is made only of mouse reports (so nothing in it is a key). */
export function onlyMouse(data: string): boolean {
	return data.length > 0 && data.replace(sgrReport, "") === "";
}
