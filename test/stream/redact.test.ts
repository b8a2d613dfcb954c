import { describe, expect, it } from "vitest";
import { redactSecret, redactSecrets } from "../../source/stream/redact.js";

// One redact helper for every path (stream errors, CLI errors): one marker, `[token]`.
describe("redactSecret / redactSecrets", () => {
	it("replaces every occurrence of each secret with [token]", () => {
		expect(redactSecrets("a TOKEN123 b TOKEN123 c s3cr3t", ["TOKEN123", undefined, "s3cr3t"])).toBe(
			"a [token] b [token] c [token]",
		);
	});
	it("leaves text without the secret as it is, and ignores an empty or unset secret", () => {
		expect(redactSecret("nothing here", "TOKEN123")).toBe("nothing here");
		expect(redactSecret("abc", "")).toBe("abc");
		expect(redactSecrets("abc", [undefined, ""])).toBe("abc");
	});
});
