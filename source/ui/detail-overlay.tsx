/**
 * The detail overlay (`Enter`): everything the exception overlay shows for any entry, plus the raw
 * event as pretty JSON with every field the API sent (unknown ones included).
 */
import type { Entry } from "../store/types.js";
import { overlayFooter } from "./exception-overlay.js";
import { overlayLines } from "./overlay-content.js";
import { OverlayFrame, type OverlayGeometry, ScrolledLines } from "./overlay-frame.js";
import { useBackgroundWrap } from "./use-background-wrap.js";
import { WrappedLines } from "./wrapped-lines.js";

/** The detail overlay's lines for `entry`, wrapped to `width` columns as they are needed. */
export function detailOverlayLines(entry: Entry, project: string, width: number): WrappedLines {
	return new WrappedLines(overlayLines(entry, { project, raw: true }), width);
}

function describe(entry: Entry): string {
	const request = entry.event?.request;
	if (entry.kind === "gap") return "gap";
	const what = request ? `${request.method} ${request.path}`.trim() : "no request";
	return entry.text ? `${what} · ${entry.text}` : what;
}

export function DetailOverlay(props: {
	entry: Entry;
	project: string;
	lines: WrappedLines;
	scroll: number;
	geometry: OverlayGeometry;
}) {
	const { geometry, lines } = props;
	useBackgroundWrap(lines);
	const scroll = lines.top(props.scroll, geometry.bodyRows);
	const visible = lines.rows(scroll, geometry.bodyRows);
	return (
		<OverlayFrame
			geometry={geometry}
			title={`Detail · ${props.project} · ${describe(props.entry)}`}
			footer={overlayFooter(scroll, geometry.bodyRows, lines)}
		>
			<ScrolledLines visible={visible} />
		</OverlayFrame>
	);
}
