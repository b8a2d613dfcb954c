/**
 * The full-screen app: panes laid out from the store snapshot, the status bar, and at most one overlay
 * (exception, detail, help, or the project picker). It renders store snapshots only (published on the
 * store's own timer, never per event) and turns keys into store actions through the one keymap, from
 * one input handler, by mode.
 */

import { Box, type Key, Text, useInput, usePaste, useStdout, useWindowSize } from "ink";
import {
	type ReactNode,
	useCallback,
	useEffect,
	useLayoutEffect,
	useReducer,
	useRef,
	useSyncExternalStore,
} from "react";
import { safeJsonStringify } from "../model/safe-json.js";
import { sanitizeOneLine } from "../model/sanitize.js";
import type { ProjectInfo } from "../model/types.js";
import type { Entry, PaneSnapshot, StoreSnapshot, TailStore } from "../store/types.js";
import { DetailOverlay, detailOverlayLines } from "./detail-overlay.js";
import { ExceptionOverlay, exceptionOverlayLines } from "./exception-overlay.js";
import { FramePacer } from "./frame-pacer.js";
import { HelpOverlay, helpLines } from "./help-overlay.js";
import { type CommandId, cleanTyped, type Mode, resolveCommand, splitKeys, typedText } from "./keymap.js";
import { planLayout } from "./layout.js";
import type { OverlayLine } from "./overlay-content.js";
import { maxScroll, overlayGeometry } from "./overlay-frame.js";
import { Pane, paneBodyRows } from "./pane.js";
import { createProjectFilter, ProjectPicker } from "./project-picker.js";
import { isSearchNews } from "./search-news.js";
import { StatusBar } from "./status-bar.js";
import { initialUiState, modeOf, type Overlay, type TextEdit, type UiAction, uiReducer } from "./ui-state.js";

/** Below this size the app shows a message instead of panes. */
export const minColumns = 40;
export const minRows = 10;

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
	/** Ctrl-Z: hand the terminal back to the shell (see `runTui`). */
	readonly onSuspend?: () => void;
	/** Fixed size (tests); otherwise the terminal's, following resizes. */
	readonly width?: number;
	readonly height?: number;
	/** Raw terminal output for OSC 52 (copy); defaults to Ink's stdout. */
	readonly write?: (text: string) => void;
	/** Paces store snapshots into frames by measured cost (`runTui` shares it with Ink's onRender). */
	readonly pacer?: FramePacer;
}

type Filter = (query: string) => readonly ProjectInfo[];
const projectFilters = new WeakMap<readonly ProjectInfo[], Filter>();

/** The fuzzy filter of one project list, built once per list. */
function projectFilter(projects: readonly ProjectInfo[]): Filter {
	let filter = projectFilters.get(projects);
	if (!filter) {
		filter = createProjectFilter(projects);
		projectFilters.set(projects, filter);
	}
	return filter;
}

function errorText(error: unknown): string {
	return sanitizeOneLine(error instanceof Error ? error.message : String(error));
}

