/**
 * The soak's slow reader, in a child process of its own (forked by `bench/soak.js`): it starts the
 * real line-mode CLI (`dist/bin.js --format json`) on one project, reads its stdout through a real
 * pipe and stops reading for `stallMs` every `stallEveryMs` (a `| less` left alone, a consumer that
 * blocks). It digests the uuids of the live events printed, counts duplicates and history-filled
 * events, checks by fingerprint that no history-filled entry repeats a live event printed (the
 * history must bring only what no stream carried), and samples the CLI's RSS.
 *
 * Options come as JSON in `SOAK_READER`. IPC: it answers `progress`, `digest` and `stop` (SIGTERM
 * to the CLI, then its exit code and what it said on stderr).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { entryFingerprint, eventFingerprints } from "../../dist/model/fingerprint.js";
import { parseHistoryEntry } from "../../dist/model/history-entry.js";
import { parseEvent } from "../../dist/model/normalize.js";
import { bin, childEnv, node } from "./proc.js";
import { Digest, minStreamMs, RecentUuids } from "./soak-plan.js";

const options = JSON.parse(process.env.SOAK_READER ?? "{}");
const send = (message) => process.send?.(message);
// Not the checkout: the CLI would read .bigcommerce/ there.
const cwd = mkdtempSync(join(tmpdir(), "bctail-soak-reader-"));

const cli = spawn(
	node,
	[
		bin,
		"--format",
		"json",
		"--store-hash",
		options.storeHash,
		"--api-host",
		options.origin,
		// The soak's keep-alives come every second: a stall is noticed in 5 s, as in the panes.
		"--idle-timeout",
		"5",
		options.projectUuid,
	],
	{
		cwd,
		env: childEnv({ CATALYST_ACCESS_TOKEN: options.token, BCTAIL_MIN_STREAM_MS: String(minStreamMs) }),
		stdio: ["ignore", "pipe", "pipe"],
	},
);
let stopping = false;
const exited = new Promise((resolve) => cli.on("exit", (code, signal) => resolve({ code, signal })));
// The CLI ending on its own spoils the run: say why at once, not only in the final check.
void exited.then(({ code, signal }) => {
	if (!stopping)
		console.error(`soak: the line-mode CLI exited (${code ?? signal}): ${stderrLines.slice(-3).join(" | ")}`);
});

const live = new Digest();
const recent = new RecentUuids();
/**
 * Fingerprints of the entries of the live events printed lately (a bounded window, oldest out
 * first): a history-filled entry found here was printed twice. Entries without a time are left out:
 * identical ones (a cron's same line) are not one entry, whatever the fingerprint says.
 */
const liveEntries = new Set();
const liveEntryOrder = [];
let historyEntries = 0;
let historyRepeats = 0;
let historyEvents = 0;
let unreadable = 0;
let lines = 0;
let partial = "";
cli.stdout.setEncoding("utf8").on("data", (chunk) => {
	const parts = (partial + chunk).split("\n");
	partial = parts.pop() ?? "";
	for (const line of parts) {
		if (line === "") continue;
		lines += 1;
		let event;
		try {
			event = JSON.parse(line);
		} catch {
			unreadable += 1;
			continue;
		}
		// A gap filled from history: events the API kept while no stream was open (uuid `h:…`).
		if (event.history === true) {
			historyEvents += 1;
			countHistoryEntries(event);
		} else {
			live.add(event.uuid);
			recent.add(event.uuid);
			rememberLiveEntries(line);
		}
	}
});
/** Keeps the timed fingerprints of a live line's entries (the last 200,000). */
function rememberLiveEntries(line) {
	const parsed = parseEvent(line, options.projectUuid, Date.now());
	if (!parsed.ok) return;
	for (const fingerprint of eventFingerprints(parsed.event)) {
		if (fingerprint.startsWith("-")) continue;
		liveEntries.add(fingerprint);
		liveEntryOrder.push(fingerprint);
	}
	if (liveEntryOrder.length > 200_000) {
		for (const old of liveEntryOrder.splice(0, 50_000)) liveEntries.delete(old);
	}
}

/** Counts a history-filled event's entries, and those that repeat a live event printed. */
function countHistoryEntries(event) {
	for (const raw of Array.isArray(event.entries) ? event.entries : []) {
		historyEntries += 1;
		const entry = parseHistoryEntry(raw, options.projectUuid);
		if (entry !== null && entry.time !== null && liveEntries.has(entryFingerprint(entry)))
			historyRepeats += 1;
	}
}

const stderrLines = [];
let stderrPartial = "";
cli.stderr.setEncoding("utf8").on("data", (chunk) => {
	const parts = (stderrPartial + chunk).split("\n");
	stderrPartial = parts.pop() ?? "";
	stderrLines.push(...parts.filter((line) => line !== ""));
});

let stalls = 0;
let stalled = false;
const stallTimer = setInterval(() => {
	stalls += 1;
	stalled = true;
	cli.stdout.pause();
	setTimeout(() => {
		stalled = false;
		cli.stdout.resume();
	}, options.stallMs);
}, options.stallEveryMs);

/** The CLI's resident set in bytes, from /proc (0 once it is gone). */
function cliRss() {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${cli.pid}/status`, "utf8"));
		return match ? Number(match[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

/** What the CLI said on stderr that is not routine connection news: a loss it reported. */
const lossReports = () => stderrLines.filter((line) => /not keeping up/.test(line));

process.on("disconnect", () => {
	cli.kill("SIGKILL");
	process.exit(0);
});
process.on("message", async (message) => {
	if (message.type === "progress") {
		send({ type: "progress", lines, live: live.count, historyEvents, rss: cliRss(), stalls, stalled });
	} else if (message.type === "digest") {
		send({
			type: "digest",
			digest: live.toJSON(),
			duplicates: recent.duplicates,
			historyEvents,
			historyEntries,
			historyRepeats,
			unreadable,
		});
	} else if (message.type === "stop") {
		stopping = true;
		clearInterval(stallTimer);
		cli.stdout.resume();
		cli.kill("SIGTERM");
		const { code, signal } = await exited;
		rmSync(cwd, { recursive: true, force: true });
		send({
			type: "stopped",
			code,
			signal,
			stalls,
			lossReports: lossReports(),
			stderrTail: stderrLines.slice(-5),
		});
	}
});
send({ type: "ready", pid: cli.pid });
