/**
 * Draws one line of pre-cut spans as a single `<Text>` with a nested `<Text>` per styled run (plain
 * runs are bare strings): the cheapest tree Ink can lay out for a row.
 */
import { Text } from "ink";
import type { Span } from "./truncate-to-width.js";

export function SpanLine(props: { spans: readonly Span[]; inverse?: boolean }) {
	return (
		<Text wrap="truncate" inverse={props.inverse}>
			{props.spans.map((span, i) =>
				isPlain(span) ? (
					span.text
				) : (
					<Text
						// biome-ignore lint/suspicious/noArrayIndexKey: spans are positional; a row re-renders whole.
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

function isPlain(span: Span): boolean {
	return !span.color && !span.backgroundColor && !span.bold && !span.dim && !span.inverse;
}
