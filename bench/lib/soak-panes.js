/**
 * The soak's in-process bctail: the TUI's wiring minus the drawing. The real stream clients (dist/)
 * feed the real store, one pane per project, with a subscriber reading every published snapshot; a
 * sink in between digests what reaches the store and counts duplicates. Also the probes of this
 * process: event-loop delay, memory every 5 s, memory after forced collections.
 */
import { createHistogram, performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Digest, minReconnectMs, minStreamMs, paneProjects, RecentUuids } from "./soak-plan.js";

const mb = (bytes) => (bytes / 1048576).toFixed(1);
const ms = (ns) => (ns / 1e6).toFixed(1);

/**
 * Starts the panes against `target`; `elapsed()` gives the soak's seconds (for the samples).
 * @param {{ origin: string, storeHash: string, token: string }} target
 * @param {() => number} elapsed
 */
export async function startPanes(target, elapsed) {
	const { createTailClient } = await import("../../dist/stream/tail-client.js");
	const { createTailStore } = await import("../../dist/store/store.js");
	setFlagsFromString("--expose-gc");
	const gc = runInNewContext("gc");

	const store = createTailStore();
	for (const project of paneProjects) {
		store.addProject(project.uuid, project.name);
		store.setViewport(project.uuid, 40);
	}
	let publishes = 0;
	store.subscribe(() => {
		publishes += store.getSnapshot().panes.length > 0 ? 1 : 0;
	});
	const shown = new Map(paneProjects.map((project) => [project.uuid, new Digest()]));
	const recent = new Map(paneProjects.map((project) => [project.uuid, new RecentUuids()]));
	const counts = { gaps: 0, skips: { torn: 0, json: 0, shape: 0, oversize: 0 } };
	const sink = {
		event(projectUuid, event) {
			recent.get(projectUuid).add(event.uuid);
			shown.get(projectUuid).add(event.uuid);
			store.event(projectUuid, event);
		},
		status: (projectUuid, status) => store.status(projectUuid, status),
		gap(projectUuid, gap) {
			counts.gaps += 1;
			store.gap(projectUuid, gap);
		},
		skip(projectUuid, cause) {
			counts.skips[cause] += 1;
			store.skip(projectUuid, cause);
		},
	};
	// A clean end under `minStreamMs` ended early; the soak's routine ends come at 5 s.
	const clients = paneProjects.map((project) =>
		createTailClient({
			target,
			projectUuid: project.uuid,
			sink,
			idleTimeoutMs: 5000,
			minStreamMs,
			minReconnectMs,
		}),
	);
	for (const client of clients) client.start();

	const probe = eventLoopProbe();
	const samples = [];
	const sampler = setInterval(() => {
		const { rss, heapUsed } = process.memoryUsage();
		samples.push({ t: elapsed(), rss, heapUsed });
	}, 5000);
	const counter = (name) => clients.reduce((sum, client) => sum + client.status.counters[name], 0);
	const duplicates = () => [...recent.values()].reduce((sum, window) => sum + window.duplicates, 0);
	const totalShown = () => [...shown.values()].reduce((sum, digest) => sum + digest.count, 0);

	return {
		totalShown,
		/** Memory after full collections: what is really kept (the pause is left out of the delay). */
		collected() {
			const window = probe.endWindow();
			for (let i = 0; i < 3; i++) gc();
			const memory = process.memoryUsage();
			probe.skip();
			return { ...memory, window };
		},
		/** One progress line's worth of this process's figures (closes a delay window). */
		line() {
			const { rss, heapUsed, window } = this.collected();
			return [
				`rss ${mb(rss)} MB`,
				`heap after GC ${mb(heapUsed)} MB`,
				`eld p99 ${ms(window.p99)} ms (max ${ms(window.max)})`,
				`reconnects ${counter("reconnects")}`,
				`gaps ${counts.gaps}`,
				`client-dropped replays ${counter("duplicates")}`,
				`duplicates ${duplicates()}`,
			].join(" · ");
		},
		/** Every pane's scrollback is full (evicting). */
		full() {
			store.flush();
			const panes = store.getSnapshot().panes;
			return panes.length === paneProjects.length && panes.every((pane) => pane.evicted > 0);
		},
		/** Waits (up to 15 s) until every pane has shown what was sent to it. */
		async settle(digests) {
			const deadline = performance.now() + 15_000;
			const settled = () => paneProjects.every((p) => shown.get(p.uuid).count >= digests[p.uuid].count);
			while (!settled() && performance.now() < deadline)
				await new Promise((resolve) => setTimeout(resolve, 50));
		},
		/** Stops everything; the per-project comparison with `digests` and this process's totals. */
		async finish(digests) {
			clearInterval(sampler);
			const stoppedProjects = clients.filter((client) => client.status.phase === "stopped").length;
			const eld = probe.stop();
			store.flush();
			const inStore = new Map(store.getSnapshot().panes.map((pane) => [pane.id, pane.totals.events]));
			const perProject = paneProjects.map((project) => {
				const got = shown.get(project.uuid).toJSON();
				const want = digests[project.uuid];
				return {
					project: project.name,
					sent: want.count,
					shown: got.count,
					inStore: inStore.get(project.uuid) ?? 0,
					same: JSON.stringify(got) === JSON.stringify(want),
				};
			});
			await Promise.all(clients.map((client) => client.stop()));
			store.dispose();
			const totals = { reconnects: counter("reconnects"), replaysDropped: counter("duplicates"), publishes };
			return { perProject, stoppedProjects, eld, samples, duplicates: duplicates(), ...counts, ...totals };
		},
	};
}

/**
 * Event-loop delay: how late a 10 ms timer fires (what a key press or a frame would wait), for the
 * whole run and per window. Measured by hand rather than with monitorEventLoopDelay so the soak's
 * own forced collections can be left out (a disabled monitor still counts them).
 */
function eventLoopProbe() {
	const total = createHistogram();
	const window = createHistogram();
	let lastTick = performance.now();
	const timer = setInterval(() => {
		const now = performance.now();
		const late = Math.max(1, Math.round((now - lastTick - 10) * 1e6));
		total.record(late);
		window.record(late);
		lastTick = now;
	}, 10);
	return {
		endWindow() {
			const figures = { p99: window.percentile(99), max: window.max };
			window.reset();
			return figures;
		},
		/** Whatever just happened (a forced GC) is not a delay. */
		skip() {
			lastTick = performance.now();
		},
		stop() {
			clearInterval(timer);
			return { p99: total.percentile(99) / 1e6, max: total.max / 1e6 };
		},
	};
}
