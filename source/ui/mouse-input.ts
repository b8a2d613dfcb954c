/**
 * Takes the mouse reports out of the terminal's input before Ink reads it. Ink 8 drops them (a
 * complete control sequence with no key is not passed to `useInput` nor to its input events), so
 * the reports are cut from each chunk at `stdin.read()`, the one call Ink reads input through, and
 * handed to `onReports`; the rest of the chunk goes on to Ink untouched. A report cut in two by a
 * chunk boundary is held until its end arrives.
 */
import { type MouseEvent, parseMouse } from "./mouse-events.js";

/** The end of a chunk that may be the start of a report: ESC [ < and digits or semicolons. */
const partialReport = /\u001b\[<[\d;]*$/;
const wholeReports = /\u001b\[<\d+;\d+;\d+[Mm]/g;

/** What a readable stream's `read` looks like (Ink sets the encoding: chunks are strings). */
interface Readable {
	read(size?: number): string | Buffer | null;
}

/**
 * Taps `stdin` until the returned function is called (which puts `read` back as it was).
 * @param onReports called with the reports of each chunk that held any, in order
 */
export function tapMouse(stdin: Readable, onReports: (reports: MouseEvent[]) => void): () => void {
	const original = stdin.read;
	let held = "";
	const read = (size?: number): string | Buffer | null => {
		const chunk = original.call(stdin, size);
		if (chunk === null) {
			// A held start with nothing after it was not a report: give it to Ink after all.
			if (held === "") return null;
			const text = held;
			held = "";
			return text;
		}
		const binary = typeof chunk !== "string";
		let text = held + (binary ? chunk.toString("utf8") : chunk);
		held = "";
		const partial = partialReport.exec(text);
		if (partial !== null) {
			held = partial[0];
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
		if (stdin.read === read) stdin.read = original;
	};
}
