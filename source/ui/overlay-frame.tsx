/**
 * The frame every overlay shares: an absolutely positioned, bordered box with a background colour (so
 * the panes underneath do not show through), a title line, a body and a footer of key hints. Also the
 * scrolling body used by the event and help overlays: only the lines on screen are mounted.
 */
import { Box, Text } from "ink";
import type { ReactNode } from "react";
import type { OverlayLine } from "./overlay-content.js";
import { SpanLine } from "./span-line.js";
import { truncateToWidth } from "./truncate-to-width.js";

export interface OverlayGeometry {
	readonly top: number;
	readonly left: number;
	readonly width: number;
	readonly height: number;
	/** Columns for text inside the border and padding. */
	readonly innerWidth: number;
	/** Rows for the body (title and footer taken off). */
	readonly bodyRows: number;
}

/**
 * An overlay's place on a `width` x `height` screen (the status bar excluded): the full height, and
 * the full width up to `maxWidth` (centred beyond). Covering whole columns keeps the panes' truncated
 * row ends from showing beside it.
 */
export function overlayGeometry(width: number, height: number, maxWidth = 160): OverlayGeometry {
	const w = Math.max(20, Math.min(maxWidth, width));
	const h = Math.max(6, height);
	return {
		top: Math.max(0, Math.floor((height - h) / 2)),
		left: Math.max(0, Math.floor((width - w) / 2)),
		width: w,
		height: h,
		innerWidth: w - 4,
		bodyRows: h - 4,
	};
}

export const overlayBackground = "#1c1c1c";

export function OverlayFrame(props: {
	geometry: OverlayGeometry;
	title: string;
	footer: string;
	borderColor?: string;
	children: ReactNode;
}) {
	const { geometry } = props;
	return (
		<Box
			position="absolute"
			top={geometry.top}
			left={geometry.left}
			width={geometry.width}
			height={geometry.height}
			flexDirection="column"
			borderStyle="round"
			borderColor={props.borderColor ?? "cyan"}
			backgroundColor={overlayBackground}
			paddingX={1}
		>
			<Text bold wrap="truncate">
				{truncateToWidth(props.title, geometry.innerWidth)}
			</Text>
			<Box flexDirection="column" height={geometry.bodyRows} overflow="hidden">
				{props.children}
			</Box>
			<Text dimColor wrap="truncate">
				{truncateToWidth(props.footer, geometry.innerWidth)}
			</Text>
		</Box>
	);
}

/** The largest scroll offset for `total` lines in `rows` rows. */
export function maxScroll(total: number, rows: number): number {
	return Math.max(0, total - rows);
}

/** The lines on screen (already wrapped to the overlay's width). */
export function ScrolledLines(props: { visible: readonly OverlayLine[] }) {
	const { visible } = props;
	return (
		<>
			{visible.map((line, i) =>
				line.spans ? (
					// biome-ignore lint/suspicious/noArrayIndexKey: lines are positional within the window.
					<SpanLine key={i} spans={line.spans} background={overlayBackground} />
				) : (
					<Text
						// biome-ignore lint/suspicious/noArrayIndexKey: lines are positional within the window.
						key={i}
						wrap="truncate"
						color={line.color}
						bold={line.bold}
						dimColor={line.dim}
					>
						{line.text === "" ? " " : line.text}
					</Text>
				),
			)}
		</>
	);
}

/**
 * `lines 12–40 of 96` for a footer, or "" when everything fits. While the overlay is still being
 * wrapped (`complete` false), `total` is the lines known so far: `of 96+`.
 */
export function scrollPosition(scroll: number, rows: number, total: number, complete = true): string {
	if (complete && total <= rows) return "";
	const start = Math.min(scroll, maxScroll(total, rows));
	return `lines ${start + 1}–${Math.min(total, start + rows)} of ${total}${complete ? "" : "+"}`;
}
