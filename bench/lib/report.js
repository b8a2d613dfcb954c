/**
 * One row per figure: bctail's median and range, the reference measured in the same run, their
 * ratio, the target and whether it was met. Printed as one table and written as JSON.
 */
import { summarize } from "./stats.js";

/**
 * @typedef {import("./stats.js").Summary} Summary
 * @typedef {object} Row
 * @property {string} measure  the measure's name (`--only` takes it)
 * @property {string} metric  what is measured, with its unit
 * @property {Summary | null} bctail
 * @property {string | null} refLabel
 * @property {Summary | null} reference
 * @property {number | null} ratio  bctail median / reference median
 * @property {string} target
 * @property {boolean | null} pass  null: no target, or no figure
 * @property {string} [note]
 */

/**
 * Builds a row from raw repetitions. `check` gets the medians (and the ratio) and says pass/miss.
 * @param {{ measure: string, metric: string, bctail: number[], reference?: number[], refLabel?: string,
 *   target?: string, check?: (b: number, ratio: number | null, r: number | null) => boolean, note?: string }} spec
 * @returns {Row}
 */
export function row(spec) {
	const bctail = summarize(spec.bctail);
	const reference = spec.reference ? summarize(spec.reference) : null;
	const ratio = bctail && reference && reference.median !== 0 ? bctail.median / reference.median : null;
	const pass = bctail && spec.check ? spec.check(bctail.median, ratio, reference?.median ?? null) : null;
	return {
		measure: spec.measure,
		metric: spec.metric,
		bctail,
		refLabel: spec.refLabel ?? null,
		reference,
		ratio,
		target: spec.target ?? "report",
		pass,
		...(spec.note ? { note: spec.note } : {}),
	};
}

/** A row for a measure that could not run: the reason goes in the table instead of figures. */
export function failedRow(measure, metric, reason) {
	return {
		measure,
		metric,
		bctail: null,
		refLabel: null,
		reference: null,
		ratio: null,
		target: "",
		pass: null,
		note: reason,
	};
}

/** @param {number} value */
function number(value) {
	const abs = Math.abs(value);
	if (abs >= 100_000) return `${Math.round(value / 1000).toLocaleString("en-US")}k`;
	if (abs >= 1000) return Math.round(value).toLocaleString("en-US");
	if (abs >= 100) return value.toFixed(0);
	if (abs >= 10) return value.toFixed(1);
	return value.toFixed(2);
}

/** @param {Summary | null} summary */
function figure(summary) {
	if (!summary) return "—";
	if (summary.n === 1 || summary.min === summary.max) return number(summary.median);
	return `${number(summary.median)} [${number(summary.min)}–${number(summary.max)}]`;
}

/**
 * The table as text, columns padded.
 * @param {Row[]} rows
 */
export function formatTable(rows) {
	const header = ["measure", "metric", "bctail (median [range])", "reference", "ratio", "target", "result"];
	const lines = rows.map((each) => [
		each.measure,
		each.metric,
		figure(each.bctail),
		each.reference ? `${figure(each.reference)} (${each.refLabel})` : (each.refLabel ?? "—"),
		each.ratio === null ? "—" : `${(each.ratio * 100).toFixed(0)}%`,
		each.target,
		each.pass === null ? (each.bctail ? "" : "n/a") : each.pass ? "pass" : "MISS",
	]);
	const widths = header.map((title, i) =>
		Math.max(title.length, ...lines.map((line) => (line[i] ?? "").length)),
	);
	const format = (cells) =>
		cells
			.map((cell, i) => cell.padEnd(widths[i] ?? 0))
			.join("  ")
			.trimEnd();
	const out = [format(header), widths.map((width) => "-".repeat(width)).join("  ")];
	for (const [i, line] of lines.entries()) {
		out.push(format(line));
		const note = rows[i]?.note;
		if (note) out.push(`    note: ${note}`);
	}
	return out.join("\n");
}
