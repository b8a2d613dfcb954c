/**
 * The fast output path against Ink's own grid, on the same `Output` instances: random frames of
 * styled, wide, clipped and multi-line writes must give the same string, byte for byte. Ink's class is
 * used unpatched here (the frame is computed both ways on one instance).
 */
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type InkOutput, inkOutputMatches, joinFrame } from "../../../source/ui/ink-output/fast-output.js";
import { FrameCaches } from "../../../source/ui/ink-output/frame-caches.js";
import { GenerationMap } from "../../../source/ui/ink-output/generation-map.js";
import { inkOutputUrl } from "../../../source/ui/ink-output/install.js";

const { default: Output } = (await import(inkOutputUrl().href)) as {
	default: new (options: {
		width: number;
		height: number;
	}) => InkOutput & {
		write(
			x: number,
			y: number,
			text: string,
			options: { transformers: ((s: string, i: number) => string)[] },
		): void;
		clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
		unclip(): void;
	};
};

const sgr = {
	red: ["\u001B[31m", "\u001B[39m"],
	bgYellow: ["\u001B[43m", "\u001B[49m"],
	bold: ["\u001B[1m", "\u001B[22m"],
	dim: ["\u001B[2m", "\u001B[22m"],
	inverse: ["\u001B[7m", "\u001B[27m"],
	gray: ["\u001B[90m", "\u001B[39m"],
} as const;
type Style = keyof typeof sgr;
const styleNames = Object.keys(sgr) as Style[];

const piece = fc.record({
	text: fc.constantFrom(
		"a",
		"bc",
		" ",
		"  ",
		"日本",
		"🔥",
		"é",
		"│",
		"x y",
		"GET /p/1",
		"\u200B",
		"a\nb",
		"\n",
	),
	styles: fc.subarray(styleNames, { maxLength: 2 }),
});
const styledText = fc
	.array(piece, { minLength: 1, maxLength: 6 })
	.map((pieces) =>
		pieces
			.map(({ text, styles }) =>
				styles.reduce<string>((inner, style) => `${sgr[style][0]}${inner}${sgr[style][1]}`, text),
			)
			.join(""),
	);
const write = fc.record({
	type: fc.constant("write" as const),
	x: fc.integer({ min: 0, max: 24 }),
	y: fc.integer({ min: -2, max: 8 }),
	text: styledText,
	transform: fc.constantFrom("none", "bold", "index"),
});
const clip = fc.record({
	type: fc.constant("clip" as const),
	x1: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
	x2: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
	y1: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
	y2: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
});
const operation = fc.oneof(
	{ arbitrary: write, weight: 5 },
	{ arbitrary: clip, weight: 1 },
	{ arbitrary: fc.constant({ type: "unclip" as const }), weight: 1 },
);

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

const transformers: Record<"none" | "bold" | "index", ((line: string, index: number) => string)[]> = {
	none: [],
	bold: [(line: string) => `${sgr.bold[0]}${line}${sgr.bold[1]}`],
	index: [(line: string, index: number) => (index % 2 === 0 ? line : `${sgr.red[0]}${line}${sgr.red[1]}`)],
};

function frame(width: number, height: number, operations: Operation[]) {
	const output = new Output({ width, height });
	let depth = 0;
	for (const op of operations) {
		if (op.type === "write") output.write(op.x, op.y, op.text, { transformers: transformers[op.transform] });
		else if (op.type === "clip") {
			depth++;
			output.clip(op);
		} else if (depth > 0) {
			depth--;
			output.unclip();
		}
	}
	return output;
}

