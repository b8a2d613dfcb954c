import { describe, expect, it } from "vitest";
import { StreamLoss } from "../../source/stream/stream-loss.js";
import { RecordingSink } from "./recording-sink.js";

const P = "019500e2-933d-7057-8e81-090dd7240795";

/** A sink that also records seams. */
class SeamSink extends RecordingSink {
	readonly seams: { start: number; end: number }[] = [];
	seam(_project: string, seam: { start: number; end: number }): void {
		this.seams.push(seam);
	}
}

/** A sink and the counters a client keeps. */
function world() {
	const sink = new SeamSink();
	return { sink, seams: sink.seams, counters: { gaps: 0 } };
}

const failure = { reason: "The stream was lost (503).", shortReason: "503" };

describe("StreamLoss", () => {
	it("reports nothing for the first stream", () => {
		const { sink, seams, counters } = world();
		new StreamLoss().opened(1000, sink, P, counters);
		expect(sink.gaps).toEqual([]);
		expect(seams).toEqual([]);
	});

	it("reports a routine end as a seam, from the end to the next open", () => {
		const { sink, seams, counters } = world();
		const loss = new StreamLoss();
		expect(loss.afterEnd({ kind: "ended" }, 60_000)).toEqual({ kind: "ended" });
		loss.opened(60_050, sink, P, counters);
		expect(seams).toEqual([{ start: 60_000, end: 60_050 }]);
		expect(sink.gaps).toEqual([]);
		expect(counters.gaps).toBe(0);
		// Reported once.
		loss.opened(70_000, sink, P, counters);
		expect(seams).toHaveLength(1);
	});

	it("turns a routine end into a gap when the retry fails, with the retry's reason", () => {
		const { sink, seams, counters } = world();
		const loss = new StreamLoss();
		loss.afterEnd({ kind: "ended" }, 60_000);
		loss.retryFailed("connection refused");
		loss.retryFailed("503");
		loss.opened(65_000, sink, P, counters);
		expect(sink.gaps).toEqual([
			{ project: P, gap: { start: 60_000, end: 65_000, cause: "connection refused" } },
		]);
		expect(seams).toEqual([]);
		expect(counters.gaps).toBe(1);
	});

	it("makes a lost stream a gap from its loss, with the failure's gap cause", () => {
		const { sink, counters } = world();
		const loss = new StreamLoss();
		const outcome = loss.afterEnd(
			{ kind: "lost", failure: { ...failure, gapCause: "no data for 35 s" }, lostAt: 10 },
			99,
		);
		expect(outcome).toEqual({
			kind: "failed",
			failure: { ...failure, gapCause: "no data for 35 s" },
			delayMs: null,
		});
		loss.retryFailed("connection refused");
		loss.opened(500, sink, P, counters);
		expect(sink.gaps.map((g) => g.gap)).toEqual([{ start: 10, end: 500, cause: "no data for 35 s" }]);
	});

	it("keeps the shortest wait of an early end in the outcome", () => {
		const loss = new StreamLoss();
		expect(loss.afterEnd({ kind: "lost", failure, lostAt: 5, minDelayMs: 1000 }, 6)).toEqual({
			kind: "failed",
			failure,
			delayMs: null,
			minDelayMs: 1000,
		});
	});

	it("ignores a failed retry when nothing was lost", () => {
		const { sink, seams, counters } = world();
		const loss = new StreamLoss();
		loss.retryFailed("503");
		loss.opened(10, sink, P, counters);
		expect(sink.gaps).toEqual([]);
		expect(seams).toEqual([]);
	});
});
