/**
 * The bottom line: the mode, the search (query, `match i/n`, `…` while it runs, its error), the
 * transient notice, key hints for the mode, and on the right the overall connection state.
 */
import { Box } from "ink";
import { memo } from "react";
import { sanitizeOneLine } from "../model/sanitize.js";
import type { TextField } from "../store/text-field.js";
import type { PaneSnapshot, SearchSnapshot } from "../store/types.js";
import { hintsFor, type Mode } from "./keymap.js";
import { SearchInput } from "./search-input.js";
import { SpanLine } from "./span-line.js";
import { fitSpans, type Span, textWidth } from "./truncate-to-width.js";

const modeLabels: Record<Mode, string> = {
	normal: "TAIL",
	search: "SEARCH",
	time: "TIME",
	picker: "PICK",
	overlay: "VIEW",
	help: "HELP",
	problems: "PROBLEMS",
};

/** `3 live · 1 reconnecting · 1 stopped`, each count in its state's colour. */
export function overallSpans(panes: readonly PaneSnapshot[]): Span[] {
	const counts = new Map<string, number>();
	for (const pane of panes) counts.set(pane.status.phase, (counts.get(pane.status.phase) ?? 0) + 1);
	const colors: Record<string, string> = {
		live: "green",
		connecting: "yellow",
		reconnecting: "yellow",
		stopped: "red",
	};
	const spans: Span[] = [];
	for (const phase of ["live", "connecting", "reconnecting", "stopped"]) {
		const n = counts.get(phase);
		if (!n) continue;
		if (spans.length > 0) spans.push({ text: " · ", dim: true });
		spans.push({ text: `${n} ${phase}`, color: colors[phase] });
	}
	if (spans.length === 0) spans.push({ text: "no panes", dim: true });
	return spans;
}

/** `/query  match 3/12` (or `…` while pending, or the query's error). */
/**
 * @param typing the query is being typed (it is in the input, not repeated here)
 * @param older `o` can search older history (filter mode, in a session with history): say so
 */
export function searchSpans(search: SearchSnapshot | null, typing: boolean, older = false): Span[] {
	if (!search) return [];
	const spans: Span[] = [];
	// Quick filters as chips: `[5xx] [route /checkout]`.
	for (const chip of search.chips) {
		spans.push({ text: `[${sanitizeOneLine(chip)}]`, color: "magenta", bold: true }, { text: " " });
	}
	if (!typing && search.query !== "")
		spans.push({ text: `/${sanitizeOneLine(search.query)}`, color: "cyan" }, { text: " " });
	if (search.error) {
		spans.push({ text: sanitizeOneLine(search.error), color: "red" });
		return spans;
	}
	spans.push({
		text: `match ${search.matchIndex}/${search.matchCount}${search.pending ? " …" : ""}`,
		bold: true,
	});
	if (search.fuzzy) spans.push({ text: " " }, { text: "fuzzy", color: "cyan", bold: true });
	if (search.mode === "filter") {
		spans.push({ text: " " }, { text: "FILTER", color: "magenta", bold: true });
		if (older) spans.push({ text: "  o", bold: true }, { text: " older history", dim: true });
	}
	// Searches cover every pane unless limited to one: say so only then.
	if (search.scope === "pane") spans.push({ text: " this pane", dim: true });
	return spans;
}

export interface StatusBarProps {
	readonly width: number;
	readonly mode: Mode;
	readonly panes: readonly PaneSnapshot[];
	readonly search: SearchSnapshot | null;
	readonly notice: string | null;
	/** The query being typed, in search mode, or the time, in time mode. */
	readonly input: TextField | null;
	/** What leads the input: `/` for the search (the default), `go to time: ` for a time. */
	readonly prompt?: string;
	/** The focused pane's full reason when it is stopped or reconnecting (sanitized by the stream client). */
	readonly problem?: string | null;
	/** The session has history: in filter mode the bar says `o` searches older history. */
	readonly olderSearch?: boolean;
}

/** The panes' connection phases, which is all the bar shows of them. */
function samePhases(a: readonly PaneSnapshot[], b: readonly PaneSnapshot[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	return a.every((pane, i) => pane.status.phase === b[i]?.status.phase);
}

/**
 * The status bar, re-rendered only when what it shows changed: every publish brings new pane
 * snapshots, but the bar only shows their phases.
 */
export const StatusBar = memo(
	StatusBarView,
	(a, b) =>
		a.width === b.width &&
		a.mode === b.mode &&
		a.search === b.search &&
		a.notice === b.notice &&
		a.input === b.input &&
		a.prompt === b.prompt &&
		a.problem === b.problem &&
		a.olderSearch === b.olderSearch &&
		samePhases(a.panes, b.panes),
);

function StatusBarView(props: StatusBarProps) {
	const { width, mode } = props;
	const right = fitSpans(overallSpans(props.panes), Math.max(0, Math.floor(width / 3))).spans;
	const rightWidth = right.reduce((sum, span) => sum + textWidth(span.text), 0);
	const modeSpan: Span = { text: ` ${modeLabels[mode]} `, inverse: true, bold: true };
	const typing = props.input !== null;
	const left: Span[] = [modeSpan, { text: " " }];
	const tail: Span[] = [];
	// The query is shown unless it is the text being typed.
	const searchPart = searchSpans(props.search, typing && (props.prompt ?? "/") === "/", props.olderSearch);
	if (searchPart.length > 0) tail.push(...searchPart, { text: "  " });
	if (props.notice) tail.push({ text: props.notice, color: "yellow" }, { text: "  " });
	if (props.problem) tail.push({ text: sanitizeOneLine(props.problem), color: "red" }, { text: "  " });
	if (!typing) {
		for (const hint of hintsFor(mode))
			tail.push({ text: hint.keys, bold: true }, { text: ` ${hint.label}  `, dim: true });
	}
	const leftRoom = Math.max(0, width - rightWidth - 1);
	if (typing && props.input) {
		// The input gets what is left after the mode tag and, when they fit, the match count and notice.
		const fixed = fitSpans(left, leftRoom);
		const inputWidth = Math.max(10, Math.floor((leftRoom - fixed.width) * 0.6));
		const after = fitSpans([{ text: " " }, ...tail], Math.max(0, leftRoom - fixed.width - inputWidth - 1));
		return (
			<Box width={width} height={1}>
				<SpanLine spans={fixed.spans} />
				<SearchInput field={props.input} width={inputWidth} prompt={props.prompt} />
				<SpanLine spans={after.spans} />
				<Box flexGrow={1} />
				<SpanLine spans={right} />
			</Box>
		);
	}
	const fitted = fitSpans([...left, ...tail], leftRoom);
	return (
		<Box width={width} height={1}>
			<SpanLine spans={fitted.spans} />
			<Box flexGrow={1} />
			<SpanLine spans={right} />
		</Box>
	);
}
