import { expect, it } from "vitest";
import { createTokenMask } from "../../source/stream/token-mask.js";

const token = "tok-A1b2C3d4/E5";

it("masks the token in frame text, plain or spelled with JSON escapes, and keeps other text as it is", () => {
	const mask = createTokenMask(token);
	const plain = JSON.stringify({ uuid: "u", logs: [{ messages: [`key ${token} and ${token}`] }] });
	expect(mask(plain)).toBe(plain.replaceAll(token, "[token]"));
	const escaped = '{"uuid":"u","url":"/x/\\u0074ok-A1b2C3d4\\/E5"}';
	expect(JSON.parse(mask(escaped))).toEqual({ uuid: "u", url: "/x/[token]" });
	const clean = '{"uuid":"u","msg":"caf\\u00e9 \\/ tok-A1b2"}';
	expect(mask(clean)).toBe(clean);
	expect(mask("not json \\/ {")).toBe("not json \\/ {");
});

it("masks a token with quotes and backslashes in its JSON spelling, and does nothing for no token", () => {
	const odd = 'a"b\\c';
	const text = JSON.stringify({ uuid: "u", msg: `x${odd}y` });
	expect(JSON.parse(createTokenMask(odd)(text))).toEqual({ uuid: "u", msg: "x[token]y" });
	expect(createTokenMask("")(text)).toBe(text);
});
