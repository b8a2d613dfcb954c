import { describe, expect, it } from "vitest";
import { tailRequest } from "../../source/stream/tail-request.js";

describe("tailRequest", () => {
	const target = { origin: "https://api.bigcommerce.com", storeHash: "abc123", token: "t0ken" };

	it("asks the project's tail for an event stream, uncached, with the token", () => {
		const request = tailRequest(target, "a b/c", "bctail-test");
		expect(request.url).toBe(
			"https://api.bigcommerce.com/stores/abc123/v3/infrastructure/logs/a%20b%2Fc/tail",
		);
		expect(request.headers).toMatchObject({
			"X-Auth-Token": "t0ken",
			Accept: "text/event-stream",
			"Cache-Control": "no-cache",
			"User-Agent": "bctail-test",
		});
		expect(request.endpoint).toEqual({ kind: "tail", storeHash: "abc123", projectUuid: "a b/c" });
		expect(request.host).toBe("api.bigcommerce.com");
	});
});
