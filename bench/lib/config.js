/**
 * Sizes and repetitions. `BENCH_SCALE=smoke` shrinks everything so the smoke test runs in seconds;
 * `BENCH_REPS` overrides the number of repetitions. Nothing here is tuned to make a target pass.
 */

const full = {
	reps: 3,
	/** Events in the one-project ingest stream (the issue asks for at least 150,000). */
	ingestEvents: 150_000,
	/** Events per project in the four-project ingest. */
	ingest4Events: 150_000,
	/** Events in the stream the official client and bctail both read, and per connection. */
	officialEvents: 150_000,
	officialSegment: 25_000,
	/** TUI under load: the paced phase (events/s over all panes, seconds), then this many as fast as possible. */
	tuiPacedRate: 5_000,
	tuiPacedSeconds: 10,
	tuiFastEvents: 200_000,
	tuiIdleSeconds: 5,
	tuiKeyIntervalMs: 250,
	/** A tail left open: events/s over 3 panes for this many seconds, then keep-alives only. */
	trickleRate: 6,
	trickleSeconds: 15,
	trickleSettleSeconds: 3,
	trickleIdleSeconds: 10,
	/** Key to screen through tmux: events/s over 4 panes, seconds of traffic served, keys timed. */
	tmuxKeyRate: 6_000,
	tmuxKeySeconds: 40,
	tmuxKeySamples: 30,
	/** Frames timed per terminal size. */
	frames: 200,
	frameSizes: [
		[80, 24],
		[200, 50],
		[300, 80],
	],
	searchSizes: [10_000, 50_000, 100_000],
	/** Events in one burst while keys are timed, and the idle keep-alive stream (interval, seconds). */
	burstEvents: 50_000,
	keepaliveIntervalMs: 10,
	keepaliveSeconds: 5,
	heapEntries: 100_000,
	startupReps: 7,
	replayEvents: 1_000_000,
	/** Keys while scrolling back: live events/s per project, seeded history, key interval, reference seconds, page cap. */
	scrollbackLiveRate: 2,
	scrollbackSeed: "7d",
	scrollbackKeyIntervalMs: 100,
	scrollbackStillSeconds: 10,
	scrollbackMaxPages: 10_000,
};

/** @type {typeof full} */
const smoke = {
	reps: 1,
	ingestEvents: 2_000,
	ingest4Events: 500,
	officialEvents: 2_000,
	officialSegment: 500,
	tuiPacedRate: 2_000,
	tuiPacedSeconds: 1,
	tuiFastEvents: 4_000,
	tuiIdleSeconds: 1,
	tuiKeyIntervalMs: 200,
	trickleRate: 6,
	trickleSeconds: 2,
	trickleSettleSeconds: 1,
	trickleIdleSeconds: 1,
	tmuxKeyRate: 1_000,
	tmuxKeySeconds: 10,
	tmuxKeySamples: 3,
	frames: 20,
	frameSizes: [[80, 24]],
	searchSizes: [2_000],
	burstEvents: 2_000,
	keepaliveIntervalMs: 10,
	keepaliveSeconds: 1,
	heapEntries: 5_000,
	startupReps: 1,
	replayEvents: 10_000,
	scrollbackLiveRate: 2,
	scrollbackSeed: "6h",
	scrollbackKeyIntervalMs: 100,
	scrollbackStillSeconds: 1,
	scrollbackMaxPages: 5,
};

/** @returns {typeof full & { scale: string }} */
export function loadConfig(env = process.env) {
	const scale = env.BENCH_SCALE === "smoke" ? "smoke" : "full";
	const base = scale === "smoke" ? smoke : full;
	const reps = Number(env.BENCH_REPS);
	return { ...base, scale, reps: Number.isInteger(reps) && reps > 0 ? reps : base.reps };
}
