/**
 * The shared sample events (/work/shared/fixtures, a sibling of the checkout here and in CI), one JSON
 * text per line, for tests of normalization and output.
 */
import { readFileSync } from "node:fs";

const url = new URL("../../../shared/fixtures/sample-events.ndjson", import.meta.url);

/** Each line of sample-events.ndjson, in order (line 1 is index 0). */
export const sampleLines: readonly string[] = readFileSync(url, "utf8")
	.split("\n")
	.filter((line) => line.trim() !== "");
