/**
 * The sample data in `test/fixtures/` (described in its README), for tests of normalization, output and
 * history. Read relative to this file, so the tests find it in any clone, wherever it is.
 */
import { readFileSync } from "node:fs";

/** The text of a file in `test/fixtures/`. */
export function readFixture(name: string): string {
	return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
}

/** Each line of sample-events.ndjson, in order (line 1 is index 0). */
export const sampleLines: readonly string[] = readFixture("sample-events.ndjson")
	.split("\n")
	.filter((line) => line.trim() !== "");

/** The sample events parsed, one object per line, in the same order. */
export function sampleEvents(): Record<string, unknown>[] {
	return sampleLines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** sample-log-query-page.json: one page of the log-query (history) endpoint, parsed. */
export function sampleLogQueryPage(): unknown {
	return JSON.parse(readFixture("sample-log-query-page.json")) as unknown;
}
