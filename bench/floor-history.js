/**
 * The floor for `bctail query`: every page of a window through the history endpoint, newest first
 * following `after` cursors, 500 a page, each body JSON.parse'd and each entry written as one line of
 * JSON to stdout. What a hand-written client with no merging, grouping, sanitizing or ordering costs.
 *
 * Usage: BENCH_TOKEN=… node bench/floor-history.js <origin> <storeHash> <projectUuid> <startISO> <endISO>
 */
const [origin, storeHash, project, start, end] = process.argv.slice(2);
const headers = { "X-Auth-Token": process.env.BENCH_TOKEN ?? "", Accept: "application/json" };
let after = "";
let entries = 0;
let out = [];
for (;;) {
	const query = `start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}&limit=500${after ? `&after=${encodeURIComponent(after)}` : ""}`;
	const response = await fetch(`${origin}/stores/${storeHash}/v3/infrastructure/logs/${project}?${query}`, {
		headers,
	});
	const body = JSON.parse(await response.text());
	for (const entry of body.data) out.push(JSON.stringify(entry));
	entries += body.data.length;
	if (out.length > 2000) {
		process.stdout.write(`${out.join("\n")}\n`);
		out = [];
	}
	const pagination = body.meta?.cursor_pagination;
	if (!(pagination?.links?.next || pagination?.has_next_page) || body.data.length === 0) break;
	after = pagination.end_cursor;
}
if (out.length > 0) process.stdout.write(`${out.join("\n")}\n`);
process.stderr.write(`${JSON.stringify({ entries })}\n`);
