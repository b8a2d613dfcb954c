/**
 * The help overlay (`?`): every binding of the keymap, grouped, straight from `keymap.ts` so it can
 * never disagree with what the keys do.
 */
import { helpColumns } from "./help-columns.js";
import { keyLabels, keymapGroups } from "./keymap.js";
import type { OverlayLine } from "./overlay-content.js";
import { OverlayFrame, type OverlayGeometry, ScrolledLines, scrollPosition } from "./overlay-frame.js";
import { padToWidth } from "./truncate-to-width.js";
import { useBackgroundWrap } from "./use-background-wrap.js";
import { WrappedLines } from "./wrapped-lines.js";

/**
 * The help text: a heading per group, then `keys  description` per command, wrapped to `width`; when
 * that is more than `rows` lines, the short help in columns if it fits (see `help-columns.ts`).
 */
export function helpLines(width: number, rows = Number.POSITIVE_INFINITY): WrappedLines {
	const lines: OverlayLine[] = [];
	for (const { group, commands } of keymapGroups()) {
		if (lines.length > 0) lines.push({ text: "" });
		lines.push({ text: group, bold: true, color: "cyan" });
		for (const command of commands) {
			lines.push({ text: `  ${padToWidth(keyLabels(command), 16)} ${command.description}` });
		}
	}
	const full = new WrappedLines(lines, width);
	if (rows === Number.POSITIVE_INFINITY || full.all().length <= rows) return full;
	const columns = helpColumns(width, rows);
	return columns ? new WrappedLines(columns, width) : full;
}

export function HelpOverlay(props: { lines: WrappedLines; scroll: number; geometry: OverlayGeometry }) {
	const { geometry, lines } = props;
	useBackgroundWrap(lines);
	const scroll = lines.top(props.scroll, geometry.bodyRows);
	const visible = lines.rows(scroll, geometry.bodyRows);
	const position = scrollPosition(scroll, geometry.bodyRows, lines.count, lines.complete);
	return (
		<OverlayFrame
			geometry={geometry}
			title="Keys"
			footer={`Esc / q / ? close  ↑↓ PgUp PgDn scroll${position ? `  ${position}` : ""}`}
		>
			<ScrolledLines visible={visible} />
		</OverlayFrame>
	);
}
