/**
 * A row drawn as one pre-styled string (SpanLine) must be the very bytes Ink draws for the same spans
 * as a nested `<Text>` each: random spans, every style and colour form, inside and outside a
 * `<Box backgroundColor>`, colours on.
 */
import chalk from "chalk";
import fc from "fast-check";
import { Box, Text } from "ink";
import { render } from "ink-testing-library";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SpanLine } from "../../source/ui/span-line.js";
import { isPlain } from "../../source/ui/styled-text.js";
import type { Span } from "../../source/ui/truncate-to-width.js";

const level = chalk.level;
beforeAll(() => {
	chalk.level = 3;
});
afterAll(() => {
	chalk.level = level;
});

/** What SpanLine drew before: a nested `<Text>` per styled span, bare strings for plain ones. */
function NestedLine(props: { spans: readonly Span[]; inverse?: boolean }) {
	return (
		<Text wrap="truncate" inverse={props.inverse}>
			{props.spans.map((span, i) =>
				isPlain(span) ? (
					span.text
				) : (
					<Text
						// biome-ignore lint/suspicious/noArrayIndexKey: positional spans.
						key={i}
						color={span.color}
						backgroundColor={span.backgroundColor}
						bold={span.bold}
						dimColor={span.dim}
						inverse={span.inverse}
					>
						{span.text}
					</Text>
				),
			)}
		</Text>
	);
}

const color = fc.option(
	fc.constantFrom("cyan", "gray", "yellow", "black", "#1c1c1c", "ansi256(42)", "rgb(1, 2, 3)"),
	{
		nil: undefined,
	},
);
const span: fc.Arbitrary<Span> = fc.record(
	{
		text: fc.constantFrom("GET ", "/en/cart", "日本", "🔥", " ", "500", "ERROR ", "é"),
		color,
		backgroundColor: color,
		bold: fc.boolean(),
		dim: fc.boolean(),
		inverse: fc.boolean(),
	},
	{ requiredKeys: ["text"] },
);

function frame(node: React.ReactElement): string {
	const view = render(node);
	const out = view.lastFrame() ?? "";
	view.unmount();
	return out;
}

/** Many random lines at once: one render each way (a render per case costs ~50 ms). */
const lines = fc.sample(fc.tuple(fc.array(span, { minLength: 1, maxLength: 6 }), fc.boolean()), {
	numRuns: 300,
	seed: 11,
});

function column(
	background: string | undefined,
	line: (spans: Span[], inverse: boolean) => React.ReactElement,
) {
	return (
		<Box backgroundColor={background} width={60} flexDirection="column">
			{lines.map(([spans, inverse], i) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: positional lines.
				<Box key={i}>{line(spans, inverse)}</Box>
			))}
		</Box>
	);
}

describe("SpanLine", () => {
	it("draws the same bytes as a nested <Text> per span", () => {
		const drawn = frame(column(undefined, (spans, inverse) => <SpanLine spans={spans} inverse={inverse} />));
		expect(drawn).toBe(
			frame(column(undefined, (spans, inverse) => <NestedLine spans={spans} inverse={inverse} />)),
		);
		expect(drawn.split("\n")).toHaveLength(lines.length);
		expect(drawn).toContain("\u001B[1m");
	});

	it("inside a box with a background, as the overlays draw it", () => {
		const bg = "#1c1c1c";
		const drawn = frame(column(bg, (spans) => <SpanLine spans={spans} background={bg} />));
		expect(drawn).toBe(frame(column(bg, (spans) => <NestedLine spans={spans} />)));
		expect(drawn).toContain("\u001B[48;2;28;28;28m");
	});
});
