/**
 * The floor for replay: read an NDJSON file in large chunks, split lines, JSON.parse each. Prints the
 * number of events parsed (so the work cannot be optimized away) on stdout.
 *
 * Usage: node bench/floor-replay.js <file.ndjson>
 */
import { createReadStream } from "node:fs";

const decoder = new TextDecoder();
let rest = "";
let events = 0;
for await (const chunk of createReadStream(process.argv[2] ?? "", { highWaterMark: 1 << 20 })) {
	const lines = (rest + decoder.decode(chunk, { stream: true })).split("\n");
	rest = lines.pop() ?? "";
	for (const line of lines) {
		if (line !== "" && typeof JSON.parse(line) === "object") events++;
	}
}
if (rest !== "" && typeof JSON.parse(rest) === "object") events++;
process.stdout.write(`${JSON.stringify({ events })}\n`);