function formatSize(bytes: number): string {
	return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The title a pane shows for a project, for overlays about its events. */
function paneTitle(snapshot: StoreSnapshot, paneId: string): string {
	return snapshot.panes.find((pane) => pane.id === paneId)?.title ?? paneId.slice(0, 8);
}

export function App(props: AppProps) {
	const renderStart = performance.now();
	const { store } = props;
	const pacerRef = useRef<FramePacer | null>(null);
	pacerRef.current ??= props.pacer ?? new FramePacer();
	const pacer = pacerRef.current;
	// Store notifications reach React at most once per frame interval (see frame-pacer.ts), except
	// search news the user is waiting for.
	const subscribe = useCallback(
		(listener: () => void) => {
			let seen: StoreSnapshot["search"] = null;
			const searchNews = (): boolean => {
				let next: StoreSnapshot["search"];
				try {
					next = store.getSnapshot().search;
				} catch {
					// A store that cannot give a snapshot fails the render, where errors are handled.
					return true;
				}
				const news = isSearchNews(seen, next);
				seen = next;
				return news;
			};
			return pacer.pace((l) => store.subscribe(l), searchNews)(listener);
		},
		[store, pacer],
	);
	const getSnapshot = useCallback(() => store.getSnapshot(), [store]);
	const snapshot = useSyncExternalStore(subscribe, getSnapshot);
	const windowSize = useWindowSize();
	const width = props.width ?? windowSize.columns;
	const height = props.height ?? windowSize.rows;
	const { stdout } = useStdout();
	// Render, reconciliation and layout of this frame: the pacer's measure when nothing reports whole
	// frames (runTui does, from Ink's onRender, and then this is ignored).
	useLayoutEffect(() => pacer.addCost(performance.now() - renderStart));

	// UI state lives in a ref updated synchronously by `dispatch`, so several keys delivered in one
	// batch each see the state the previous one left (a plain useReducer value would be stale).
	const uiRef = useRef(initialUiState);
	const [, rerender] = useReducer((n: number) => n + 1, 0);
	const dispatch = useCallback((action: UiAction) => {
		const next = uiReducer(uiRef.current, action);
		if (next !== uiRef.current) {
			uiRef.current = next;
			rerender();
		}
	}, []);
	const ui = uiRef.current;
	const mode = modeOf(ui);

	const paneArea = height - 1;
	const geometry = overlayGeometry(width, paneArea);
	const pickerGeometry = overlayGeometry(width, paneArea, 100);

	// The overlay's wrapped lines, built once per entry/kind/width and shared by render and keys.
	const linesCache = useRef<{ key: unknown[]; lines: OverlayLine[] } | null>(null);
	const overlayLines = (overlay: Overlay, current: StoreSnapshot): OverlayLine[] => {
		const entry = overlay.kind === "help" ? null : overlay.entry;
		const project = overlay.kind === "help" ? "" : paneTitle(current, overlay.paneId);
		const key = [overlay.kind, entry, project, geometry.innerWidth];
		const cached = linesCache.current;
		if (cached?.key.every((part, i) => part === key[i])) return cached.lines;
		let lines: OverlayLine[];
		if (overlay.kind === "help") lines = helpLines(geometry.innerWidth);
		else if (overlay.kind === "exception")
			lines = exceptionOverlayLines(overlay.entry, project, geometry.innerWidth);
		else lines = detailOverlayLines(overlay.entry, project, geometry.innerWidth);
		linesCache.current = { key, lines };
		return lines;
	};

	const requestRef = useRef(0);
	const { listProjects } = props;
	const openPicker = useCallback(() => {
		if (!listProjects) {
			store.setNotice("no project list: open projects from the command line");
			return;
		}
		const request = ++requestRef.current;
		dispatch({ type: "picker-open", request });
		listProjects().then(
			(projects) => {
				store.setProjectNames(projects);
				dispatch({ type: "picker-loaded", request, projects });
			},
			(error: unknown) => dispatch({ type: "picker-failed", request, error: errorText(error) }),
		);
	}, [listProjects, store, dispatch]);

	// With nothing to tail, start in the picker (when there is a project list to pick from).
	const startedRef = useRef(false);
	useEffect(() => {
		if (startedRef.current) return;
		startedRef.current = true;
		// Projects added just before the app started may not be published yet.
		store.flush();
		if (store.getSnapshot().panes.length === 0 && listProjects) openPicker();
	}, [store, listProjects, openPicker]);

	const write = props.write ?? ((text: string) => void stdout.write(text));

	const copy = (entry: Entry | null): void => {
		if (!entry?.event) {
			store.setNotice("nothing to copy: no event here");
			return;
		}
		// The stored JSON escapes non-Latin-1 text to stay compact; the clipboard gets it readable.
		const json = readableJson(entry.event.json);
		// OSC 52: the terminal puts the base64 payload on the clipboard (no output on screen).
		write(`\x1b]52;c;${Buffer.from(json, "utf8").toString("base64")}\x07`);
		store.setNotice(
			`copied event ${entry.event.uuid.slice(0, 8)} as JSON (${formatSize(Buffer.byteLength(json))})`,
		);
	};

	const stepException = (delta: -1 | 1): void => {
		const overlay = uiRef.current.overlay;
		if (!overlay || overlay.kind === "help") return;
		const list = store.exceptionsOf(overlay.paneId);
		const seq = overlay.entry.seq;
		let target: Entry | undefined;
		const at = list.findIndex((entry) => entry.seq === seq);
		if (at >= 0) target = list[at + delta];
		else if (delta > 0) target = list.find((entry) => entry.seq > seq);
		else target = list.findLast((entry) => entry.seq < seq);
		if (target) dispatch({ type: "overlay-entry", entry: target });
		else store.setNotice(delta > 0 ? "no newer exception" : "no older exception");
	};

	const editSearch = (edit: TextEdit): void => {
		const before = uiRef.current.search;
		if (!before) return;
		dispatch({ type: "search-edit", edit });
		const after = uiRef.current.search;
		if (!after || after.field.value === before.field.value) return;
		// The search runs as you type: the store debounces and cancels superseded searches.
		if (after.field.value === "") store.clearSearch();
		else {
			const searchMode = store.getSnapshot().search?.mode ?? before.previous?.mode ?? "find";
			store.setSearch(after.field.value, { mode: searchMode });
		}
	};

	const edit = (current: Mode, change: TextEdit): void => {
		if (current === "search") editSearch(change);
		else if (current === "picker") dispatch({ type: "picker-edit", edit: change });
	};

	const pickerList = (): readonly ProjectInfo[] => {
		const picker = uiRef.current.picker;
		return picker ? projectFilter(picker.projects)(picker.field.value) : [];
	};

	const scrollOverlay = (current: StoreSnapshot, how: number | "top" | "bottom"): void => {
		const overlay = uiRef.current.overlay;
		if (!overlay) return;
		const max = maxScroll(overlayLines(overlay, current).length, geometry.bodyRows);
		if (typeof how === "number") dispatch({ type: "overlay-scroll", delta: how, max });
		else dispatch({ type: "overlay-scroll-to", to: how, max });
	};

	const run = (id: CommandId, current: Mode, input: string): void => {
		const snap = store.getSnapshot();
		const focused = snap.panes[snap.focus];
		const inOverlay = current === "overlay" || current === "help";
		const page = Math.max(1, geometry.bodyRows - 1);
		switch (id) {
			case "quit":
				props.onQuit();
				return;
			case "suspend":
				props.onSuspend?.();
				return;
			case "focus.next":
				store.focusNext();
				return;
			case "focus.previous":
				store.focusPrevious();
				return;
			case "focus.number":
				store.focusPane(Number(input) - 1);
				return;
			case "cursor.up":
				if (inOverlay) scrollOverlay(snap, -1);
				else store.moveCursor(-1);
				return;
			case "cursor.down":
				if (inOverlay) scrollOverlay(snap, 1);
				else store.moveCursor(1);
				return;
			case "page.up":
				if (inOverlay) scrollOverlay(snap, -page);
				else store.page(-1, 1);
				return;
			case "page.down":
				if (inOverlay) scrollOverlay(snap, page);
				else store.page(1, 1);
				return;
			case "halfPage.up":
				if (inOverlay) scrollOverlay(snap, -Math.ceil(page / 2));
				else store.page(-1, 0.5);
				return;
			case "halfPage.down":
				if (inOverlay) scrollOverlay(snap, Math.ceil(page / 2));
				else store.page(1, 0.5);
				return;
			case "top":
				if (inOverlay) scrollOverlay(snap, "top");
				else store.toTop();
				return;
			case "bottom":
				if (inOverlay) scrollOverlay(snap, "bottom");
				else store.toBottom();
				return;
			case "search.open":
				dispatch({
					type: "search-open",
					value: snap.search?.query ?? "",
					previous: snap.search ? { query: snap.search.query, mode: snap.search.mode } : null,
				});
				return;
			case "search.clear":
				if (snap.search) store.clearSearch();
				return;
			case "match.next":
				store.nextMatch();
				return;
			case "match.previous":
				store.previousMatch();
				return;
			case "filter.toggle":
				if (snap.search) store.toggleFilterMode();
				else store.setNotice("no search to filter by: press / first");
				return;
			case "pause.pane":
				store.togglePause();
				return;
			case "pause.all":
				store.togglePauseAll();
				return;
			case "detail.open": {
				const entry = store.selectedEntry();
				if (!entry || !focused) store.setNotice("no entry under the cursor");
				else
					dispatch({
						type: "overlay-open",
						overlay: { kind: "detail", paneId: focused.id, entry, scroll: 0 },
					});
				return;
			}
			case "exception.open": {
				if (!focused) return;
				const newest = store.exceptionsOf(focused.id).at(-1);
				if (!newest) store.setNotice(`no exceptions in ${focused.title}`);
				else
					dispatch({
						type: "overlay-open",
						overlay: { kind: "exception", paneId: focused.id, entry: newest, scroll: 0 },
					});
				return;
			}
			case "exception.next":
				store.nextException();
				return;
			case "exception.previous":
				store.previousException();
				return;
			case "copy": {
				const overlay = uiRef.current.overlay;
				copy(overlay && overlay.kind !== "help" ? overlay.entry : store.selectedEntry());
				return;
			}
			case "pane.add":
				openPicker();
				return;
			case "pane.close":
				if (!focused) return;
				if (props.onClosePane) props.onClosePane(focused.id);
				else store.removeProject(focused.id);
				return;
			case "zoom":
				store.toggleZoom();
				return;
			case "layout":
				store.cycleLayout();
				return;
			case "time":
				store.cycleTimeFormat();
				return;
			case "help":
				if (current === "help") dispatch({ type: "overlay-close" });
				else dispatch({ type: "overlay-open", overlay: { kind: "help", scroll: 0 } });
				return;
			case "overlay.previous":
				stepException(-1);
				return;
			case "overlay.next":
				stepException(1);
				return;
			case "overlay.close":
				dispatch({ type: "overlay-close" });
				return;
			case "search.submit": {
				const value = uiRef.current.search?.field.value ?? "";
				dispatch({ type: "search-close" });
				if (value.trim() === "") store.clearSearch();
				return;
			}
			case "search.cancel": {
				const previous = uiRef.current.search?.previous ?? null;
				dispatch({ type: "search-close" });
				if (previous) store.setSearch(previous.query, { mode: previous.mode });
				else store.clearSearch();
				return;
			}
			case "edit.deleteBack":
				edit(current, { type: "deleteBack" });
				return;
			case "edit.deleteForward":
				edit(current, { type: "deleteForward" });
				return;
			case "edit.left":
				edit(current, { type: "left" });
				return;
			case "edit.right":
				edit(current, { type: "right" });
				return;
			case "edit.clear":
				edit(current, { type: "clear" });
				return;
			case "picker.up":
				dispatch({ type: "picker-move", delta: -1, count: pickerList().length });
				return;
			case "picker.down":
				dispatch({ type: "picker-move", delta: 1, count: pickerList().length });
				return;
			case "picker.mark": {
				const picker = uiRef.current.picker;
				const project = picker ? pickerList()[picker.cursor] : undefined;
				if (project) dispatch({ type: "picker-mark", uuid: project.uuid });
				return;
			}
			case "picker.open": {
				const picker = uiRef.current.picker;
				if (!picker) return;
				const list = pickerList();
				const chosen = picker.marked.length
					? picker.marked.flatMap((uuid) => picker.projects.filter((project) => project.uuid === uuid))
					: list.slice(picker.cursor, picker.cursor + 1);
				if (chosen.length === 0) return;
				dispatch({ type: "picker-close" });
				if (props.onOpenProjects) props.onOpenProjects([...chosen]);
				else for (const project of chosen) store.addProject(project.uuid, project.name);
				return;
			}
			case "picker.close":
				dispatch({ type: "picker-close" });
				return;
		}
	};

	useInput((input: string, key: Key) => {
		// Typed text is inserted in runs (one search per run, not per character); any command
		// ends a run. The mode is looked up per key: `/` changes it for the keys after it.
		let typed = "";
		let typedMode: Mode = "normal";
		const flushTyped = (): void => {
			if (typed !== "") edit(typedMode, { type: "insert", text: typed });
			typed = "";
		};
		for (const [one, oneKey] of splitKeys(input, key)) {
			const current = modeOf(uiRef.current);
			const command = resolveCommand(current, one, oneKey);
			if (command) {
				flushTyped();
				run(command.id, current, one);
				continue;
			}
			const text = typedText(one, oneKey);
			if (text === null) continue;
			if (typed !== "" && typedMode !== current) flushTyped();
			typed += text;
			typedMode = current;
		}
		flushTyped();
		// Actions take effect on the store's next publish: publish now, and draw it at once.
		pacer.urgent();
		store.flush();
	});

	// Bracketed paste goes to the field being typed in; in other modes it is ignored rather than
	// replayed as a burst of commands.
	usePaste((text: string) => {
		const current = modeOf(uiRef.current);
		const clean = cleanTyped(text);
		if (clean !== "") edit(current, { type: "insert", text: clean });
		pacer.urgent();
		store.flush();
	});

	const plan = planLayout({
		count: snapshot.panes.length,
		focus: snapshot.focus,
		width,
		height: paneArea,
		mode: snapshot.layout,
		zoom: snapshot.zoom,
	});

	// Each visible pane's body height, from the layout arithmetic; the store sizes its window to it.
	const viewportKey = plan.lines
		.flat()
		.map((cell) => `${snapshot.panes[cell.index]?.id ?? ""}\t${paneBodyRows(cell.height)}`)
		.join("\n");
	useEffect(() => {
		if (viewportKey === "") return;
		for (const line of viewportKey.split("\n")) {
			const [id = "", rows = "0"] = line.split("\t");
			if (id !== "") store.setViewport(id, Number(rows));
		}
		store.flush();
	}, [store, viewportKey]);

	if (width < minColumns || height < minRows) {
		return (
			<Box width={width} height={height}>
				<Text wrap="truncate">
					terminal too small ({width}x{height}): needs {minColumns}x{minRows}
				</Text>
			</Box>
		);
	}

	const overlay = ui.overlay;
	let layer: ReactNode = null;
	if (overlay) {
		const lines = overlayLines(overlay, snapshot);
		const scroll = Math.min(overlay.scroll, maxScroll(lines.length, geometry.bodyRows));
		if (overlay.kind === "help") layer = <HelpOverlay lines={lines} scroll={scroll} geometry={geometry} />;
		else if (overlay.kind === "detail")
			layer = (
				<DetailOverlay
					entry={overlay.entry}
					project={paneTitle(snapshot, overlay.paneId)}
					lines={lines}
					scroll={scroll}
					geometry={geometry}
				/>
			);
		else {
			const list = store.exceptionsOf(overlay.paneId);
			const at = list.findIndex((entry) => entry.seq === overlay.entry.seq);
			layer = (
				<ExceptionOverlay
					entry={overlay.entry}
					project={paneTitle(snapshot, overlay.paneId)}
					lines={lines}
					scroll={scroll}
					geometry={geometry}
					position={at + 1}
					count={list.length}
				/>
			);
		}
	} else if (ui.picker) {
		layer = (
			<ProjectPicker
				picker={ui.picker}
				filtered={projectFilter(ui.picker.projects)(ui.picker.field.value)}
				open={new Set(snapshot.panes.map((pane) => pane.id))}
				geometry={pickerGeometry}
			/>
		);
	}

	const notice =
		snapshot.notice ??
		(plan.forced
			? `showing pane ${snapshot.focus + 1} of ${snapshot.panes.length}: too small for all`
			: null);

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Box flexDirection="column" width={width} height={paneArea}>
				{snapshot.panes.length === 0 ? (
					<Box paddingX={1} paddingY={1}>
						<Text dimColor wrap="truncate">
							No projects open. Press a to pick projects, ? for keys, q to quit.
						</Text>
					</Box>
				) : (
					plan.lines.map((line) => (
						<Box
							key={line.map((cell) => cell.index).join(",")}
							flexDirection="row"
							height={line[0]?.height ?? 0}
						>
							{line.map((cell) => {
								const pane = snapshot.panes[cell.index];
								if (!pane) return null;
								return (
									<Pane
										key={pane.id}
										pane={pane}
										index={cell.index}
										width={cell.width}
										height={cell.height}
										focused={cell.index === snapshot.focus}
										timeFormat={snapshot.timeFormat}
										now={snapshot.now}
									/>
								);
							})}
						</Box>
					))
				)}
			</Box>
			<StatusBar
				width={width}
				mode={mode}
				panes={snapshot.panes}
				search={snapshot.search}
				notice={notice}
				input={ui.search?.field ?? null}
				problem={focusedProblem(snapshot.panes[snapshot.focus])}
			/>
			{layer}
		</Box>
	);
}

/** The event's JSON with `\u` escapes of printable text undone (control characters stay escaped). */
function readableJson(json: string): string {
	try {
		return safeJsonStringify(JSON.parse(json));
	} catch {
		return json;
	}
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
