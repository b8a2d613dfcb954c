/**
 * The problems view (`P`): the exceptions the buffers hold grouped by fingerprint (count, last seen, a
 * sparkline of occurrences, name and masked message), the selected group's first and last time, top
 * frame and routes, and below them the top failing routes (5xx by method and path). Lines are built by
 * a pure function (`problemsLines`) that fills the overlay's rows: the group list takes what the rest
 * leaves, so the view fits 80x24 and grows with the terminal.
 */
import type { ProblemGroup, ProblemReport } from "../store/problem-groups.js";
import type { TimeFormat } from "../store/types.js";
import type { ProblemsState } from "../store/view-state.js";
import { formatTime, sparkline } from "./format.js";
import type { OverlayLine } from "./overlay-content.js";
import { OverlayFrame, type OverlayGeometry, ScrolledLines } from "./overlay-frame.js";
import { fitSpans, padToWidth, type Span } from "./truncate-to-width.js";

/** What the lines need besides the view's state. */
export interface ProblemsLook {
	readonly width: number;
	readonly rows: number;
	readonly timeFormat: TimeFormat;
	readonly now: number;
	/** A pane's title by id. */
	readonly title: (paneId: string) => string;
}

const detailRows = 3;

function line(spans: readonly Span[], width: number): OverlayLine {
	const fitted = fitSpans(spans, width).spans;
	return { text: fitted.map((span) => span.text).join(""), spans: fitted };
}

function groupRow(group: ProblemGroup, selected: boolean, look: ProblemsLook): OverlayLine {
	const sparkWidth = look.width >= 100 ? 16 : 8;
	const time = formatTime(group.lastSeen, look.timeFormat, look.now, true);
	const what =
		group.message === "" ? group.name : group.name === "" ? group.message : `${group.name}: ${group.message}`;
	const spans: Span[] = [
		{ text: selected ? "▸" : " ", color: "cyan", bold: true },
		{ text: `${String(group.count).padStart(6)}× `, bold: true },
		{ text: `${time}  `, dim: true },
		{ text: `${padToWidth(sparkline(group.spark, sparkWidth), sparkWidth)}  `, color: "red" },
		{ text: what, inverse: selected },
	];
	if (group.frame !== "") spans.push({ text: ` · ${group.frame}`, dim: true });
	return line(spans, look.width);
}

function detailLines(group: ProblemGroup | undefined, look: ProblemsLook): OverlayLine[] {
	if (group === undefined)
		return [
			line([{ text: "  no exceptions in the buffers", dim: true }], look.width),
			{ text: "" },
			{ text: "" },
		];
	const time = (ms: number) => formatTime(ms, look.timeFormat, look.now, true).trim();
	const panes = group.paneIds.map(look.title).join(", ");
	const routes = group.routes.map((route) => `${route.path} ${route.count}`).join(" · ");
	return [
		line(
			[
				{ text: "  first ", dim: true },
				{ text: time(group.firstSeen) },
				{ text: " · last ", dim: true },
				{ text: time(group.lastSeen) },
				{ text: ` · ${group.count} in `, dim: true },
				{ text: panes },
			],
			look.width,
		),
		line(
			[{ text: "  at ", dim: true }, { text: group.frame === "" ? "(no stack)" : group.frame }],
			look.width,
		),
		line([{ text: "  routes ", dim: true }, { text: routes === "" ? "(no request)" : routes }], look.width),
	];
}

function routeLines(report: ProblemReport, look: ProblemsLook): OverlayLine[] {
	const heading = line(
		[
			{ text: "Failing routes (5xx)", bold: true, color: "cyan" },
			{ text: ` · ${report.serverErrors} requests`, dim: true },
		],
		look.width,
	);
	if (report.routes.length === 0)
		return [heading, line([{ text: "  no 5xx in the buffers", dim: true }], look.width)];
	const methodWidth = Math.max(...report.routes.map((route) => route.method.length), 3);
	return [
		heading,
		...report.routes.map((route) =>
			line(
				[
					{ text: `${String(route.count).padStart(7)}  `, bold: true },
					{ text: `${formatTime(route.lastSeen, look.timeFormat, look.now, true)}  `, dim: true },
					{ text: `${route.method.padEnd(methodWidth)} `, color: "red" },
					{ text: route.path === "" ? "/" : route.path },
				],
				look.width,
			),
		),
	];
}

/** The view's lines for `rows` x `width`: heading, group list, the selected group, failing routes. */
export function problemsLines(problems: ProblemsState, look: ProblemsLook): OverlayLine[] {
	const { report } = problems;
	const routes = routeLines(report, look);
	const listRows = Math.max(1, look.rows - 1 - detailRows - routes.length);
	const groups = report.groups;
	const offset = Math.max(0, Math.min(problems.selected - listRows + 1, groups.length - listRows));
	const shown = groups.slice(offset, offset + listRows);
	const range =
		groups.length > listRows ? ` · ${offset + 1}–${offset + shown.length} of ${groups.length}` : "";
	const heading = line(
		[
			{ text: "Exceptions by fingerprint", bold: true, color: "cyan" },
			{ text: ` · ${groups.length} groups · ${report.exceptions} held${range}`, dim: true },
		],
		look.width,
	);
	const list = shown.map((group, i) => groupRow(group, offset + i === problems.selected, look));
	while (list.length < Math.min(listRows, Math.max(1, groups.length))) list.push({ text: "" });
	return [heading, ...list, ...detailLines(groups[problems.selected], look), ...routes];
}

/** The title: what the report covers. */
export function problemsTitle(problems: ProblemsState, title: (paneId: string) => string): string {
	const scope = problems.scope === "all" ? "all panes" : title(problems.paneId);
	return `Problems · ${scope} · what the buffers hold (the search does not apply)`;
}

export function ProblemsOverlay(props: {
	problems: ProblemsState;
	geometry: OverlayGeometry;
	timeFormat: TimeFormat;
	now: number;
	title: (paneId: string) => string;
}) {
	const { problems, geometry } = props;
	const look: ProblemsLook = {
		width: geometry.innerWidth,
		rows: geometry.bodyRows,
		timeFormat: props.timeFormat,
		now: props.now,
		title: props.title,
	};
	const other = problems.scope === "all" ? "this pane" : "all panes";
	return (
		<OverlayFrame
			geometry={geometry}
			borderColor="yellow"
			title={problemsTitle(problems, props.title)}
			footer={`↑↓ select  Enter newest ([ ] step, Esc back)  Tab ${other}  P Esc close`}
		>
			<ScrolledLines visible={problemsLines(problems, look)} />
		</OverlayFrame>
	);
}
