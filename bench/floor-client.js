/**
 * The floor for line-mode ingest: the least a client can do with the tail stream. Per project one
 * fetch; decode, split frames on a blank line, JSON.parse each `data:` line, print the event as one
 * line of JSON. No reconnects, no sanitizing, no dedupe: it exits when every stream has ended.
 *
 * Usage: CATALYST_ACCESS_TOKEN=... node bench/floor-client.js <origin> <store-hash> <uuid>... > out
 */
const [origin, storeHash, ...projects] = process.argv.slice(2);
const token = process.env.CATALYST_ACCESS_TOKEN ?? "";

/** @param {string} uuid */
async function tail(uuid) {
	const response = await fetch(`${origin}/stores/${storeHash}/v3/infrastructure/logs/${uuid}/tail`, {
		headers: { "X-Auth-Token": token, Accept: "text/event-stream" },
	});
	if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
	const decoder = new TextDecoder();
	let rest = "";
	for await (const chunk of response.body) {
		const frames = (rest + decoder.decode(chunk, { stream: true })).split("\n\n");
		rest = frames.pop() ?? "";
		let out = "";
		for (const frame of frames) {
			const at = frame.indexOf("data:");
			if (at === -1) continue;
			const end = frame.indexOf("\n", at);
			const data = frame.slice(at + 5, end === -1 ? undefined : end).trim();
			if (data === "") continue;
			out += `${JSON.stringify(JSON.parse(data))}\n`;
		}
		if (out !== "" && !process.stdout.write(out)) {
			await new Promise((resolve) => process.stdout.once("drain", resolve));
		}
	}
}

await Promise.all(projects.map(tail));
