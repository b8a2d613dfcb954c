import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "../../source/stream/loopback.js";

// One check for the API origin and the emulator's listen address: the two used to disagree on letter
// case and on the dotted IPv4-mapped spelling.
describe("isLoopbackHost", () => {
	it.each([
		["127.0.0.1", true],
		["127.255.255.254", true],
		["localhost", true],
		["LocalHost", true],
		["[::1]", true],
		["::1", true],
		["[::ffff:7f00:1]", true],
		["::FFFF:7F00:1", true],
		["::ffff:127.0.0.1", true],
		["[::FFFF:127.1.2.3]", true],
		["126.0.0.1", false],
		["0.0.0.0", false],
		["::ffff:10.0.0.1", false],
		["::ffff:a00:1", false],
		["example.com", false],
		["127.0.0.1.example.com", false],
		["localhost.example.com", false],
	])("%s → %s", (host, expected) => {
		expect(isLoopbackHost(host)).toBe(expected);
	});
});
