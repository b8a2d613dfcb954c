/**
 * Start-up. (1) Process start to the first TUI frame: `bctail --demo` in a pseudo-terminal of 120x40
 * (util-linux `script`), timed until its output shows a pane header. (2) Process start to the first
 * tail request in line mode, timed by the bench server. The reference is `node -e 0` started the same
 * way (to its exit): the floor any node program pays.
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { bin, childEnv, node, root, start } from "../lib/proc.js";
import { row } from "../lib/report.js";
import { startSseServer } from "../lib/sse-server.js";
import { buildStream } from "../lib/traffic.js";

/** What a first frame with panes shows: the first pane's header, its number and the start of its title. */
const paneHeader = /│ ?1 [0-9a-z]/;
const ansi =
	/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[()][A-Za-z0-9]|\u001b[=>78]/g;

/**
 * Runs `command` in a 120x40 pty and resolves with the time until `until` matches the output (or
 * until the process exits when `until` is null). The pty's whole process group is ended afterwards.
 * @param {string} command  a shell command line
 * @param {RegExp | null} until
 */
async function inPty(command, until) {
	const began = performance.now();
	const child = spawn("script", ["-qfec", `stty cols 120 rows 40; exec ${command}`, "/dev/null"], {
		cwd: root,
		env: childEnv({ TERM: "xterm-256color" }),
		stdio: ["pipe", "pipe", "ignore"],
		detached: true,
	});
	let text = "";
	/** @type {number} */
	const at = await new Promise((resolve) => {
		const timer = setTimeout(() => resolve(Number.NaN), 20_000);
		child.stdout.on("data", (chunk) => {
			if (until === null) return;
			text += chunk.toString("utf8");
			if (until.test(text.replace(ansi, ""))) {
				clearTimeout(timer);
				resolve(performance.now() - began);
			}
		});
		child.on("exit", () => {
			clearTimeout(timer);
			resolve(until === null ? performance.now() - began : Number.NaN);
		});
	});
	if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
		const exited = new Promise((resolve) => child.on("exit", resolve));
		// The pty's session: script, the shell it may start, and bctail (which restores the screen on SIGTERM).
		process.kill(-child.pid, "SIGTERM");
		const kill = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), 3000);
		await exited;
		clearTimeout(kill);
	}
	return at;
}

/** `node -e 0` to its exit, as a plain child. */
async function nodeBare() {
	const run = start(["-e", "0"]);
	const { endedAt } = await run.exited;
	return endedAt - run.startedAt;
}

/**
 * Line mode: spawn to the server seeing the tail request.
 * @param {import("../run.js").Context} ctx
 */
async function firstRequest(ctx, server, uuid) {
	/** @type {(at: number) => void} */
	let seen = () => {};
	const requested = new Promise((resolve) => {
		seen = resolve;
	});
	server.setOnRequest((_uuid, at) => seen(at));
	const run = start(
		[bin, "--format", "json", "--store-hash", ctx.storeHash, "--api-host", server.origin, uuid],
		{
			env: childEnv({ CATALYST_ACCESS_TOKEN: ctx.token }),
		},
	);
	const timer = setTimeout(() => seen(Number.NaN), 20_000);
	const at = /** @type {number} */ (await requested);
	clearTimeout(timer);
	server.setOnRequest(null);
	await run.stop();
	return at - run.startedAt;
}

/** @type {import("../run.js").Measure} */
export const startup = {
	name: "startup",
	title: "start-up: first frame (--demo, TUI) and first request (line mode)",
	async run(ctx) {
		const uuid = "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a4001";
		const server = await startSseServer({
			streams: new Map([[uuid, buildStream(uuid, 10)]]),
			storeHash: ctx.storeHash,
			token: ctx.token,
		});
		const frame = [];
		const frameRef = [];
		const request = [];
		const requestRef = [];
		try {
			for (let rep = 0; rep < ctx.config.startupReps; rep++) {
				frameRef.push(await inPty(`'${node}' -e 0`, null));
				frame.push(await inPty(`'${node}' '${bin}' --demo`, paneHeader));
				requestRef.push(await nodeBare());
				request.push(await firstRequest(ctx, server, uuid));
			}
		} finally {
			await server.close();
		}
		ctx.log(
			`  first frame: ${frame.map((ms) => ms.toFixed(0)).join(", ")} ms; node -e 0 in a pty: ${frameRef.map((ms) => ms.toFixed(0)).join(", ")} ms`,
		);
		ctx.log(
			`  first request: ${request.map((ms) => ms.toFixed(0)).join(", ")} ms; node -e 0: ${requestRef.map((ms) => ms.toFixed(0)).join(", ")} ms`,
		);
		const delta = (values, refs) => values.map((value, i) => value - (refs[i] ?? Number.NaN));
		return [
			row({
				measure: "startup",
				metric: "process start to first frame, --demo in a 120x40 pty (ms)",
				bctail: frame,
				reference: frameRef,
				refLabel: "node -e 0 in a pty",
				target: "≤ 400 ms",
				check: (value) => value <= 400,
			}),
			row({
				measure: "startup",
				metric: "  first frame beyond node -e 0 (ms)",
				bctail: delta(frame, frameRef),
				target: "report",
			}),
			row({
				measure: "startup",
				metric: "process start to first request, line mode (ms)",
				bctail: request,
				reference: requestRef,
				refLabel: "node -e 0",
				target: "≤ 150 ms",
				check: (value) => value <= 150,
			}),
			row({
				measure: "startup",
				metric: "  first request beyond node -e 0 (ms)",
				bctail: delta(request, requestRef),
				target: "report",
			}),
		];
	},
};
