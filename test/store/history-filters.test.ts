import { describe, expect, it } from "vitest";
import { serverFilters } from "../../source/store/history-filters.js";
import { parseQuery } from "../../source/store/query.js";
import { quickFilterTokens } from "../../source/store/quick-filters.js";

const map = (query: string) => serverFilters(parseQuery(query));

describe("a search's server-side part (search older history)", () => {
	it("maps status, level, path and method to the endpoint's filters", () => {
		expect(map("status:500 path:/checkout")).toEqual({
			filters: { method: undefined, statusCode: 500, urlLike: "/checkout", levelMin: undefined },
			words: ["status_code=500", "url:like=/checkout"],
		});
		expect(map("method:post level:>=warn timeout").filters).toEqual({
			method: "POST",
			statusCode: undefined,
			urlLike: undefined,
			levelMin: "warn",
		});
		expect(map("route:/cart").filters.urlLike).toBe("/cart");
	});

	it("sends a level floor every level the search takes meets", () => {
		expect(map("level:error").filters.levelMin).toBe("error");
		expect(map("level:warn,error").filters.levelMin).toBe("warn");
		expect(map("level:>warn").filters.levelMin).toBe("error");
		expect(map("level:>=log").filters.levelMin).toBe("info");
		expect(map("level:fatal").filters.levelMin).toBe("error");
		// No floor the API knows, or none at all: left to the local search.
		expect(map("level:>=trace").filters.levelMin).toBeUndefined();
		expect(map("level:<=warn").filters.levelMin).toBeUndefined();
		expect(map("level:error,<=info").filters.levelMin).toBeUndefined();
	});

	it("leaves to the local search what has no exact server form", () => {
		for (const query of [
			"status:5xx",
			"status:500,503",
			"status:>=500",
			"!status:500",
			"-path:/checkout",
			"method:GET,POST",
			"has:exception",
			"project:shop",
			"checkout failed",
			"~chekout",
		]) {
			expect(map(query).words, query).toEqual([]);
		}
	});

	it("takes the first token of a kind that has a form; the rest stays local", () => {
		expect(map("status:5xx status:503 status:500").filters.statusCode).toBe(503);
		expect(map("path:/en path:/checkout").filters.urlLike).toBe("/en");
	});

	it("maps the quick filters like the tokens they add (X: errors)", () => {
		const tokens = quickFilterTokens({ serverErrors: true, errors: true, route: "/checkout" }).join(" ");
		expect(map(tokens).words).toEqual(["url:like=/checkout", "level:min=error"]);
	});
});
