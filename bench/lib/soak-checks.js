/**
 * The soak's verdict: the checks over one finished run, and the summary it prints (a readable part,
 * then one JSON line).
 */
import { faults, lineProject, minReconnectMs, projects } from "./soak-plan.js";

const mb = (bytes) => (bytes / 1048576).toFixed(1);

/** A 10 s bucket may hold this many stream requests of one project (see soak.js: request rate). */
export const maxRequestsPer10s = 12;

/** The most requests a hostile window of `ms` may hold: attempts at least `minReconnectMs` apart. */
const windowBound = (ms) => Math.floor(ms / minReconnectMs) + 1;

/** The line-mode project's sent digest against what its stdout held. */
function lineRow(run) {
	const want = run.sent.digests[lineProject.uuid];
	const got = run.line.digest;
	return {
		project: lineProject.name,
		sent: want.count,
		printed: got.digest.count,
		history: got.historyEvents,
		historyEntries: got.historyEntries,
		historyRepeats: got.historyRepeats,
		unreadable: got.unreadable,
		duplicates: got.duplicates,
		same: JSON.stringify(got.digest) === JSON.stringify(want),
	};
}

/** Per project, the busiest 10 s bucket of stream requests. */
function busiestBuckets(run) {
	return projects.map((project) => ({
		project: project.name,
		max: Math.max(0, ...(run.sent.buckets[project.uuid] ?? [])),
	}));
}

/** @returns {Record<string, boolean>} */
export function checksOf(run) {
	const { warm, end, panes } = run;
	const line = lineRow(run);
	const heapGrowth = (end.heapUsed - warm.heapUsed) / warm.heapUsed;
	const rssGrowth = (end.rss - warm.rss) / warm.rss;
	const lineRssGrowth = (run.line.endRss - run.line.warmRss) / run.line.warmRss;
	const windowNames = new Set(faults.filter((fault) => fault.window).map((fault) => fault.name));
	// A window opened less than one fault interval before the end may still be running.
	const measured = run.windows.filter((window) => window.requests !== null);
	const windowsDue = run.faultLog.filter(
		(fault) =>
			windowNames.has(fault.name) && fault.at * 1000 + run.faultEveryMs + run.windowMs <= run.durationMs,
	).length;
	const faultsDue = Math.floor((run.durationMs - 1000) / run.faultEveryMs);
	return {
		"sent = shown (count and digest, every pane)": panes.perProject.every((row) => row.same),
		"every shown event is in the store": panes.perProject.every((row) => row.inStore === row.shown),
		"duplicates = 0 (panes)": panes.duplicates === 0,
		"line mode: sent = printed (count and digest), every line JSON": line.same && line.unreadable === 0,
		"line mode: duplicates = 0": line.duplicates === 0,
		"line mode: no history-filled entry repeats a live event (by fingerprint)": line.historyRepeats === 0,
		"line mode: no loss reported, exit 0 on SIGTERM":
			run.line.stopped.lossReports.length === 0 && run.line.stopped.code === 0,
		"heap growth after warm-up <= 10%": heapGrowth <= 0.1,
		"RSS growth after warm-up <= 10%": rssGrowth <= 0.1,
		"line-mode RSS growth after warm-up <= 25%": lineRssGrowth <= 0.25,
		[`hostile windows: at most 1 request per ${minReconnectMs / 1000} s`]: run.windows.every(
			(window) => window.requests === null || window.requests <= windowBound(window.ms),
		),
		[`no project over ${maxRequestsPer10s} requests in any 10 s`]: busiestBuckets(run).every(
			(row) => row.max <= maxRequestsPer10s,
		),
		// A short run has time for fewer faults than there are kinds.
		"every fault due was applied, each kind in turn":
			new Set(run.faultLog.map((fault) => fault.name)).size >= Math.min(faults.length, faultsDue),
		"every hostile window due was measured": measured.length >= windowsDue,
		"no project stopped": panes.stoppedProjects === 0,
	};
}

