/**
 * The full-screen app, as composition: the log model's snapshot (paced), the view model's state, the
 * panes, the status bar and the overlay layer, and keys run through the command table. It holds no
 * logic of its own: what a key does is in `commands.ts`, what it is bound to in `keymap.ts`.
 */

import { Box, Text, useStdout, useWindowSize } from "ink";
import { useEffect, useRef, useSyncExternalStore } from "react";
import type { ProjectInfo } from "../model/types.js";
import type { TextField } from "../store/text-field.js";
import type { PaneSnapshot, StoreSnapshot, TailStore } from "../store/types.js";
import { ViewModel } from "../store/view-model.js";
import { modeOf, type SearchInputState, type ViewState } from "../store/view-state.js";
import { paneFilterPrompt } from "./command-pane-filter.js";
import { type CommandContext, type CommandGeometry, type HistoryEffects, openPicker } from "./commands.js";
import { helpLines } from "./help-overlay.js";
import { planLayout } from "./layout.js";
import { type OverlayGeometry, overlayGeometry } from "./overlay-frame.js";
import { OverlayLayer, OverlayLines } from "./overlay-layer.js";
import { PaneGrid, useViewports } from "./pane-grid.js";
import { StatusBar } from "./status-bar.js";
import { useKeys } from "./use-keys.js";
import { useLogSnapshot } from "./use-log-snapshot.js";
import { type MouseSource, useMouse } from "./use-mouse.js";

/** Below this size the app shows a message instead of panes. */
export const minColumns = 40;
export const minRows = 10;
/** What leads the input of `T`. */
const timePrompt = "go to time: ";

export interface AppProps {
	readonly store: TailStore;
	/** The user asked to quit (`q`, Ctrl-C). */
	readonly onQuit: () => void;
	/** Lists the store's projects for the picker (`a`, and at start when there is no pane). */
	readonly listProjects?: () => Promise<ProjectInfo[]>;
	/**
	 * Opens panes for projects chosen in the picker: add them to the store and start their streams.
	 * Without it the app only adds them to the store.
	 */
	readonly onOpenProjects?: (projects: ProjectInfo[]) => void;
	/**
	 * Closes a pane (`w`): stop its stream and remove it from the store. Without it the app only
	 * removes it from the store.
	 */
	readonly onClosePane?: (uuid: string) => void;
	/** Loads older history into a pane (see `AppEffects.loadOlder`). */
	readonly onLoadOlder?: (uuid: string) => void;
	/** Going to a time and searching older history in filter mode (see `HistoryEffects`). */
	readonly history?: HistoryEffects | undefined;
	/** Ctrl-Z: hand the terminal back to the shell (see `runTui`). */
	readonly onSuspend?: () => void;
	/** Fixed size (tests); otherwise the terminal's, following resizes. */
	readonly width?: number;
	readonly height?: number;
	/** Raw terminal output for OSC 52 (copy); defaults to Ink's stdout. */
	readonly write?: (text: string) => void;
	/** The screen's own state (overlay, search input, picker); one is made when not given. */
	readonly view?: ViewModel;
	/**
	 * Mouse reports, cut from the input by `runTui` (unless `--no-mouse`): the wheel scrolls, a click
	 * focuses and selects. Without it the terminal's reports stay off.
	 */
	readonly mouse?: MouseSource | undefined;
}

/** Makes `value` once per mounted app. */
function useOnce<T>(make: () => T): T {
	const ref = useRef<T | null>(null);
	ref.current ??= make();
	return ref.current;
}

