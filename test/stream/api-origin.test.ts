import { describe, expect, it } from "vitest";
import { parseApiHost } from "../../source/stream/api-origin.js";

describe("parseApiHost", () => {
	it.each([
		["", "https://api.bigcommerce.com"],
		["   ", "https://api.bigcommerce.com"],
		["api.bigcommerce.com", "https://api.bigcommerce.com"],
		["API.BigCommerce.com", "https://api.bigcommerce.com"],
		["api.example.com:8443", "https://api.example.com:8443"],
		["https://api.example.com", "https://api.example.com"],
		["https://api.example.com/", "https://api.example.com"],
		["https://api.example.com:443", "https://api.example.com"],
		["  https://api.example.com  ", "https://api.example.com"],
		["127.0.0.1:8787", "https://127.0.0.1:8787"],
		["http://127.0.0.1:8787", "http://127.0.0.1:8787"],
		["http://127.9.8.7:1", "http://127.9.8.7:1"],
		["http://127.1:8787", "http://127.0.0.1:8787"],
		["http://localhost:8787", "http://localhost:8787"],
		["http://LOCALHOST:8787/", "http://localhost:8787"],
		["http://[::1]:8787", "http://[::1]:8787"],
		["http://[0:0:0:0:0:0:0:1]:8787", "http://[::1]:8787"],
		["http://[::ffff:127.0.0.1]:8787", "http://[::ffff:7f00:1]:8787"],
		["[::1]:8787", "https://[::1]:8787"],
	])("%j → %s", (input, origin) => {
		expect(parseApiHost(input)).toEqual({ origin });
	});

	it.each([
		["http://api.bigcommerce.com", /Refusing plain http:\/\/ to api\.bigcommerce\.com: the access token/],
		["http://10.0.0.1:8787", /Refusing plain http:\/\/ to 10\.0\.0\.1:8787/],
		["http://128.0.0.1", /Refusing plain http/],
		["http://localhost.example.com", /Refusing plain http/],
		["http://[::2]:80", /Refusing plain http/],
		["http://[::ffff:10.0.0.1]", /Refusing plain http/],
		["ftp://api.example.com", /only https:\/\//],
		["https://api.example.com/stores/abc", /give only the host/],
		["api.example.com/v3", /give only the host/],
		["https://api.example.com?x=1", /give only the host/],
		["https://user:pw@api.example.com", /credentials in the URL/],
		["https://", /Invalid API host/],
		["api example com", /Invalid API host/],
		["https://api.example.com:99999", /Invalid API host/],
	])("%j is refused", (input, message) => {
		expect(() => parseApiHost(input)).toThrow(message);
	});

	it("keeps control characters out of its messages", () => {
		expect(() => parseApiHost("http://evil\u001b[2J.example")).toThrow(/^[\x20-\x7e…]+$/);
	});
});
