/**
 * Caches that outlive a frame. Ink's `Output` keeps its caches (tokenised lines, string widths) for
 * one frame only, so every frame re-tokenises and re-measures every visible row even when the row did
 * not change; most rows of the next frame are rows of the last one. These are the same caches, kept
 * across frames and bounded: each map has two generations, and when the young one is full the old one
 * is dropped, so what recent frames used stays and memory stays capped (about `limit` × 2 entries).
 */
import { type StyledChar, styledCharsFromTokens } from "@alcalzone/ansi-tokenize";
import stringWidth from "string-width";
import { fastTokenize } from "./fast-tokenize.js";
import { GenerationMap } from "./generation-map.js";
import { ignorable } from "./grapheme-edges.js";
import { readLineRuns } from "./line-runs.js";
import { type RowSegment, type SegmentShape, segmentShape } from "./row-join.js";

/** The last frame's row at one height: its segments and what they joined to. */
interface JoinedRow {
	readonly width: number;
	readonly segments: readonly RowSegment[];
	readonly line: string | null;
}

/** Same segments: same columns and the very same shapes (shapes are cached, one per line text). */
function sameSegments(a: readonly RowSegment[], b: readonly RowSegment[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) {
		const left = a[i] as RowSegment;
		const right = b[i] as RowSegment;
		if (left.x !== right.x || left.shape !== right.shape) return false;
	}
	return true;
}

/** One line of a many-line text, read alone: its encoding, and whether it leaves a style open. */
interface ClosedLine {
	readonly encoded: string;
	readonly open: boolean;
}

/** A line's styled characters, as Ink's `Output` reads them. */
function readChars(line: string): StyledChar[] {
	return styledCharsFromTokens(fastTokenize(line)).filter((character) => !ignorable.test(character.value));
}

/**
 * The three lookups Ink's `Output` makes of its caches object (same names, same results), plus the
 * ones the row join needs: lines of a text block and segment shapes.
 */
export class FrameCaches {
	readonly #widths = new GenerationMap<string, number>(8192);
	readonly #blockWidths = new GenerationMap<string, number>(2048);
	// Character arrays are the heavy entries (an object per character): fewer of them.
	readonly #styledChars = new GenerationMap<string, StyledChar[]>(1024);
	readonly #lines = new GenerationMap<string, readonly string[]>(2048);
	readonly #closed = new GenerationMap<string, ClosedLine>(4096);
	readonly #shapes = new GenerationMap<string, SegmentShape | null>(4096);
	readonly #charWidth = (value: string): number => this.getStringWidth(value);
	/** Last frame's rows by height: a row whose segments did not move is not joined again. */
	#joined: JoinedRow[] = [];

	getStyledChars(line: string): StyledChar[] {
		return this.#styledChars.getOrSet(line, readChars);
	}

	getStringWidth(text: string): number {
		return this.#widths.getOrSet(text, stringWidth);
	}

	getWidestLine(text: string): number {
		let cached = this.#blockWidths.get(text);
		if (cached === undefined) {
			cached = 0;
			for (const line of text.split("\n")) cached = Math.max(cached, this.getStringWidth(line));
			this.#blockWidths.set(text, cached);
		}
		return cached;
	}

	/**
	 * A written text split into its lines, each re-encoded on its own (styles carried across the
	 * newlines), as Ink's `Output` splits a write before clipping it. A text of many lines (a pane's
	 * body) is taken line by line when no line leaves a style open for the next: each line then reads
	 * the same alone as in the whole, and a frame re-reads only the lines that are new.
	 */
	linesOf(text: string, encode: (chars: StyledChar[]) => string): readonly string[] {
		let cached = this.#lines.get(text);
		if (cached === undefined) {
			cached =
				(text.includes("\n") ? this.#closedLines(text, encode) : null) ?? this.#wholeLines(text, encode);
			this.#lines.set(text, cached);
		}
		return cached;
	}

	#wholeLines(text: string, encode: (chars: StyledChar[]) => string): readonly string[] {
		const lines: StyledChar[][] = [[]];
		for (const character of this.getStyledChars(text)) {
			if (character.value === "\n") lines.push([]);
			else lines[lines.length - 1]?.push(character);
		}
		return lines.map(encode);
	}

	/** The lines one by one, or null when one of them (but the last) ends with a style still open. */
	#closedLines(text: string, encode: (chars: StyledChar[]) => string): readonly string[] | null {
		const parts = text.split("\n");
		const lines: string[] = [];
		for (let i = 0; i < parts.length; i++) {
			const line = this.#closedLine(parts[i] as string, encode);
			if (line.open && i < parts.length - 1) return null;
			lines.push(line.encoded);
		}
		return lines;
	}

	#closedLine(part: string, encode: (chars: StyledChar[]) => string): ClosedLine {
		let cached = this.#closed.get(part);
		if (cached === undefined) {
			cached = this.#closedLineByRuns(part) ?? this.#closedLineByChars(part, encode);
			this.#closed.set(part, cached);
		}
		return cached;
	}

	/** The line read run by run (no object per character), when its escapes are whole SGR codes. */
	#closedLineByRuns(part: string): ClosedLine | null {
		const read = readLineRuns(part, this.#charWidth);
		if (read === null) return null;
		if (read.encoded === part && !read.dropped && this.#shapes.get(part) === undefined)
			this.#shapes.set(part, read.shape);
		return { encoded: read.encoded, open: read.open };
	}

	#closedLineByChars(part: string, encode: (chars: StyledChar[]) => string): ClosedLine {
		{
			// A visible character after the line shows the styles the line leaves active.
			const chars = styledCharsFromTokens(fastTokenize(`${part}x`));
			const after = chars.pop();
			const visible = chars.filter((character) => !ignorable.test(character.value));
			const encoded = encode(visible);
			// A line that encodes to itself (bctail's rows do) tokenizes to these very characters: its
			// shape is known now, with no second reading (and no character array kept for it).
			if (encoded === part && visible.length === chars.length && this.#shapes.get(part) === undefined)
				this.#shapes.set(part, visible.length === 0 ? null : segmentShape(visible, this.#charWidth, encoded));
			return {
				encoded,
				// (Not the sentinel itself: the line ended inside an escape sequence; take the whole.)
				open: after === undefined || after.value !== "x" || after.styles.length > 0,
			};
		}
	}

	/**
	 * Row `y` joined from its segments, or last frame's string for that row when its segments are the
	 * same (most rows of a frame, when one pane of several scrolls or only a header changed).
	 */
	joinedRow(
		y: number,
		segments: readonly RowSegment[],
		width: number,
		join: (segments: readonly RowSegment[], width: number) => string | null,
	): string | null {
		const last = this.#joined[y];
		if (last !== undefined && last.width === width && sameSegments(last.segments, segments)) return last.line;
		const line = join(segments, width);
		// Rows past the screen's height are not kept (a shrink leaves at most the old height's worth).
		if (y < 1000) this.#joined[y] = { width, segments, line };
		return line;
	}

	/** The join's view of one final line; null when it has no visible character. */
	shapeOf(line: string): SegmentShape | null {
		let cached = this.#shapes.get(line);
		if (cached === undefined) {
			// The characters are read for the shape and dropped: the shape is what later frames need,
			// and character arrays (an object per character) are the heavy entries.
			cached = this.#shapeOfChars(readChars(line));
			this.#shapes.set(line, cached);
		}
		return cached;
	}

	#shapeOfChars(chars: readonly StyledChar[]): SegmentShape | null {
		return chars.length === 0 ? null : segmentShape(chars, this.#charWidth);
	}
}
