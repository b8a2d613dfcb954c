/**
 * The detail overlay (`Enter`): everything the exception overlay shows for any entry, plus the raw
 * event as pretty JSON with every field the API sent (unknown ones included).
 */
import type { Entry } from "../store/types.js";
import { overlayFooter } from "./exception-overlay.js";
import { type OverlayLine, overlayContent, wrapOverlayLines } from "./overlay-content.js";
import { OverlayFrame, type OverlayGeometry, ScrolledLines } from "./overlay-frame.js";

/** The detail overlay's lines for `entry`, wrapped to `width` columns. */
export function detailOverlayLines(entry: Entry, project: string, width: number): OverlayLine[] {
	return wrapOverlayLines(overlayContent(entry, { project, raw: true }), width);
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
	lines: readonly OverlayLine[];
	scroll: number;
	geometry: OverlayGeometry;
}) {
	const { geometry, lines } = props;
	return (
		<OverlayFrame
			geometry={geometry}
			title={`Detail · ${props.project} · ${describe(props.entry)}`}
			footer={overlayFooter(props.scroll, geometry.bodyRows, lines.length)}
		>
			<ScrolledLines lines={lines} scroll={props.scroll} rows={geometry.bodyRows} />
		</OverlayFrame>
	);
}
