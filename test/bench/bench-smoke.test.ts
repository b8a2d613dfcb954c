/**
 * Keeps the bench from rotting: runs `bench/run.js` at smoke scale (tiny sizes, one repetition) for a
 * few cheap measures against the built CLI and store, and checks that every row carries numbers.
 * It asserts nothing about speed: figures on a shared CI machine mean nothing.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

interface Summary {
	median: number;
	min: number;
	max: number;
	n: number;
}

interface Row {
	measure: string;
	metric: string;
	bctail: Summary | null;
	reference: Summary | null;
	refLabel: string | null;
	ratio: number | null;
	target: string;
	pass: boolean | null;
	note?: string;
}

const root = new URL("../../", import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), "bctail-bench-smoke-"));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("bench/run.js at smoke scale", () => {
	it("measures ingest, search, burst, keepalive and heap and writes numeric figures as JSON", {
		timeout: 90_000,
	}, async () => {
		const out = join(folder, "result.json");
		const env: Record<string, string | undefined> = { ...process.env, BENCH_SCALE: "smoke" };
		delete env.BENCH_REPS;
		const { stdout } = await promisify(execFile)(
			process.execPath,
			[join(root, "bench", "run.js"), "--only", "ingest,search,burst,keepalive,heap", "--out", out],
			{ cwd: root, env, timeout: 80_000 },
		);
		const result = JSON.parse(readFileSync(out, "utf8")) as { scale: string; reps: number; rows: Row[] };
		expect(result.scale).toBe("smoke");
		expect(result.reps).toBe(1);
		expect(new Set(result.rows.map((row) => row.measure))).toEqual(
			new Set(["ingest", "search", "burst", "keepalive", "heap"]),
		);
		for (const row of result.rows) {
			// A measure that failed would have a note and no figure.
			expect(row.bctail, `${row.metric}: ${row.note ?? ""}`).not.toBeNull();
			expect(Number.isFinite(row.bctail?.median)).toBe(true);
			expect(row.bctail?.n).toBe(1);
			if (row.reference !== null) {
				expect(Number.isFinite(row.reference.median)).toBe(true);
				expect(Number.isFinite(row.ratio)).toBe(true);
			}
		}
		const ingest = result.rows.find((row) => row.measure === "ingest");
		expect(ingest?.reference).not.toBeNull();
		expect(ingest?.bctail?.median).toBeGreaterThan(0);
		// The table names every measure it ran.
		for (const measure of ["ingest", "search", "burst", "keepalive", "heap"])
			expect(stdout).toContain(measure);
	});
});
