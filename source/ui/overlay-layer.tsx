/**
 * The layer drawn over the panes: the open overlay (help, detail or exception), else the problems view,
 * else the project picker, else nothing. Its wrapped lines come from `OverlayLines`, which the commands share to know
 * how far an overlay scrolls.
 */
import type { StoreSnapshot } from "../store/types.js";
import type { Overlay, ViewState } from "../store/view-state.js";
import { DetailOverlay, detailOverlayLines } from "./detail-overlay.js";
import { ExceptionOverlay, exceptionOverlayLines } from "./exception-overlay.js";
import { HelpOverlay, helpLines } from "./help-overlay.js";
import type { OverlayGeometry } from "./overlay-frame.js";
import { ProblemsOverlay } from "./problems-overlay.js";
import { ProjectPicker, pickerList } from "./project-picker.js";
import { WrappedLines } from "./wrapped-lines.js";

/** The title a pane shows for a project, for overlays about its events. */
function paneTitle(snapshot: StoreSnapshot, paneId: string): string {
	return snapshot.panes.find((pane) => pane.id === paneId)?.title ?? paneId.slice(0, 8);
}

/**
 * An overlay's lines, built once per entry, kind, project title and width, and wrapped as far as they
 * are shown or scrolled to (see `WrappedLines`).
 */
export class OverlayLines {
	#key: unknown[] = [];
	#lines = new WrappedLines([], 0);

	/** `rows`: the body rows, so the help can flow into columns that fit them. */
	lines(overlay: Overlay, snapshot: StoreSnapshot, width: number, rows: number): WrappedLines {
		const entry = overlay.kind === "help" ? null : overlay.entry;
		const project = overlay.kind === "help" ? "" : paneTitle(snapshot, overlay.paneId);
		const key = [overlay.kind, entry, project, width, overlay.kind === "help" ? rows : 0];
		if (key.every((part, i) => part === this.#key[i])) return this.#lines;
		if (overlay.kind === "help") this.#lines = helpLines(width, rows);
		else if (overlay.kind === "exception") this.#lines = exceptionOverlayLines(overlay.entry, project, width);
		else this.#lines = detailOverlayLines(overlay.entry, project, width);
		this.#key = key;
		return this.#lines;
	}
}

/** The exception overlay's `n/m`: from the snapshot, never from live state. */
function exceptionPosition(snapshot: StoreSnapshot, paneId: string, ordinal: number) {
	const pane = snapshot.panes.find((p) => p.id === paneId);
	if (!pane) return { position: 0, count: 0 };
	return { position: Math.max(0, ordinal - pane.exceptionsEvicted + 1), count: pane.exceptionsHeld };
}

export function OverlayLayer(props: {
	view: ViewState;
	snapshot: StoreSnapshot;
	lines: OverlayLines;
	geometry: OverlayGeometry;
	pickerGeometry: OverlayGeometry;
	/** The help's place: the whole screen, status bar too, so its columns fit 80x24. */
	helpGeometry?: OverlayGeometry;
}) {
	const { view, snapshot } = props;
	const geometry = view.overlay?.kind === "help" && props.helpGeometry ? props.helpGeometry : props.geometry;
	const overlay = view.overlay;
	if (!overlay && view.problems) {
		return (
			<ProblemsOverlay
				problems={view.problems}
				geometry={props.geometry}
				timeFormat={snapshot.timeFormat}
				now={snapshot.now}
				title={(paneId) => paneTitle(snapshot, paneId)}
			/>
		);
	}
	if (!overlay) {
		if (!view.picker) return null;
		const open = new Set(snapshot.panes.map((pane) => pane.id));
		const filtered = pickerList(view.picker);
		return (
			<ProjectPicker picker={view.picker} filtered={filtered} open={open} geometry={props.pickerGeometry} />
		);
	}
	const lines = props.lines.lines(overlay, snapshot, geometry.innerWidth, geometry.bodyRows);
	// Only the rows up to the bottom of the screen are wrapped here; the rest follow in the background.
	// The bottom (End) stays Infinity down to the overlay, which shows the last rows cut so far and
	// the real last screen once its background wrap is done: wrapping it all here would hold keys.
	const scroll = overlay.scroll;
	if (overlay.kind === "help") return <HelpOverlay lines={lines} scroll={scroll} geometry={geometry} />;
	const project = paneTitle(snapshot, overlay.paneId);
	if (overlay.kind === "detail") {
		return (
			<DetailOverlay
				entry={overlay.entry}
				project={project}
				lines={lines}
				scroll={scroll}
				geometry={geometry}
			/>
		);
	}
	const { position, count } = overlay.shown ?? exceptionPosition(snapshot, overlay.paneId, overlay.ordinal);
	return (
		<ExceptionOverlay
			entry={overlay.entry}
			project={project}
			lines={lines}
			scroll={scroll}
			geometry={geometry}
			position={position}
			count={count}
			inGroup={overlay.group !== undefined}
		/>
	);
}
