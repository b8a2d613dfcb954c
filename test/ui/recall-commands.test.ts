/**
 * ↑ / ↓ in the search input through the command table, on a real store and the real search history
 * file in a temporary state folder: walking, the draft kept, applied searches joining the list (and a
 * later run's), never the token.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openSearchHistory, searchesFileName } from "../../source/config/search-history-file.js";
import type { RecentSearches } from "../../source/store/recent-searches.js";
import { createTailStore } from "../../source/store/store.js";
import { editField } from "../../source/ui/commands.js";
import { resolveCommand } from "../../source/ui/keymap.js";
import { ManualClock } from "../../source/util/clock.js";
import { PROJECT_A } from "../store/events.js";
import { quietContext } from "./support/command-context.js";

const token = "tok-secret-123";

function session(recentSearches: RecentSearches | undefined) {
	const log = createTailStore({ clock: new ManualClock(), schedule: () => {} });
	log.addProject(PROJECT_A, "storefront");
	const { ctx, view, run } = quietContext(log, { history: { recentSearches } });
	const type = (text: string) => editField(ctx, view.mode, { type: "insert", text });
	/** `/` with the text cleared. */
	const open = () => {
		run("search.open");
		run("edit.clear");
	};
	const search = (text: string) => {
		open();
		type(text);
		run("search.submit");
	};
	const query = () => log.getSnapshot().search?.query ?? "";
	const field = () => ({ query: query(), cursor: view.getSnapshot().searchInput?.cursor });
	return { log, view, run, open, type, search, query, field };
}

/** A session whose recent searches are kept in `dir` (a new temporary folder unless given). */
function withHistory(dir = mkdtempSync(path.join(tmpdir(), "bctail-recall-"))) {
	return { dir, t: session(openSearchHistory(dir, token)) };
}

describe("recent searches in the search input", () => {
	it("binds ↑ / ↓ to the walk in the search input only", () => {
		const up = { upArrow: true } as Parameters<typeof resolveCommand>[2];
		expect(resolveCommand("search", "", up)?.id).toBe("search.recallOlder");
		expect(resolveCommand("normal", "", up)?.id).toBe("cursor.up");
		expect(resolveCommand("picker", "", up)?.id).toBe("picker.up");
		expect(resolveCommand("time", "", up)).toBeUndefined();
	});

	it("walks older and newer, runs each as the search, and ends at the draft", () => {
		const { t } = withHistory();
		t.search("status:500");
		t.search("path:/cart");
		t.search("status:500");
		t.open();
		t.type("dra");
		t.run("search.recallOlder");
		expect(t.field()).toEqual({ query: "status:500", cursor: 10 });
		t.run("search.recallOlder");
		expect(t.field()).toEqual({ query: "path:/cart", cursor: 10 });
		// Deduplicated: two searches are all there is.
		t.run("search.recallOlder");
		expect(t.query()).toBe("path:/cart");
		t.run("search.recallNewer");
		t.run("search.recallNewer");
		expect(t.field()).toEqual({ query: "dra", cursor: 3 });
		t.run("search.recallNewer");
		expect(t.query()).toBe("dra");
		// Esc restores the search before `/`, whatever was recalled.
		t.run("search.recallOlder");
		t.run("search.cancel");
		expect(t.query()).toBe("status:500");
	});

	it("keeps applied searches for the next run, never one holding the token", () => {
		const { dir, t: first } = withHistory();
		first.search("level:error");
		first.search(`x-auth ${token}`);
		first.search("   ");
		const file = readFileSync(path.join(dir, searchesFileName), "utf8");
		expect(file).toBe('"level:error"\n');
		const { t: next } = withHistory(dir);
		next.run("search.open");
		next.run("search.recallOlder");
		expect(next.query()).toBe("level:error");
		next.run("search.submit");
		expect(readFileSync(path.join(dir, searchesFileName), "utf8")).toBe(file);
	});

	it("an edit ends the walk: the edited text is the next draft", () => {
		const { t } = withHistory();
		t.search("one");
		t.search("two");
		t.open();
		t.run("search.recallOlder");
		t.type("!");
		expect(t.query()).toBe("two!");
		t.run("search.recallOlder");
		expect(t.query()).toBe("two");
		t.run("search.recallNewer");
		expect(t.query()).toBe("two!");
	});

	it("without recent searches, ↑ leaves the text as it is", () => {
		const t = session(undefined);
		t.run("search.open");
		t.type("abc");
		t.run("search.recallOlder");
		expect(t.field()).toEqual({ query: "abc", cursor: 3 });
	});

	it("in a pane's filter box (F) the walk replaces that pane's filter, and an applied one joins the list", () => {
		const { t } = withHistory();
		t.search("status:500");
		t.run("search.clear");
		const paneFilter = () => t.log.getSnapshot().panes[0]?.filter?.query ?? "";
		t.run("paneFilter.open");
		t.run("search.recallOlder");
		expect(paneFilter()).toBe("status:500");
		// The global search is untouched by a walk in the pane's box.
		expect(t.query()).toBe("");
		t.run("search.submit");
		t.run("paneFilter.open");
		t.run("edit.clear");
		t.type("path:/cart");
		t.run("search.submit");
		t.open();
		t.run("search.recallOlder");
		expect(t.query()).toBe("path:/cart");
	});
});
