/**
 * The help overlay flowed into columns, for screens too short for one column of full help lines
 * (80x24 has 19 body rows for ~60 lines). Each command gets a short label here, so three columns of
 * about 24 characters stay readable; the compiler asks for one per command, so a new key cannot miss
 * the small-screen help (an empty label shares the cell of the command before it). Headings never sit
 * alone at the bottom of a column.
 */
import { type CommandId, keyLabels, keymapGroups } from "./keymap.js";
import type { OverlayLine } from "./overlay-content.js";
import { fitSpans, padToWidth, type Span, textWidth } from "./truncate-to-width.js";

const shortLabels: { readonly [Id in CommandId]: string } = {
	"focus.next": "next pane",
	"focus.previous": "previous pane",
	"focus.number": "pane n",
	"pause.pane": "pause / all",
	"pause.all": "",
	"pane.add": "add a pane",
	"pane.close": "close / reopen",
	"pane.reopen": "",
	"cursor.up": "up",
	"cursor.down": "down",
	"page.up": "page up / down",
	"page.down": "",
	"halfPage.up": "half page up",
	"halfPage.down": "half page down",
	top: "top",
	bottom: "bottom, follow",
	"time.open": "go to a time",
	"search.open": "search, ~fuzzy",
	"match.next": "next/prev hit",
	"match.previous": "",
	"filter.toggle": "filter · older",
	"filter.older": "",
	"search.clear": "clear search",
	"quick.serverErrors": "only 5xx/errors",
	"quick.errors": "",
	"quick.route": "only this route",
	"paneFilter.open": "filter this pane",
	"detail.open": "entry detail",
	"exception.open": "newest exception",
	"exception.next": "next / prev exc.",
	"exception.previous": "",
	copy: "copy / export",
	export: "",
	zoom: "zoom / layout",
	layout: "",
	time: "time format",
	"density.compact": "compact/wrap/pan",
	"density.wrap": "",
	"scroll.left": "",
	"scroll.right": "",
	help: "this help",
	"overlay.previous": "prev/next exc.",
	"overlay.next": "",
	"overlay.close": "close",
	"problems.open": "open / close",
	"problems.close": "",
	"problems.up": "select group",
	"problems.down": "",
	"problems.show": "newest · all",
	"problems.scope": "",
	"problems.export": "export group",
	"search.submit": "apply",
	"search.cancel": "cancel",
	"edit.deleteBack": "delete left",
	"edit.deleteForward": "delete right",
	"edit.left": "cursor ← / →",
	"edit.right": "",
	"edit.clear": "clear",
	"search.recallOlder": "past searches",
	"search.recallNewer": "",
	"picker.up": "prev / next",
	"picker.down": "",
	"picker.mark": "mark",
	"picker.open": "open marked",
	"picker.close": "close",
	quit: "quit",
	suspend: "suspend",
};

/** The narrowest column worth drawing, and the gap between columns. */
export const minHelpColumn = 22;
const gap = 2;

type Cell = { readonly heading: string } | { readonly keys: string; readonly label: string };

function cells(): Cell[] {
	const out: Cell[] = [];
	for (const { group, commands } of keymapGroups()) {
		out.push({ heading: group });
		for (const command of commands) {
			const label = shortLabels[command.id];
			const last = out.at(-1);
			// An empty label shares the cell before it ("n N  next / prev match"): 80x24 has no row to spare.
			if (label === "" && last !== undefined && "keys" in last)
				out[out.length - 1] = { keys: `${last.keys} ${keyLabels(command)}`, label: last.label };
			else out.push({ keys: keyLabels(command), label });
		}
	}
	return out;
}

/** The cells in columns of at most `rows`, a heading never last in its column. */
function flow(all: readonly Cell[], rows: number): Cell[][] {
	const columns: Cell[][] = [[]];
	for (const cell of all) {
		let column = columns[columns.length - 1] as Cell[];
		const full = column.length >= rows || ("heading" in cell && column.length >= rows - 1);
		if (full && column.length > 0) {
			column = [];
			columns.push(column);
		}
		column.push(cell);
	}
	return columns;
}

function columnWidths(width: number, count: number): number[] {
	const room = width - gap * (count - 1);
	const base = Math.floor(room / count);
	return Array.from({ length: count }, (_, i) => base + (i < room - base * count ? 1 : 0));
}

function cellSpans(cell: Cell | undefined, width: number, keysWidth: number): Span[] {
	if (cell === undefined) return [{ text: " ".repeat(width) }];
	const spans: Span[] =
		"heading" in cell
			? [{ text: cell.heading, bold: true, color: "cyan" }]
			: [{ text: padToWidth(cell.keys, keysWidth), color: "yellow" }, { text: ` ${cell.label}` }];
	const fitted = fitSpans(spans, width);
	if (fitted.width < width) fitted.spans.push({ text: " ".repeat(width - fitted.width) });
	return fitted.spans;
}

/**
 * The help as lines of columns that fit `width` x `rows`, in as few columns as do, or null when even
 * the most columns that fit the width need more rows (the one-column help scrolls then).
 */
export function helpColumns(width: number, rows: number): OverlayLine[] | null {
	const most = Math.floor((width + gap) / (minHelpColumn + gap));
	const columns = flow(cells(), rows);
	if (columns.length > most) return null;
	{
		const count = columns.length;
		const widths = columnWidths(width, count);
		const keysWidths = columns.map((column) =>
			Math.max(0, ...column.map((cell) => ("keys" in cell ? textWidth(cell.keys) : 0))),
		);
		const height = Math.max(...columns.map((column) => column.length));
		const lines: OverlayLine[] = [];
		for (let row = 0; row < height; row++) {
			const spans: Span[] = [];
			columns.forEach((column, i) => {
				if (i > 0) spans.push({ text: " ".repeat(gap) });
				spans.push(...cellSpans(column[row], widths[i] ?? 0, keysWidths[i] ?? 0));
			});
			lines.push({
				text: spans
					.map((span) => span.text)
					.join("")
					.trimEnd(),
				spans,
			});
		}
		return lines;
	}
}
