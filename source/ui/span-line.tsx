/**
 * Draws one line of pre-cut spans as a single `<Text>` holding one pre-styled string (styled-text.ts):
 * the same bytes as a nested `<Text>` per styled span, at the cost of one text node. Ink lays out,
 * squashes, transforms and measures every node on every frame, so a row of six nested spans cost six
 * times the work of a row that is one string.
 */
import { Text } from "ink";
import { useMemo } from "react";
import { styleSpans } from "./styled-text.js";
import type { Span } from "./truncate-to-width.js";

export function SpanLine(props: {
	spans: readonly Span[];
	inverse?: boolean;
	/** The background of an enclosing `<Box backgroundColor>`, which styled spans repeat (as in Ink). */
	background?: string;
}) {
	const line = useMemo(() => styleSpans(props.spans, props.background), [props.spans, props.background]);
	return (
		<Text wrap="truncate" inverse={props.inverse}>
			{line}
		</Text>
	);
}
