import { describe, expect, it } from "vitest";
import { describeHttpStatus, statusLine } from "../../source/stream/api-errors.js";
import { describeNetworkError } from "../../source/stream/network-errors.js";
import { redactSecret } from "../../source/stream/redact.js";

const tail = { kind: "tail", storeHash: "abc123", projectUuid: "p-1" } as const;
const projects = { kind: "projects", storeHash: "abc123" } as const;

describe("describeHttpStatus", () => {
	it.each([
		[400, "bad uuid", /^"p-1" is not a valid project UUID/],
		[401, "token expired", /^Your access token is invalid or has expired/],
		[403, "no logs scope", /store_infrastructure_logs_read_only scope/],
		[404, "not found", /different store than abc123/],
	])("%i on the tail is fatal", (status, short, reason) => {
		const described = describeHttpStatus(status, tail);
		expect(described).toMatchObject({ fatal: true, shortReason: short });
		expect(described.reason).toMatch(reason);
	});

	it("names the projects scope for the listing", () => {
		expect(describeHttpStatus(403, projects).reason).toMatch(/store_infrastructure_projects_read_only/);
		expect(describeHttpStatus(403, projects).shortReason).toBe("no projects scope");
	});

	it.each([429, 500, 502, 503, 504, 408, 302])("%i is not fatal", (status) => {
		expect(describeHttpStatus(status, tail).fatal).toBe(false);
	});

	it("uses the standard phrase, not the server's", () => {
		expect(describeHttpStatus(503, tail).reason).toBe("503 Service Unavailable");
		expect(statusLine(599)).toBe("HTTP 599");
	});

	it("appends the API's title and detail", () => {
		const described = describeHttpStatus(404, tail, { title: "Store not found", detail: "No such hash" });
		expect(described.reason).toMatch(/The API said: "Store not found — No such hash"\.$/);
	});
});

describe("describeNetworkError", () => {
	const fetchFailed = (cause: object) => Object.assign(new TypeError("fetch failed"), { cause });
	it.each([
		[{ code: "ECONNREFUSED" }, "connection refused", "Connection refused by h:1."],
		[{ code: "ENOTFOUND" }, "DNS error", "Host h:1 not found (DNS lookup failed)."],
		[{ code: "ECONNRESET" }, "connection reset", "Connection reset by h:1."],
		[{ code: "UND_ERR_SOCKET" }, "connection lost", "Connection to h:1 lost."],
		[{ code: "CERT_HAS_EXPIRED" }, "TLS error", "TLS certificate error: CERT_HAS_EXPIRED (h:1)."],
		[
			{ code: "DEPTH_ZERO_SELF_SIGNED_CERT" },
			"TLS error",
			"TLS certificate error: DEPTH_ZERO_SELF_SIGNED_CERT (h:1).",
		],
		[
			{ code: "ERR_TLS_CERT_ALTNAME_INVALID" },
			"TLS error",
			"TLS certificate error: ERR_TLS_CERT_ALTNAME_INVALID (h:1).",
		],
	])("%j", (cause, short, reason) => {
		const described = describeNetworkError(fetchFailed(cause), "h:1");
		expect(described.shortReason).toBe(short);
		expect(described.reason).toBe(reason);
	});

	it("finds a code inside an AggregateError (several addresses tried)", () => {
		const inner = Object.assign(new Error("connect ECONNREFUSED ::1:80"), { code: "ECONNREFUSED" });
		const error = fetchFailed(new AggregateError([inner], "all failed"));
		expect(describeNetworkError(error, "h").shortReason).toBe("connection refused");
	});

	it("falls back to the sanitized message", () => {
		const described = describeNetworkError(fetchFailed(new Error("weird\u001b[2J thing")), "h");
		expect(described.reason).toBe("Network error talking to h: weird thing.");
	});
});

describe("redactSecret", () => {
	it("removes every occurrence", () => {
		expect(redactSecret("a TOKEN b TOKEN", "TOKEN")).toBe("a [token] b [token]");
		expect(redactSecret("nothing", "")).toBe("nothing");
	});
});
