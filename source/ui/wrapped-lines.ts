/**
 * An overlay's lines wrapped to its width lazily: screen rows are cut only as far as someone asks (the
 * rows on screen, a scroll target), so opening the detail of a 7 MB event costs the first screen, not
 * the whole text, and scrolling to row N costs O(N) once. The rows cut so far are kept (they are
 * slices of the lines' text), and `advance` cuts the rest in slices in the background to learn the
 * total. A newline still in a line (a uuid or URL from the stream may carry one) breaks it too: one
 * row is one screen line. The lines themselves may come lazily (any iterable: the detail overlay's
 * raw event is pretty-printed line by line as rows are cut), and are taken only as far as rows are.
 */
import type { OverlayLine } from "./overlay-content.js";
import { rowEnd, type ScanProbe } from "./truncate-to-width.js";

export class WrappedLines {
	readonly #lines: Iterator<OverlayLine>;
	readonly #width: number;
	readonly #probe: ScanProbe | undefined;
	readonly #rows: OverlayLine[] = [];
	/** The line being cut (null once every line is), where the next row starts in it, and where its current part ends (a newline or its end). */
	#line: OverlayLine | null;
	#start = 0;
	#partEnd = -1;

	constructor(lines: Iterable<OverlayLine>, width: number, probe?: ScanProbe) {
		this.#lines = lines[Symbol.iterator]();
		this.#width = width;
		this.#probe = probe;
		this.#line = this.#take();
	}

	/** Whether every row is cut (then `count` is the total). */
	get complete(): boolean {
		return this.#line === null;
	}

	#take(): OverlayLine | null {
		const next = this.#lines.next();
		return next.done === true ? null : next.value;
	}

	/** Rows cut so far. */
	get count(): number {
		return this.#rows.length;
	}

	/**
	 * The first row shown at `scroll` with `rows` on screen, never past the last screen of the rows
	 * cut so far. `scroll` Infinity is the bottom (End): the last screen once every row is cut.
	 */
	top(scroll: number, rows: number): number {
		if (scroll !== Number.POSITIVE_INFINITY) this.ensure(scroll + rows);
		return Math.min(scroll, Math.max(0, this.#rows.length - rows));
	}

	/** Cuts rows until there are at least `rows` of them or every row is cut. */
	ensure(rows: number): void {
		while (this.#rows.length < rows && !this.complete) this.#cutRow();
	}

	/** Up to `count` rows from `start` on (cutting them first if needed). */
	rows(start: number, count: number): OverlayLine[] {
		this.ensure(start + count);
		return this.#rows.slice(start, start + count);
	}

	/** Every row (cuts them all). */
	all(): OverlayLine[] {
		this.ensure(Number.POSITIVE_INFINITY);
		return this.#rows.slice();
	}

	/** Cuts rows for about `ms` milliseconds; true once every row is cut. */
	advance(ms: number): boolean {
		const until = performance.now() + ms;
		while (!this.complete) {
			for (let i = 0; i < 256 && !this.complete; i++) this.#cutRow();
			if (performance.now() >= until) break;
		}
		return this.complete;
	}

	/** Cuts the next row of the current line (an empty part is one empty row). */
	#cutRow(): void {
		const line = this.#line as OverlayLine;
		const text = line.text;
		if (this.#partEnd < this.#start) {
			const newline = text.indexOf("\n", this.#start);
			this.#partEnd = newline < 0 ? text.length : newline;
		}
		const width = this.#width;
		const end = width <= 0 ? this.#partEnd : rowEnd(text, this.#start, width, this.#partEnd, this.#probe);
		this.#rows.push(
			end - this.#start === text.length ? line : { ...line, text: text.slice(this.#start, end) },
		);
		if (end < this.#partEnd) {
			this.#start = end;
			return;
		}
		// The part is done: the next one starts after its newline, or the next line starts.
		if (end < text.length) {
			this.#start = end + 1;
			this.#partEnd = -1;
			return;
		}
		this.#line = this.#take();
		this.#start = 0;
		this.#partEnd = -1;
	}
}