/** Prints the summary and the JSON line. */
export function printSummary(run, checks) {
	const { warm, end, panes } = run;
	const line = lineRow(run);
	console.log("\nper project:");
	for (const row of panes.perProject) {
		console.log(
			`  ${row.project.padEnd(16)} sent ${row.sent}  shown ${row.shown}  in store ${row.inStore}  ${row.same ? "same set" : "DIFFERENT"}`,
		);
	}
	console.log(
		`  ${line.project.padEnd(16)} sent ${line.sent}  printed ${line.printed} (+${line.history} from history, ${line.historyEntries} entries, ${line.historyRepeats} repeating a live one)  ${line.same ? "same set" : "DIFFERENT"}  (line mode, ${run.line.stopped.stalls} reader stalls of ${run.stallMs / 1000} s)`,
	);
	console.log("\nstream requests per 10 s, busiest bucket per project:");
	console.log(
		`  ${busiestBuckets(run)
			.map((row) => `${row.project} ${row.max}`)
			.join(", ")}`,
	);
	console.log("hostile windows (requests per 10 s):");
	for (const window of run.windows) {
		if (window.requests === null) {
			console.log(
				`  ${String(window.at).padStart(4)} s  ${window.name.padEnd(24)} ${window.project.padEnd(16)} MISSED: no request came`,
			);
			continue;
		}
		const per10s = (window.requests / (window.ms / 10_000)).toFixed(1);
		console.log(
			`  ${String(window.at).padStart(4)} s  ${window.name.padEnd(24)} ${window.project.padEnd(16)} ${window.requests} in ${window.ms / 1000} s = ${per10s}`,
		);
	}
	console.log("\nmemory (every 5 s; MB):");
	console.log(`  t      ${panes.samples.map((s) => String(s.t).padStart(6)).join("")}`);
	console.log(`  rss    ${panes.samples.map((s) => mb(s.rss).padStart(6)).join("")}`);
	console.log(`  heap   ${panes.samples.map((s) => mb(s.heapUsed).padStart(6)).join("")}`);
	const growth = (a, b) => `${(((b - a) / a) * 100).toFixed(1)}%`;
	console.log(
		`  after GC: warm-up heap ${mb(warm.heapUsed)} → end ${mb(end.heapUsed)} (${growth(warm.heapUsed, end.heapUsed)}), rss ${mb(warm.rss)} → ${mb(end.rss)} (${growth(warm.rss, end.rss)})`,
	);
	console.log(
		`  line-mode CLI rss: warm-up ${mb(run.line.warmRss)} → end ${mb(run.line.endRss)} (${growth(run.line.warmRss, run.line.endRss)})`,
	);
	console.log(`\nevent-loop delay: p99 ${panes.eld.p99.toFixed(1)} ms, max ${panes.eld.max.toFixed(1)} ms`);
	console.log(
		`faults applied (${run.faultLog.length}): ${run.faultLog.map((fault) => `${fault.at}s ${fault.name} → ${fault.project}`).join(", ")}`,
	);
	console.log(
		`reconnects ${panes.reconnects}, gaps ${panes.gaps}, skipped ${JSON.stringify(panes.skips)}, replayed events dropped by the clients ${panes.replaysDropped}, publishes ${panes.publishes}, events generated ${run.sent.generated} (fat ${run.sent.fatSent} sent)`,
	);
	if (run.line.stopped.lossReports.length > 0)
		console.log(`line mode said: ${run.line.stopped.lossReports.join(" | ")}`);
	console.log("\nchecks:");
	for (const [name, ok] of Object.entries(checks)) console.log(`  ${ok ? "ok  " : "FAIL"} ${name}`);
	console.log(
		JSON.stringify({
			minutes: run.minutes,
			rate: run.rate,
			perProject: panes.perProject,
			line,
			duplicates: panes.duplicates,
			warmedAt: run.warmedAt,
			heap: { warm: warm.heapUsed, end: end.heapUsed },
			rss: { warm: warm.rss, end: end.rss },
			lineRss: { warm: run.line.warmRss, end: run.line.endRss },
			eventLoopDelayMs: panes.eld,
			requestsPer10s: busiestBuckets(run),
			windows: run.windows,
			reconnects: panes.reconnects,
			gaps: panes.gaps,
			skips: panes.skips,
			faults: run.faultLog.length,
			checks,
		}),
	);
}
