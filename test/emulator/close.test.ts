import { expect, test } from "vitest";
import { createEmulator } from "../../source/emulator/emulator.js";
import { openTail, tailUrl, until } from "./sse-client.js";

test("close() resolves with stalled, unanswered and live streams open", async () => {
	// Streams that never end on their own (streamEndMs 0): close() resolving at all proves it ended them.
	const emu = await createEmulator({ rate: 50, keepAliveMs: 50, streamEndMs: 0 });
	const [p, q, r] = emu.projects.map((project) => project.uuid) as [string, string, string];
	emu.fault(p, { fault: { kind: "stall" } });
	emu.fault(q, { fault: { kind: "no-headers" } });
	const stalled = await openTail(emu, p);
	// Settles to what happened, so its rejection is never unhandled while we wait.
	const unanswered = openTail(emu, q).then(
		() => "answered",
		(error: unknown) => error,
	);
	const live = await openTail(emu, r);
	await until(() => expect(emu.openStreams()).toBe(3));

	await emu.close();
	await Promise.all([stalled.done, live.done]);
	expect(await unanswered).toBeInstanceOf(Error);
	expect(stalled.ended).toBe(false);
	expect(live.ended).toBe(false);
	expect(emu.openStreams()).toBe(0);

	// Closed for real: nothing listens on the port any more.
	await expect(fetch(tailUrl(emu, r), { headers: { "X-Auth-Token": emu.token } })).rejects.toThrow();
	// A second close is harmless.
	await emu.close();
});
