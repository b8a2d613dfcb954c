/**
 * Takes the mouse reports out of the terminal's input before Ink reads it. Ink 8 drops them (a
 * complete control sequence with no key is not passed to `useInput` nor to its input events), so
 * the reports are cut from each chunk at `stdin.read()`, the one call Ink reads input through, and
 * handed to `onReports`; the rest of the chunk goes on to Ink untouched.
 *
 * A report can be cut in two by a chunk boundary, as early as just after its ESC (a terminal, or tmux,
 * may write it in pieces, and a busy process reads what has come). So a chunk that ends with what may
 * begin a report (ESC, ESC [, ESC [ < and digits) keeps that end back until the next chunk says what it
 * was. Should nothing follow, it goes to Ink after `holdMs`: a lone ESC (the Escape key) reaches Ink
 * that much later, and Ink then waits for its own escape timeout as always.
 */
import { type MouseEvent, parseMouse } from "./mouse-events.js";

/** The end of a chunk that may be the start of a report. */
const partialReport = /\u001b(?:\[(?:<[\d;]*)?)?$/;
const wholeReports = /\u001b\[<\d+;\d+;\d+[Mm]/g;

/** How long a possible start of a report is held back when nothing follows it. */
export const holdMs = 20;

/** What a readable stream looks like to Ink (it sets the encoding: chunks are strings). */
interface Readable {
	read(size?: number): string | Buffer | null;
	/** To tell Ink that a held end is ready to be read (a stream's own `emit`). */
	emit?(event: "readable"): boolean;
}

/**
 * Taps `stdin` until the returned function is called (which puts `read` back as it was and gives up
 * anything held).
 * @param onReports called with the reports of each chunk that held any, in order
 */
export function tapMouse(stdin: Readable, onReports: (reports: MouseEvent[]) => void): () => void {
	const original = stdin.read;
	let held = "";
	let release: NodeJS.Timeout | null = null;
	let released = false;

	const cancelRelease = (): void => {
		if (release !== null) clearTimeout(release);
		release = null;
	};
	const hold = (text: string): void => {
		held = text;
		released = false;
		cancelRelease();
		release = setTimeout(() => {
			release = null;
			released = true;
			// Ink reads on 'readable': it calls `read`, which now hands over what was held.
			stdin.emit?.("readable");
		}, holdMs);
		release.unref?.();
	};

	const read = (size?: number): string | Buffer | null => {
		const chunk = original.call(stdin, size);
		if (chunk === null) {
			if (held === "" || !released) return null;
			const text = held;
			held = "";
			released = false;
			return text;
		}
		cancelRelease();
		const binary = typeof chunk !== "string";
		let text = held + (binary ? chunk.toString("utf8") : chunk);
		held = "";
		const partial = partialReport.exec(text);
		if (partial !== null) {
			hold(partial[0]);
			text = text.slice(0, partial.index);
		}
		if (text.includes("\u001b[<")) {
			const reports = parseMouse(text);
			text = text.replace(wholeReports, "");
			if (reports.length > 0) onReports(reports);
		}
		return binary ? Buffer.from(text, "utf8") : text;
	};
	stdin.read = read;
	return () => {
		cancelRelease();
		if (stdin.read === read) stdin.read = original;
	};
}
