import { spawn } from "node:child_process";
import { afterEach, describe, expect, test } from "vitest";
import { type QueryCommandOptions, runQuery } from "../../source/cli/query-command.js";
import { createEmulator } from "../../source/emulator/emulator.js";
import type { Emulator } from "../../source/emulator/types.js";
import { isRequestRow } from "../../source/model/history-entry.js";
import { formatQueryEntry } from "../../source/output/query-format.js";
import { Capture } from "../support/capture.js";
import { binPath, cleanEnv } from "../support/run-cli.js";

let emulator: Emulator | undefined;
afterEach(async () => {
	await emulator?.close();
	emulator = undefined;
});

const base = Date.parse("2026-06-15T10:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
const window = { start: iso(base - 3_600_000), end: iso(base), startMs: base - 3_600_000, endMs: base };

async function start(): Promise<Emulator> {
	emulator = await createEmulator({ rate: 0 });
	return emulator;
}

/** `count` invocations from `from`, `stepMs` apart: a request row, a log row, every 7th an exception. */
function pushMany(emu: Emulator, p: string, count: number, from: number, stepMs: number, tag = ""): void {
	for (let i = 0; i < count; i++) {
		const at = iso(from + i * stepMs);
		emu.push(p, {
			uuid: `${tag}u${i}`,
			timestamp: at,
			request: { method: "GET", url: `/en/${tag}p/${i}`, status_code: i % 7 === 0 ? 500 : 200 },
			logs: [{ timestamp: at, level: i % 7 === 0 ? "error" : "info", messages: [`${tag}log  ${i}`, { i }] }],
			exceptions: i % 7 === 0 ? [{ timestamp: at, name: "TypeError", message: `bad ${i}` }] : [],
		});
	}
}

async function query(emu: Emulator, overrides: Partial<QueryCommandOptions> = {}) {
	const stdout = new Capture();
	const stderr = new Capture();
	const code = await runQuery({
		target: { origin: emu.origin, storeHash: emu.storeHash, token: emu.token },
		projects: [{ uuid: emu.projects[0]!.uuid, label: "production" }],
		window,
		filters: {},
		format: "default",
		color: false,
		stdout,
		stderr,
		progress: false,
		history: { backoff: { baseMs: 5, capMs: 20 } },
		...overrides,
	});
	return { code, out: stdout.text, err: stderr.text, lines: stdout.text.split("\n").filter((l) => l !== "") };
}

/** What catalyst prints for these entries (newest first on the wire), oldest first. */
function expected(entries: readonly unknown[], format: "default" | "request"): string[] {
	return [...entries]
		.reverse()
		.filter((entry) => format === "request" || !isRequestRow(entry as never))
		.map((entry) => formatQueryEntry(entry, { format, color: false }))
		.filter((line): line is string => line !== null);
}

describe("bctail query", () => {
	test("prints catalyst's lines, oldest first, request rows hidden, and its summary on stderr", async () => {
		const emu = await start();
		const p = emu.projects[0]!.uuid;
		pushMany(emu, p, 3, base - 60_000, 1000);
		const { code, lines, err } = await query(emu);
		expect(code).toBe(0);
		expect(lines[0]).toBe(`[${iso(base - 60_000)}] [ERROR] log 0 {"i":0}`);
		expect(lines[1]).toBe(`[${iso(base - 60_000)}] [ERROR] TypeError: bad 0`);
		expect(lines[2]).toBe(`[${iso(base - 59_000)}] [INFO] log 1 {"i":1}`);
		expect(lines).toHaveLength(4);
		// default asks the server for entry_type=log, so no request row comes back to hide.
		expect(err).toBe("4 entries shown (oldest first, times in UTC).\n");
	});

	test("follows every page and slice of the window: each entry exactly once, in time order", async () => {
		const emu = await start();
		const p = emu.projects[0]!.uuid;
		pushMany(emu, p, 400, base - 3_000_000, 5000);
		const { code, lines } = await query(emu, {
			format: "request",
			pageSize: 25,
			walk: { firstSliceMs: 60_000, targetPages: 1 },
		});
		expect(code).toBe(0);
		expect(lines).toEqual(expected(emu.history(p), "request"));
		expect(emu.historyRequests(p)).toBeGreaterThan(30);
	});

	test("two projects merge by time, each line led by its label", async () => {
		const emu = await start();
		const [a, b] = [emu.projects[0]!.uuid, emu.projects[1]!.uuid];
		pushMany(emu, a, 50, base - 1_000_000, 10_000, "a");
		pushMany(emu, b, 50, base - 995_000, 10_000, "b");
		const { lines } = await query(emu, {
			projects: [
				{ uuid: a, label: "production" },
				{ uuid: b, label: "preview" },
			],
			pageSize: 30,
			walk: { firstSliceMs: 100_000 },
		});
		expect(lines).toHaveLength(2 * (50 + 8));
		const times = lines.map((line) => Date.parse(line.split(" ")[1]!.slice(1, -1)));
		expect(times).toEqual([...times].sort((x, y) => x - y));
		expect(lines.filter((l) => l.startsWith("production [")).length).toBe(58);
		expect(lines.filter((l) => l.startsWith("preview [")).length).toBe(58);
		expect(lines[0]).toMatch(/^production \[.*\] \[ERROR\] alog 0/);
		expect(lines[2]).toMatch(/^preview \[.*\] \[ERROR\] blog 0/);
	});

	test("json: one entry per line as sent; with several projects each names its project; no meta line", async () => {
		const emu = await start();
		const [a, b] = [emu.projects[0]!.uuid, emu.projects[1]!.uuid];
		pushMany(emu, a, 5, base - 100_000, 1000);
		const single = await query(emu, { format: "json" });
		expect(single.lines).toEqual([...emu.history(a)].reverse().map((entry) => JSON.stringify(entry)));
		pushMany(emu, b, 5, base - 99_500, 1000);
		const both = await query(emu, {
			format: "json",
			projects: [
				{ uuid: a, label: "a" },
				{ uuid: b, label: "b" },
			],
		});
		const parsed = both.lines.map((line) => JSON.parse(line) as { project_uuid: string });
		expect(parsed).toHaveLength(2 * (5 + 5 + 1));
		expect(new Set(parsed.map((entry) => entry.project_uuid))).toEqual(new Set([a, b]));
		expect(both.err).toBe("");
	});

	test("--limit asks for catalyst's one page: its meta line in json, its hints on stderr", async () => {
		const emu = await start();
		const p = emu.projects[0]!.uuid;
		pushMany(emu, p, 10, base - 100_000, 1000);
		const json = await query(emu, { format: "json", page: { limit: 4 } });
		expect(json.lines).toHaveLength(5);
		const meta = JSON.parse(json.lines[4]!) as { meta: { cursor_pagination: { end_cursor: string } } };
		expect(typeof meta.meta.cursor_pagination.end_cursor).toBe("string");
		const text = await query(emu, {
			format: "request",
			page: { limit: 4 },
			hintCommand: "bctail query --limit 4",
		});
		expect(text.lines).toHaveLength(4);
		expect(text.err).toMatch(
			/^4 entries shown \(oldest first, times in UTC\)\.\nMore results available\. Next page:\n {2}bctail query --limit 4 --after \S+\n$/,
		);
		const cursor = /--after (\S+)/.exec(text.err)![1]!;
		const next = await query(emu, { format: "request", page: { limit: 4, after: cursor } });
		expect(next.lines).toEqual(expected(emu.history(p).slice(4, 8), "request"));
		expect(next.err).toContain("Newer results available. Previous page:");
	});

	test("a 403 on one project is said with its label; the other project is still printed; exit 1", async () => {
		const emu = await start();
		const [a, b] = [emu.projects[0]!.uuid, emu.projects[1]!.uuid];
		pushMany(emu, b, 3, base - 100_000, 1000);
		emu.historyFault(a, { fault: { kind: "status", status: 403 } });
		const { code, lines, err } = await query(emu, {
			projects: [
				{ uuid: a, label: "production" },
				{ uuid: b, label: "preview" },
			],
		});
		expect(code).toBe(1);
		expect(lines).toHaveLength(4);
		expect(err).toContain("bctail: production: Infrastructure Logs API not enabled.");
	});

	test("an empty window says catalyst's sentence", async () => {
		const emu = await start();
		const { code, out, err } = await query(emu);
		expect(code).toBe(0);
		expect(out).toBe("");
		expect(err).toBe("No log entries found for the given window and filters.\n");
	});
});

describe("bctail query on the command line", () => {
	test("| head ends quietly with exit 0", async () => {
		const child = spawn(
			"bash",
			["-c", `set -o pipefail; "${process.execPath}" "${binPath}" query --demo --since 3h | head -2`],
			{ env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] },
		);
		let out = "";
		let err = "";
		child.stdout.on("data", (chunk: Buffer) => {
			out += chunk.toString();
		});
		child.stderr.on("data", (chunk: Buffer) => {
			err += chunk.toString();
		});
		const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
		expect(err).toBe("");
		expect(code).toBe(0);
		expect(out.split("\n").filter((l) => l !== "")).toHaveLength(2);
	});

	test("catalyst's argument sentences, exit 2", async () => {
		const run = (args: string[]) =>
			new Promise<{ code: number | null; err: string }>((resolve) => {
				const child = spawn(process.execPath, [binPath, ...args], {
					env: cleanEnv(),
					stdio: ["ignore", "ignore", "pipe"],
				});
				let err = "";
				child.stderr.on("data", (chunk: Buffer) => {
					err += chunk.toString();
				});
				child.on("close", (code) => resolve({ code, err }));
			});
		const cases: [string[], string][] = [
			[["query", "--demo"], "Provide a time window with --since <duration> or --start <time>."],
			[["query", "--demo", "--since", "9d"], "Invalid time window: the range must not exceed 7 days."],
			[
				["query", "--demo", "--since", "5x"],
				'Invalid --since value "5x". Provide a duration like 30m, 6h, or 2d',
			],
			[["query", "--demo", "--start", "nope"], 'Invalid --start value "nope". Provide an ISO-8601 timestamp'],
			[
				["query", "--demo", "--since", "1h", "--limit", "501"],
				"--limit must be an integer between 1 and 500.",
			],
			[
				["query", "--demo", "--since", "1h", "--status-code", "99"],
				"--status-code must be an integer between 100 and 599.",
			],
			[
				["query", "--demo", "--since", "1h", "--start", "2026-01-01T00:00:00Z"],
				"--since cannot be used with --start",
			],
			[
				["query", "--demo", "--since", "1h", "--after", "x", "--before", "y"],
				"--after cannot be used with --before",
			],
			[["--demo", "--method", "GET"], "--method is an option of bctail query"],
		];
		for (const [args, sentence] of cases) {
			const { code, err } = await run(args);
			expect(err, args.join(" ")).toContain(sentence);
			expect(code, args.join(" ")).toBe(2);
		}
	});
});
