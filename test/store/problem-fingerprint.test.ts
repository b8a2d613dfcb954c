import { describe, expect, it } from "vitest";
import { maskMessage, problemFingerprint, topFrame } from "../../source/store/problem-fingerprint.js";

describe("problem fingerprint masking", () => {
	/** [what it is about, message, masked]. */
	const cases: readonly (readonly [string, string, string])[] = [
		["numbers", "BigCommerce API returned 503", "BigCommerce API returned <*>"],
		["decimals", "took 12.5 ms, 3 retries", "took <*> ms, <*> retries"],
		["nothing to mask", "Maximum call stack size exceeded", "Maximum call stack size exceeded"],
		["a UUID", "no cart 0193a4c2-1111-4222-8333-444455556666 here", "no cart <*> here"],
		["hex", "at address 0x1F2e, hash deadbeef99", "at address <*>, hash <*>"],
		["ids", "cart c-123 of order ord_9f2x", "cart <*> of order <*>"],
		// A word without digits is kept, even if it is hex-shaped.
		["hex-shaped words", "facade decade", "facade decade"],
		[
			"a quoted value",
			"Cannot read properties of undefined (reading 'id')",
			"Cannot read properties of undefined (reading <*>)",
		],
		["quotes around numbers", 'Unexpected token "<" in "a 1 b"', "Unexpected token <*> in <*>"],
		["backticks and escaped quotes", "key `sku-1` and 'it\\'s'", "key <*> and <*>"],
		// Masks that touch merge; one a character apart stays apart.
		["touching masks", "'a''b'", "<*>"],
		["a version", "v 1.2.3", "v <*>"],
		["masks apart", "1/2", "<*>/<*>"],
	];

	it.each(cases)("masks %s", (_about, message, masked) => {
		expect(maskMessage(message)).toBe(masked);
	});

	it("takes the top frame with line and column masked, `at` and `async` dropped", () => {
		const stack = "TypeError: x\n    at ProductCard (worker.js:1:12345)\n    at async Page (worker.js:1:99)";
		expect(topFrame(stack)).toBe("ProductCard (worker.js:<*>:<*>)");
		expect(topFrame("E: y\n    at async worker.js:7:8")).toBe("worker.js:<*>:<*>");
		expect(topFrame("E: z\nrender@https://x.test/app.js:3:4")).toBe("render@https://x.test/app.js:<*>:<*>");
		expect(topFrame("E: no frames at all")).toBe("");
		expect(topFrame(null)).toBe("");
	});

	it("is the same for occurrences that differ only in masked parts, and differs by name or frame", () => {
		const a = problemFingerprint({
			time: 1,
			name: "TypeError",
			message: "cart 17 failed",
			stack: "TypeError\n    at A (w.js:1:2)",
		});
		const b = problemFingerprint({
			time: 2,
			name: "TypeError",
			message: "cart 9001 failed",
			stack: "TypeError\n    at A (w.js:1:777)",
		});
		const otherName = problemFingerprint({
			time: 3,
			name: "RangeError",
			message: "cart 1 failed",
			stack: null,
		});
		const otherFrame = problemFingerprint({
			time: 4,
			name: "TypeError",
			message: "cart 1 failed",
			stack: "TypeError\n    at B (w.js:1:2)",
		});
		expect(a.key).toBe(b.key);
		expect(a).toMatchObject({ name: "TypeError", message: "cart <*> failed", frame: "A (w.js:<*>:<*>)" });
		expect(new Set([a.key, otherName.key, otherFrame.key]).size).toBe(3);
		// On one line, as the view draws it: a newline inside a message is shown as ⏎.
		const multiLine = problemFingerprint({ time: 5, name: "E\nrr", message: "a\n  b 1", stack: null });
		expect([multiLine.name, multiLine.message]).toEqual(["E⏎rr", "a⏎  b <*>"]);
	});
});
