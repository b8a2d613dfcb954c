/**
 * A faster `Output.get()` for Ink 8, installed at run time on Ink's own `Output` class (no file of
 * Ink's is changed). Ink builds every frame as a grid of width × height cell objects, writes each
 * text into it character by character, then turns every cell back into a string: ~1-2 µs per cell,
 * ~18 ms at 200x50, whether one row changed or all of them. This does the same work per written
 * segment instead of per cell: each write is clipped as Ink clips it, and each row is the join of its
 * segments (row-join.ts), with the caches kept across frames (frame-caches.ts). The string is the one
 * Ink's grid produces, byte for byte (test/ui/ink-output tests compare both on random frames).
 *
 * Where writes overlap in a row (a box background under text, an overlay over panes), the grid's
 * overwrite rules decide what shows: that frame is drawn by Ink's own `get()`, with the shared caches.
 *
 * The installer checks Ink's `output.js` against the version this was written for and leaves Ink as
 * published when it differs (the test named "Ink's output.js is the one the fast path was written
 * for" then fails loudly, so an Ink upgrade is a decision, not an accident). See
 * docs/ink-output-fast-path.md for the upstream proposal.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { type StyledChar, styledCharsToString } from "@alcalzone/ansi-tokenize";
import { FrameCaches } from "./frame-caches.js";
import { joinRow, type RowSegment } from "./row-join.js";

/** SHA-256 of `ink/build/output.js` in Ink 8.0.0, the file this replaces `get()` of. */
export const inkOutputDigest = "5e6c511c0a573f48cd5765d7f1f16583d2595f7b05775608382bdb990b63f225";

type Transformer = (line: string, index: number) => string;

interface Clip {
	readonly x1: number | undefined;
	readonly x2: number | undefined;
	readonly y1: number | undefined;
	readonly y2: number | undefined;
}

type Operation =
	| {
			readonly type: "write";
			readonly x: number;
			readonly y: number;
			readonly text: string;
			readonly transformers: readonly Transformer[];
	  }
	| { readonly type: "clip"; readonly clip: Clip }
	| { readonly type: "unclip" };

/** What of Ink's `Output` instance this reads and calls (all public at run time). */
export interface InkOutput {
	operations: Operation[];
	caches: unknown;
	width: number;
	height: number;
	sliceLineToColumns(line: string, from: number, to: number): string;
	get(): { output: string; height: number };
}

interface OutputClass {
	readonly prototype: InkOutput;
}

const encode = (chars: StyledChar[]): string => styledCharsToString(chars);

/** Frames drawn by the join and by Ink's grid, for the bench and tests. */
export const fastOutputStats = { joined: 0, grid: 0 };

/** Bounds that are undefined are open; intersecting keeps the tighter of two defined bounds. */
function tighter(a: number | undefined, b: number | undefined, pick: (x: number, y: number) => number) {
	if (a === undefined) return b;
	return b === undefined ? a : pick(a, b);
}

function intersect(outer: Clip | undefined, inner: Clip): Clip {
	if (outer === undefined) return inner;
	return {
		x1: tighter(outer.x1, inner.x1, Math.max),
		x2: tighter(outer.x2, inner.x2, Math.min),
		y1: tighter(outer.y1, inner.y1, Math.max),
		y2: tighter(outer.y2, inner.y2, Math.min),
	};
}

function clipIsEmpty(clip: Clip): boolean {
	return (
		(clip.x1 !== undefined && clip.x2 !== undefined && clip.x1 >= clip.x2) ||
		(clip.y1 !== undefined && clip.y2 !== undefined && clip.y1 >= clip.y2)
	);
}

/**
 * Adds one write's lines to `rows` as segments, clipped the way Ink's `applyWriteOperation` clips
 * them (including its edge arithmetic). False when the frame needs the grid (a negative column).
 */
