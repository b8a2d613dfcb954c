/**
 * Cheap, pure formatting for what panes and overlays show: times, status and level colours,
 * connection states, sparklines. Called for visible rows only, so plain string building is enough.
 */
import { oneLine } from "../model/sanitize.js";
import type { ConnectionStatus } from "../model/types.js";
import { clockText } from "../store/row-text.js";
import type { PaneTotals, TimeFormat } from "../store/types.js";
import { prefixToWidth } from "./truncate-to-width.js";

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

/**
 * A row's time: local `HH:MM:SS.mmm`, UTC `HH:MM:SS.mmmZ`, or relative to `now` (`-12.3s`, `-4m05s`,
 * `-2h07m`, right-aligned to 7 columns so rows stay aligned). `seconds` drops the milliseconds
 * (`HH:MM:SS`, `HH:MM:SSZ`): a narrow pane keeps its columns for the path.
 */
export function formatTime(ms: number, format: TimeFormat, now: number, seconds = false): string {
	if (format === "relative") return formatRelative(ms - now).padStart(7);
	const text = clockText(ms, format === "utc");
	if (!seconds) return text;
	return format === "utc" ? `${text.slice(0, 8)}Z` : text.slice(0, 8);
}

/**
 * Where "go to a time" sent a pane, for its header: `at 14:05 · G: live` (`14:05:30` when asked to the
 * second; `14:05Z` in UTC; `at -2h07m` in relative mode).
 */
export function atLabel(
	at: { readonly ms: number; readonly seconds: boolean },
	format: TimeFormat,
	now: number,
): string {
	let text = formatTime(at.ms, format, now, true).trim();
	if (format !== "relative" && !at.seconds)
		text = format === "utc" ? `${text.slice(0, 5)}Z` : text.slice(0, 5);
	return `at ${text} · G: live`;
}

function formatRelative(deltaMs: number): string {
	const sign = deltaMs > 0 ? "+" : "-";
	const abs = Math.abs(deltaMs);
	if (abs < 60_000) return `${sign}${(Math.floor(abs / 100) / 10).toFixed(1)}s`;
	const totalSeconds = Math.floor(abs / 1000);
	if (totalSeconds < 3600) return `${sign}${Math.floor(totalSeconds / 60)}m${pad2(totalSeconds % 60)}s`;
	const totalMinutes = Math.floor(totalSeconds / 60);
	if (totalMinutes < 24 * 60) return `${sign}${Math.floor(totalMinutes / 60)}h${pad2(totalMinutes % 60)}m`;
	return `${sign}${Math.floor(totalMinutes / (24 * 60))}d`;
}

/** A full timestamp for overlays: `2026-06-01 14:34:56.405 local · 2026-06-01T12:34:56.405Z`. */
export function formatFullTime(ms: number): string {
	const d = new Date(ms);
	if (Number.isNaN(d.getTime())) return "invalid time";
	const local = `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}.${pad3(d.getMilliseconds())}`;
	return `${local} local · ${d.toISOString()}`;
}

/** The colour of an HTTP status by class; 0 (unknown) is drawn as `---`. */
export function statusColor(status: number): string | undefined {
	if (status >= 500) return "red";
	if (status >= 400) return "yellow";
	if (status >= 300) return "cyan";
	if (status >= 200) return "green";
	return undefined;
}

export function statusText(status: number): string {
	return status > 0 ? String(status).padStart(3) : "---";
}

/** A log level as a 5-column badge with its colour: INFO green, WARN yellow, ERROR red, DEBUG gray. */
export function levelBadge(level: string): { text: string; color: string | undefined } {
	// A level is any (sanitized) string: keep it on one line, and cut it by columns, not UTF-16 units
	// (slicing could split a surrogate pair, or leave a wide character's badge over 5 columns).
	const cut = prefixToWidth(oneLine(level.toUpperCase()), 5);
	const text = cut.text + " ".repeat(5 - cut.width);
	switch (level) {
		case "info":
			return { text, color: "green" };
		case "warn":
		case "warning":
			return { text, color: "yellow" };
		case "error":
		case "fatal":
			return { text, color: "red" };
		case "debug":
		case "trace":
			return { text, color: "gray" };
		default:
			return { text, color: undefined };
	}
}

const bars = "▁▂▃▄▅▆▇█";

/**
 * A sparkline of `values` (oldest first) in `width` columns: consecutive values are averaged into one
 * column each, and heights are relative to the busiest column. Idle columns are the lowest bar.
 */
export function sparkline(values: readonly number[], width: number): string {
	if (width <= 0 || values.length === 0) return "";
	const columns = Math.min(width, values.length);
	const per = values.length / columns;
	const buckets: number[] = [];
	for (let c = 0; c < columns; c++) {
		const from = Math.floor(c * per);
		const to = Math.max(from + 1, Math.floor((c + 1) * per));
		let sum = 0;
		for (let i = from; i < to; i++) sum += values[i] ?? 0;
		buckets.push(sum / (to - from));
	}
	const max = Math.max(...buckets);
	if (max <= 0) return bars[0]!.repeat(columns);
	let out = "";
	for (const value of buckets) {
		// Anything above zero gets at least the second bar, so a trickle is visible next to silence.
		const level = value <= 0 ? 0 : Math.max(1, Math.round((value / max) * (bars.length - 1)));
		out += bars[level];
	}
	return out;
}

/** A connection state as a symbol, a word and a colour: `● live`, `↻ reconnecting 3 · 4s`. */
export function connectionLabel(status: ConnectionStatus, now: number): { text: string; color: string } {
	switch (status.phase) {
		case "live":
			return { text: "● live", color: "green" };
		case "connecting":
			return { text: "◌ connecting", color: "yellow" };
		case "reconnecting": {
			let text = `↻ reconnecting ${status.attempt}`;
			if (status.retryAt !== null) text += ` · ${Math.max(0, Math.ceil((status.retryAt - now) / 1000))}s`;
			return { text, color: "yellow" };
		}
		case "stopped": {
			const why = status.shortReason ?? status.reason;
			// A plain stop says "stopped" once, not "stopped: stopped".
			return { text: why && why !== "stopped" ? `✖ stopped: ${why}` : "✖ stopped", color: "red" };
		}
	}
}

/** `123 ev · 4 5xx · 2 exc` */
export function formatTotals(totals: PaneTotals): string {
	return `${totals.events} ev · ${totals.serverErrors} 5xx · ${totals.exceptions} exc`;
}
