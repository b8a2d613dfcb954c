/**
 * The exception overlay (`x`): one exception of the focused pane with its full stack, the request, every
 * log of the invocation, times, project and event uuid. `[` / `]` step through the pane's exceptions.
 */
import type { Entry } from "../store/types.js";
import { hintsFor } from "./keymap.js";
import { overlayContent } from "./overlay-content.js";
import { OverlayFrame, type OverlayGeometry, ScrolledLines, scrollPosition } from "./overlay-frame.js";
import { useBackgroundWrap } from "./use-background-wrap.js";
import { WrappedLines } from "./wrapped-lines.js";

/** The exception overlay's lines for `entry`, wrapped to `width` columns as they are needed. */
export function exceptionOverlayLines(entry: Entry, project: string, width: number): WrappedLines {
	return new WrappedLines(overlayContent(entry, { project, raw: false }), width);
}

/** `[ prev  ] next  y copy  Esc close` from the keymap, plus the scroll position. */
export function overlayFooter(scroll: number, rows: number, lines: WrappedLines): string {
	const hints = hintsFor("overlay")
		.map((hint) => `${hint.keys} ${hint.label}`)
		.join("  ");
	const position = scrollPosition(scroll, rows, lines.count, lines.complete);
	return position ? `${hints}  ↑↓ scroll  ${position}` : hints;
}

export function ExceptionOverlay(props: {
	entry: Entry;
	project: string;
	lines: WrappedLines;
	scroll: number;
	geometry: OverlayGeometry;
	/** 1-based position of this exception among the pane's, and how many there are (0 when unknown). */
	position: number;
	count: number;
	/** Opened from the problems view: the position counts the group's occurrences. */
	inGroup?: boolean;
}) {
	const { entry, geometry, lines } = props;
	useBackgroundWrap(lines);
	const scroll = lines.top(props.scroll, geometry.bodyRows);
	const visible = lines.rows(scroll, geometry.bodyRows);
	const where =
		props.count > 0 && props.position > 0
			? ` ${props.position}/${props.count}${props.inGroup ? " of the group" : ""}`
			: "";
	return (
		<OverlayFrame
			geometry={geometry}
			borderColor="red"
			title={`Exception${where} · ${props.project} · ${entry.text}`}
			footer={overlayFooter(scroll, geometry.bodyRows, lines)}
		>
			<ScrolledLines visible={visible} />
		</OverlayFrame>
	);
}