describe("the fast output path", () => {
	it("Ink's output.js is the one the fast path was written for", () => {
		// Fails on an Ink upgrade: re-check fast-output.ts against the new output.js, then update the digest.
		expect(inkOutputMatches(fileURLToPath(inkOutputUrl()))).toBe(true);
	});

	it("draws every random frame exactly as Ink's grid does, or hands it to the grid", () => {
		const caches = new FrameCaches();
		let joined = 0;
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 30 }),
				fc.integer({ min: 1, max: 8 }),
				fc.array(operation, { maxLength: 12 }),
				(width, height, operations) => {
					const output = frame(width, height, operations);
					const fast = joinFrame(output, caches);
					const grid = output.get().output;
					if (fast !== null) {
						joined++;
						expect(fast).toBe(grid);
					}
				},
			),
			{ numRuns: 3000 },
		);
		// Most random frames overlap somewhere; enough of them must not, or this proves nothing.
		expect(joined).toBeGreaterThan(300);
	});

	it("re-uses a row whose segments did not change, and only then (frames in a row, shared caches)", () => {
		// Few texts and places, so consecutive frames share rows, move them, or change one of several.
		const texts = [`${sgr.red[0]}500${sgr.red[1]} GET`, "plain row", `${sgr.dim[0]}日本${sgr.dim[1]}`];
		const place = fc.record({
			x: fc.constantFrom(0, 10),
			y: fc.integer({ min: 0, max: 3 }),
			text: fc.constantFrom(...texts),
			transform: fc.constantFrom("none" as const, "index" as const),
		});
		const caches = new FrameCaches();
		let joined = 0;
		fc.assert(
			fc.property(fc.array(fc.array(place, { maxLength: 6 }), { minLength: 2, maxLength: 6 }), (frames) => {
				for (const places of frames) {
					const output = new Output({ width: 20, height: 4 });
					for (const each of places)
						output.write(each.x, each.y, each.text, { transformers: transformers[each.transform] });
					const fast = joinFrame(output, caches);
					if (fast === null) continue;
					joined++;
					expect(fast).toBe(output.get().output);
				}
			}),
			{ numRuns: 400 },
		);
		expect(joined).toBeGreaterThan(400);
	});

	it("draws side-by-side boxes (no overlap) by the join, exactly", () => {
		const caches = new FrameCaches();
		const fc2 = new Output({ width: 40, height: 3 });
		for (const [x, label] of [
			[0, "left"],
			[20, "rght"],
		] as const) {
			fc2.write(x, 0, `${sgr.gray[0]}╭──────────────────╮${sgr.gray[1]}`, { transformers: [] });
			fc2.write(x, 1, `${sgr.gray[0]}│${sgr.gray[1]}\n`, { transformers: [] });
			fc2.write(x + 1, 1, `${sgr.dim[0]}12:00${sgr.dim[1]} ${sgr.red[0]}500${sgr.red[1]} ${label} 日`, {
				transformers: [],
			});
			fc2.write(x + 19, 1, `${sgr.gray[0]}│${sgr.gray[1]}`, { transformers: [] });
			fc2.write(x, 2, `${sgr.gray[0]}╰──────────────────╯${sgr.gray[1]}`, { transformers: [] });
		}
		const fast = joinFrame(fc2, caches);
		expect(fast).not.toBeNull();
		expect(fast).toBe(fc2.get().output);
	});

	it("hands a frame with overlapping writes to the grid", () => {
		const output = new Output({ width: 10, height: 1 });
		output.write(0, 0, "          ", { transformers: [] });
		output.write(2, 0, "hi", { transformers: [] });
		expect(joinFrame(output, new FrameCaches())).toBeNull();
	});
});

describe("GenerationMap", () => {
	it("keeps at most two generations and promotes what is used again", () => {
		const map = new GenerationMap<number, number>(2);
		map.set(1, 1);
		map.set(2, 2);
		map.set(3, 3); // 1 and 2 are now the old generation
		expect(map.get(1)).toBe(1); // promoted into the young one
		map.set(4, 4); // young full (3, 1): 3 and 1 become old, 2 is dropped
		expect(map.get(2)).toBeUndefined();
		expect(map.get(1)).toBe(1);
		expect(map.size).toBeLessThanOrEqual(4);
	});
});