export function App(props: AppProps) {
	const { store } = props;
	const view = useOnce(() => props.view ?? new ViewModel());
	const lines = useOnce(() => new OverlayLines());
	const snapshot = useLogSnapshot(store);
	const ui = useSyncExternalStore(view.subscribe, view.getSnapshot);
	const windowSize = useWindowSize();
	const { stdout } = useStdout();
	const width = props.width ?? windowSize.columns;
	const height = props.height ?? windowSize.rows;
	const paneArea = height - 1;
	const geometry = overlayGeometry(width, paneArea);
	const helpGeometry = ui.overlay?.kind === "help" ? helpPlace(width, height, geometry) : geometry;

	const write = props.write ?? ((text: string) => void stdout.write(text));
	const ctx = commandContext(props, view, write, {
		overlayRows: geometry.bodyRows,
		overlayLineCount: (overlay, atLeast) => {
			const rows = overlay.kind === "help" ? helpGeometry.bodyRows : geometry.bodyRows;
			const wrapped = lines.lines(overlay, store.getSnapshot(), geometry.innerWidth, rows);
			wrapped.ensure(atLeast);
			return wrapped.count;
		},
	});
	const ctxRef = useRef(ctx);
	ctxRef.current = ctx;
	useKeys(() => ctxRef.current);
	useStartInPicker(ctxRef);

	const plan = planLayout({
		count: snapshot.panes.length,
		focus: snapshot.focus,
		width,
		height: paneArea,
		mode: snapshot.layout,
		zoom: snapshot.zoom,
	});
	useViewports(store, snapshot, plan);
	useMouse(props.mouse, { ctx, plan, write });

	if (width < minColumns || height < minRows) {
		return (
			<Box width={width} height={height}>
				<Text wrap="truncate">
					terminal too small ({width}x{height}): needs {minColumns}x{minRows}
				</Text>
			</Box>
		);
	}
	const forced = plan.forced
		? `showing pane ${snapshot.focus + 1} of ${snapshot.panes.length}: too small for all`
		: null;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Box flexDirection="column" width={width} height={paneArea}>
				<PaneGrid snapshot={snapshot} plan={plan} />
			</Box>
			<StatusBar
				width={width}
				mode={modeOf(ui)}
				panes={snapshot.panes}
				search={snapshot.search}
				notice={snapshot.notice ?? forced}
				input={searchField(ui.searchInput, snapshot) ?? ui.timeInput}
				prompt={inputPrompt(ui, snapshot)}
				problem={focusedProblem(snapshot.panes[snapshot.focus])}
				olderSearch={props.history?.searchOlder !== undefined}
			/>
			<OverlayLayer
				view={ui}
				snapshot={snapshot}
				lines={lines}
				geometry={geometry}
				pickerGeometry={overlayGeometry(width, paneArea, 100)}
				helpGeometry={helpGeometry}
			/>
		</Box>
	);
}

/**
 * Where the help goes: above the status bar like every overlay when it fits there (in one column or
 * in columns), else over the status bar too, whose row the columns need at 80x24.
 */
function helpPlace(width: number, height: number, regular: OverlayGeometry): OverlayGeometry {
	if (helpLines(regular.innerWidth, regular.bodyRows).all().length <= regular.bodyRows) return regular;
	return overlayGeometry(width, height);
}

/** The context commands run in, from the app's props: rebuilt per render, read when a key arrives. */
function commandContext(
	props: AppProps,
	view: ViewModel,
	write: (text: string) => void,
	geometry: CommandGeometry,
): CommandContext {
	const { store } = props;
	return {
		log: store,
		view,
		geometry,
		app: {
			quit: props.onQuit,
			suspend: () => props.onSuspend?.(),
			listProjects: props.listProjects,
			// Without the CLI's callbacks (tests, replay), panes are only added to / removed from the store.
			openProjects: (projects) => {
				if (props.onOpenProjects) props.onOpenProjects(projects);
				else for (const project of projects) store.addProject(project.uuid, project.name);
			},
			closePane: (uuid) => {
				if (props.onClosePane) props.onClosePane(uuid);
				else store.removeProject(uuid);
			},
			write,
			loadOlder: props.onLoadOlder,
			history: props.history,
		},
	};
}

/** With nothing to tail, start in the picker (when there is a project list to pick from). */
function useStartInPicker(ctx: { readonly current: CommandContext }): void {
	const started = useRef(false);
	useEffect(() => {
		if (started.current) return;
		started.current = true;
		const { log, app } = ctx.current;
		// Projects added just before the app started may not be published yet.
		log.flush();
		if (log.getSnapshot().panes.length === 0 && app.listProjects) openPicker(ctx.current);
	}, [ctx]);
}

/**
 * The search input's field: the search session's query (or, after `F`, the pane's own filter), with
 * the input's text cursor.
 */
function searchField(input: SearchInputState | null, snapshot: StoreSnapshot): TextField | null {
	if (input === null) return null;
	const value =
		input.paneId === null
			? (snapshot.search?.query ?? "")
			: (paneOf(snapshot, input.paneId)?.filter?.query ?? "");
	return { value, cursor: Math.min(input.cursor, value.length) };
}

function paneOf(snapshot: StoreSnapshot, id: string): PaneSnapshot | undefined {
	return snapshot.panes.find((pane) => pane.id === id);
}

/**
 * What leads the input: `go to time: ` for `T`, `filter production: ` while `F` types a pane's own
 * filter, the default `/` otherwise.
 */
function inputPrompt(ui: ViewState, snapshot: StoreSnapshot): string | undefined {
	const input = ui.searchInput;
	if (input === null) return ui.timeInput !== null ? timePrompt : undefined;
	if (input.paneId === null) return undefined;
	return paneFilterPrompt(paneOf(snapshot, input.paneId)?.title ?? "pane");
}

/**
 * The focused pane's whole reason when it is stopped or retrying: the pane header only has room for
 * the short form ("token expired"), and the sentence says what to do about it.
 */
function focusedProblem(pane: PaneSnapshot | undefined): string | null {
	if (pane === undefined) return null;
	const { phase, reason } = pane.status;
	if (reason === null || (phase !== "stopped" && phase !== "reconnecting")) return null;
	return `${pane.title}: ${reason}`;
}