function placeWrite(
	output: InkOutput,
	caches: FrameCaches,
	operation: Extract<Operation, { type: "write" }>,
	clip: Clip | undefined,
	rows: RowSegment[][],
): boolean {
	let { x, y } = operation;
	let lines = caches.linesOf(operation.text, encode);
	if (clip !== undefined) {
		if (clipIsEmpty(clip)) return true;
		const horizontal = clip.x1 !== undefined && clip.x2 !== undefined;
		const vertical = clip.y1 !== undefined && clip.y2 !== undefined;
		if (horizontal) {
			const width = caches.getWidestLine(operation.text);
			if (x + width < (clip.x1 as number) || x > (clip.x2 as number)) return true;
		}
		if (vertical && (y + lines.length < (clip.y1 as number) || y > (clip.y2 as number))) return true;
		if (horizontal) {
			const x1 = clip.x1 as number;
			const x2 = clip.x2 as number;
			const at = x;
			lines = lines.map((line) => {
				const from = at < x1 ? x1 - at : 0;
				const width = caches.getStringWidth(line);
				const to = at + width > x2 ? x2 - at : width;
				// A line that fits keeps its text: slicing it whole would encode it again, unchanged.
				return from === 0 && to === width ? line : output.sliceLineToColumns(line, from, to);
			});
			if (x < x1) x = x1;
		}
		if (vertical) {
			const y1 = clip.y1 as number;
			const y2 = clip.y2 as number;
			const from = y < y1 ? y1 - y : 0;
			const to = y + lines.length > y2 ? y2 - y : lines.length;
			lines = lines.slice(from, to);
			if (y < y1) y = y1;
		}
	}
	for (let index = 0; index < lines.length; index++) {
		const row = rows[y + index];
		// Lines above or below the output have no row.
		if (row === undefined) continue;
		let line = lines[index] as string;
		for (const transformer of operation.transformers) line = transformer(line, index + y - operation.y);
		const shape = caches.shapeOf(line);
		if (shape === null) continue;
		if (x < 0) return false;
		row.push({ x, shape });
	}
	return true;
}

const byColumn = (a: RowSegment, b: RowSegment): number => a.x - b.x;

/** The frame as rows joined from segments, or null when it needs Ink's grid. */
export function joinFrame(output: InkOutput, caches: FrameCaches): string | null {
	const rows: RowSegment[][] = [];
	for (let y = 0; y < output.height; y++) rows.push([]);
	const clips: Clip[] = [];
	for (const operation of output.operations) {
		if (operation.type === "clip") clips.push(intersect(clips[clips.length - 1], operation.clip));
		else if (operation.type === "unclip") clips.pop();
		else if (!placeWrite(output, caches, operation, clips[clips.length - 1], rows)) return null;
	}
	const lines: string[] = [];
	for (let y = 0; y < rows.length; y++) {
		const row = rows[y] as RowSegment[];
		if (row.length > 1) row.sort(byColumn);
		const line = caches.joinedRow(y, row, output.width, joinRow);
		if (line === null) return null;
		lines.push(line);
	}
	return lines.join("\n");
}

/** Reads Ink's `output.js` and says whether it is the file the fast path was written for. */
export function inkOutputMatches(file: string, digest: string = inkOutputDigest): boolean {
	try {
		return createHash("sha256").update(readFileSync(file)).digest("hex") === digest;
	} catch {
		return false;
	}
}

/**
 * Replaces `get()` on Ink's `Output` class; returns false (and changes nothing) when the class is
 * not the expected one. Idempotent.
 */
export function installFastOutput(Output: OutputClass): boolean {
	const prototype = Output.prototype as InkOutput & { __bctailFast?: boolean };
	if (prototype.__bctailFast === true) return true;
	const inkGet = prototype.get;
	if (typeof inkGet !== "function" || typeof prototype.sliceLineToColumns !== "function") return false;
	const caches = new FrameCaches();
	prototype.get = function get(this: InkOutput) {
		this.caches = caches;
		const joined = joinFrame(this, caches);
		if (joined === null) {
			fastOutputStats.grid++;
			return inkGet.call(this);
		}
		fastOutputStats.joined++;
		return { output: joined, height: this.height };
	};
	prototype.__bctailFast = true;
	return true;
}
