import { describe, expect, it } from "vitest";
import { editText } from "../../source/store/text-field.js";

describe("editText", () => {
	it("inserts at the cursor and moves it", () => {
		expect(editText({ value: "ac", cursor: 1 }, { type: "insert", text: "b" })).toEqual({
			value: "abc",
			cursor: 2,
		});
	});

	it("deletes backwards and forwards, whole code points", () => {
		expect(editText({ value: "a😀", cursor: 3 }, { type: "deleteBack" })).toEqual({ value: "a", cursor: 1 });
		expect(editText({ value: "😀b", cursor: 0 }, { type: "deleteForward" })).toEqual({
			value: "b",
			cursor: 0,
		});
		expect(editText({ value: "", cursor: 0 }, { type: "deleteBack" })).toEqual({ value: "", cursor: 0 });
	});

	it("moves left and right over surrogate pairs, and stops at the ends", () => {
		expect(editText({ value: "a😀", cursor: 3 }, { type: "left" }).cursor).toBe(1);
		expect(editText({ value: "a😀", cursor: 1 }, { type: "right" }).cursor).toBe(3);
		expect(editText({ value: "ab", cursor: 0 }, { type: "left" }).cursor).toBe(0);
		expect(editText({ value: "ab", cursor: 2 }, { type: "right" }).cursor).toBe(2);
		expect(editText({ value: "ab", cursor: 2 }, { type: "clear" })).toEqual({ value: "", cursor: 0 });
	});
});
