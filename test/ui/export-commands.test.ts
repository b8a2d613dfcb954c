/**
 * `s` through the command table, on a real store, writing into a temporary folder: what a pane shows
 * (the whole buffer, or what the filter and quick filters leave, up to a pause) is what the file holds,
 * one event a line however many rows it has, and the notice says where it went or why not.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTailStore } from "../../source/store/store.js";
import { shownPath } from "../../source/ui/command-export.js";
import { ManualClock } from "../../source/util/clock.js";
import { makeEvent, PROJECT_A, PROJECT_B } from "../store/events.js";
import { quietContext } from "./support/command-context.js";

function setup(exportDir: string) {
	const slices: (() => void)[] = [];
	const clock = new ManualClock(Date.UTC(2026, 11, 4, 15, 43, 42, 500));
	const log = createTailStore({ clock, schedule: (slice) => slices.push(slice) });
	const { run } = quietContext(log, { exportDir });
	/** Runs the background search to its end. */
	const settle = () => {
		while (slices.length > 0) slices.shift()?.();
		log.flush();
	};
	const notice = () => log.getSnapshot().notice ?? "";
	/** Presses `s` and waits for the notice of the finished export; returns it and the file's lines. */
	const exportNow = async () => {
		run("export");
		await expect.poll(notice).toMatch(/^(exported|could not)/);
		const file = notice().match(/ to (\S+\.ndjson)/)?.[1];
		const lines = file === undefined ? [] : readFileSync(path.resolve(file), "utf8").trimEnd().split("\n");
		return { text: notice(), file, uuids: lines.map((line) => (JSON.parse(line) as { uuid: string }).uuid) };
	};
	return { log, run, settle, notice, exportNow };
}

/** Six requests to storefront: 500s on /cart with two log rows and an exception, 200s elsewhere. */
function ingestTraffic(log: ReturnType<typeof createTailStore>): string[] {
	const uuids: string[] = [];
	for (let i = 0; i < 6; i++) {
		const failed = i % 2 === 0;
		const event = failed
			? makeEvent({
					url: "/cart",
					status: 500,
					logs: [`cart ${i}`, `retry ${i}`],
					exceptions: [{ name: "TypeError", message: `x ${i}` }],
				})
			: makeEvent({ url: `/page/${i}`, status: 200, logs: [`ok ${i}`] });
		uuids.push(event.uuid);
		log.ingest(event);
	}
	log.ingest(makeEvent({ project: PROJECT_B, logs: ["other pane"] }));
	log.flush();
	return uuids;
}

describe("export (s)", () => {
	it("writes the whole buffer unfiltered, and only what the filter shows in filter mode", async () => {
		const dir = mkdtempSync(path.join(tmpdir(), "bctail-export-cmd-"));
		const t = setup(dir);
		t.log.addProject(PROJECT_A, "store front");
		t.log.addProject(PROJECT_B, "checkout");
		const uuids = ingestTraffic(t.log);

		const all = await t.exportNow();
		expect(all.uuids).toEqual(uuids);
		// Named by the store's clock, the project's name made safe for a file name.
		expect(all.text).toBe(
			`exported 6 events to ${path.join(dir, "bctail-export-store-front-20261204T154342Z.ndjson")}`,
		);

		t.log.setSearch("status:500", { mode: "filter" });
		t.settle();
		const filtered = await t.exportNow();
		expect(filtered.uuids).toEqual([uuids[0], uuids[2], uuids[4]]);
		// The same second: the first file is kept, this one is `-2`.
		expect(filtered.text).toMatch(/^exported 3 events to \S+-20261204T154342Z-2\.ndjson$/);

		// A quick filter narrows it further (ANDed with the query).
		t.log.setSearch("cart 2", { mode: "filter" });
		t.run("quick.serverErrors");
		t.settle();
		expect((await t.exportNow()).uuids).toEqual([uuids[2]]);
		expect(readdirSync(dir)).toHaveLength(3);
	});

	it("stops a paused pane at its pause, and says when there is nothing to export", async () => {
		const dir = mkdtempSync(path.join(tmpdir(), "bctail-export-cmd-"));
		const t = setup(dir);
		t.run("export");
		expect(t.notice()).toBe("no pane to export");
		t.log.addProject(PROJECT_A, "storefront");
		t.log.flush();
		t.run("export");
		expect(t.notice()).toBe("nothing to export yet");
		const uuids = ingestTraffic(t.log);
		t.run("pause.pane");
		t.log.ingest(makeEvent({ logs: ["after the pause"] }));
		t.log.flush();
		expect((await t.exportNow()).uuids).toEqual(uuids);
		t.log.setSearch("no such text anywhere", { mode: "filter" });
		t.settle();
		t.run("export");
		expect(t.notice()).toBe("nothing to export: the filter shows no events");
	});

	it("says why in a sentence when the file cannot be written", async () => {
		const file = path.join(mkdtempSync(path.join(tmpdir(), "bctail-export-cmd-")), "not-a-folder");
		writeFileSync(file, "");
		const t = setup(file);
		t.log.addProject(PROJECT_A, "storefront");
		ingestTraffic(t.log);
		const failed = await t.exportNow();
		expect(failed.text).toBe(
			`could not export to ${shownPath(file)}: a part of the path is not a folder (ENOTDIR); nothing was written`,
		);
	});

	it("in the problems view, s writes the selected group's events, each once, named after pane and error", async () => {
		const dir = mkdtempSync(path.join(tmpdir(), "bctail-export-cmd-"));
		const t = setup(dir);
		t.log.addProject(PROJECT_A, "storefront");
		const uuids = ingestTraffic(t.log);
		// A second kind of exception, twice in one event: its own group, that event once in the file.
		const twice = makeEvent({
			url: "/checkout",
			status: 502,
			exceptions: [
				{ name: "RangeError", message: "bad 1" },
				{ name: "RangeError", message: "bad 2" },
			],
		});
		t.log.ingest(twice);
		t.log.flush();
		t.run("problems.open");
		const groups = t.log.problems(PROJECT_A).groups;
		expect(groups.map((group) => group.name)).toEqual(["TypeError", "RangeError"]);
		t.run("problems.export");
		await expect.poll(t.notice).toMatch(/^exported/);
		const first = t.notice().match(/ to (\S+\.ndjson)/)?.[1] ?? "";
		expect(t.notice()).toMatch(
			/^exported 3 events to \S+bctail-export-storefront-TypeError-20261204T154342Z\.ndjson$/,
		);
		const lines = readFileSync(path.resolve(first), "utf8").trimEnd().split("\n");
		expect(lines.map((line) => (JSON.parse(line) as { uuid: string }).uuid)).toEqual([
			uuids[0],
			uuids[2],
			uuids[4],
		]);
		t.run("problems.down");
		t.run("problems.export");
		await expect.poll(t.notice).toMatch(/^exported 1 event to \S+-RangeError-/);
	});

	it("shows paths in the current folder as ./name", () => {
		expect(shownPath("/work/x/bctail-export-a.ndjson", "/work/x")).toBe(`.${path.sep}bctail-export-a.ndjson`);
		expect(shownPath("/work/x", "/work/x")).toBe(".");
		expect(shownPath("/tmp/y/a.ndjson", "/work/x")).toBe("/tmp/y/a.ndjson");
	});
});
