import { describe, expect, it } from "vitest";
import { maskMessage, problemFingerprint, topFrame } from "../../source/store/problem-fingerprint.js";

describe("problem fingerprint masking", () => {
	it("masks numbers, decimals and what is glued to them", () => {
		expect(maskMessage("BigCommerce API returned 503")).toBe("BigCommerce API returned <*>");
		expect(maskMessage("took 12.5 ms, 3 retries")).toBe("took <*> ms, <*> retries");
		expect(maskMessage("Maximum call stack size exceeded")).toBe("Maximum call stack size exceeded");
	});

	it("masks UUIDs, hex and ids", () => {
		expect(maskMessage("no cart 0193a4c2-1111-4222-8333-444455556666 here")).toBe("no cart <*> here");
		expect(maskMessage("at address 0x1F2e, hash deadbeef99")).toBe("at address <*>, hash <*>");
		expect(maskMessage("cart c-123 of order ord_9f2x")).toBe("cart <*> of order <*>");
		// A word without digits is kept, even if it is hex-shaped ("facade", "decade").
		expect(maskMessage("facade decade")).toBe("facade decade");
	});

	it("masks quoted values, quotes included, before anything inside them", () => {
		expect(maskMessage("Cannot read properties of undefined (reading 'id')")).toBe(
			"Cannot read properties of undefined (reading <*>)",
		);
		expect(maskMessage('Unexpected token "<" in "a 1 b"')).toBe("Unexpected token <*> in <*>");
		expect(maskMessage("key `sku-1` and 'it\\'s'")).toBe("key <*> and <*>");
	});

	it("merges masks that touch, and keeps the ones a character apart", () => {
		expect(maskMessage("'a''b'")).toBe("<*>");
		expect(maskMessage("v 1.2.3")).toBe("v <*>");
		expect(maskMessage("1/2")).toBe("<*>/<*>");
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
