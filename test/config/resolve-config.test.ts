import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readProjectFile } from "../../source/config/project-file.js";
import { ConfigError, defaultApiHost, isUuid, resolveConfig } from "../../source/config/resolve-config.js";

const file = {
	storeHash: "filehash",
	accessToken: "file-token",
	projectUuid: "file-project",
	apiHost: "file.example",
};
const env = {
	CATALYST_STORE_HASH: "cathash",
	BIGCOMMERCE_STORE_HASH: "bchash",
	CATALYST_ACCESS_TOKEN: "cat-token",
	BIGCOMMERCE_ACCESS_TOKEN: "bc-token",
	CATALYST_PROJECT_UUID: "env-project",
	CATALYST_API_HOST: "cat.example",
	BIGCOMMERCE_API_HOST: "bc.example",
};

describe("resolveConfig precedence: flags > environment > project.json", () => {
	it("takes flags first", () => {
		const config = resolveConfig(
			{ storeHash: "flaghash", accessToken: "flag-token", apiHost: "flag.example", projects: ["p1", "p2"] },
			env,
			file,
		);
		expect(config).toEqual({
			storeHash: "flaghash",
			token: "flag-token",
			apiHost: "flag.example",
			projects: ["p1", "p2"],
		});
	});

	it("then CATALYST_* variables", () => {
		expect(resolveConfig({ projects: [] }, env, file)).toEqual({
			storeHash: "cathash",
			token: "cat-token",
			apiHost: "cat.example",
			projects: ["env-project"],
		});
	});

	it("then BIGCOMMERCE_* variables", () => {
		const bigcommerceOnly = {
			BIGCOMMERCE_STORE_HASH: "bchash",
			BIGCOMMERCE_ACCESS_TOKEN: "bc-token",
			BIGCOMMERCE_API_HOST: "bc.example",
		};
		expect(resolveConfig({ projects: [] }, bigcommerceOnly, file)).toEqual({
			storeHash: "bchash",
			token: "bc-token",
			apiHost: "bc.example",
			projects: ["file-project"],
		});
	});

	it("then the project file, and the default host", () => {
		expect(resolveConfig({ projects: [] }, {}, { ...file, apiHost: undefined })).toEqual({
			storeHash: "filehash",
			token: "file-token",
			apiHost: defaultApiHost,
			projects: ["file-project"],
		});
	});

	it("treats empty values as unset", () => {
		const config = resolveConfig({ storeHash: "", projects: [] }, { CATALYST_STORE_HASH: "  " }, file);
		expect(config.storeHash).toBe("filehash");
	});

	it("names every way to give what is missing, without echoing values", () => {
		let error: unknown;
		try {
			resolveConfig({ projects: [] }, {}, {});
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(ConfigError);
		const message = (error as Error).message;
		for (const name of [
			"--store-hash",
			"CATALYST_STORE_HASH",
			"BIGCOMMERCE_STORE_HASH",
			"CATALYST_ACCESS_TOKEN",
			"--access-token",
			".bigcommerce/project.json",
		]) {
			expect(message).toContain(name);
		}
		expect(() => resolveConfig({ projects: [] }, { CATALYST_STORE_HASH: "x" }, {})).toThrow(/access token/);
	});
});

describe("readProjectFile", () => {
	const folder = (): string => mkdtempSync(join(tmpdir(), "bctail-config-"));

	it("reads the keys catalyst project link writes", () => {
		const cwd = folder();
		mkdirSync(join(cwd, ".bigcommerce"));
		writeFileSync(
			join(cwd, ".bigcommerce/project.json"),
			JSON.stringify({ storeHash: "h", accessToken: "t", projectUuid: "u", apiHost: "a", other: 1 }),
		);
		expect(readProjectFile(cwd)).toEqual({
			storeHash: "h",
			accessToken: "t",
			projectUuid: "u",
			apiHost: "a",
		});
	});

	it("says where a broken file breaks, on which line and column", () => {
		const cwd = folder();
		mkdirSync(join(cwd, ".bigcommerce"));
		writeFileSync(
			join(cwd, ".bigcommerce/project.json"),
			'{\n  "storeHash": "abc",\n  "accessToken": secret-value\n}',
		);
		const message = (() => {
			try {
				readProjectFile(cwd);
				return "";
			} catch (error) {
				return (error as Error).message;
			}
		})();
		expect(message).toMatch(/\.bigcommerce\/project\.json is not valid JSON: line 3, column 18/);
		expect(message).not.toContain("secret");
		expect(message).not.toContain("    at ");
		writeFileSync(join(cwd, ".bigcommerce/project.json"), "");
		expect(() => readProjectFile(cwd)).toThrow(/not valid JSON: unexpected end of JSON input/);
	});

	it("says a key has the wrong type instead of ignoring it", () => {
		const cwd = folder();
		mkdirSync(join(cwd, ".bigcommerce"));
		writeFileSync(join(cwd, ".bigcommerce/project.json"), '{"storeHash": 123, "accessToken": "t"}');
		expect(() => readProjectFile(cwd)).toThrow(/"storeHash" must be a string in quotes \(it is a number\)/);
		writeFileSync(join(cwd, ".bigcommerce/project.json"), "[1]");
		expect(() => readProjectFile(cwd)).toThrow(/must hold a JSON object \(it holds an array\)/);
	});

	it("is empty when there is no file", () => {
		expect(readProjectFile(folder())).toEqual({});
	});

	it("names a malformed file without echoing its content", () => {
		const cwd = folder();
		mkdirSync(join(cwd, ".bigcommerce"));
		writeFileSync(join(cwd, ".bigcommerce/project.json"), '{"accessToken": "secret-value"');
		expect(() => readProjectFile(cwd)).toThrow(
			/project\.json is not valid JSON: line 1, column 31 \(expected ',' or '\}' after property value\)/,
		);
		expect(() => readProjectFile(cwd)).toThrow(ConfigError);
		try {
			readProjectFile(cwd);
		} catch (error) {
			expect((error as Error).message).not.toContain("secret-value");
		}
	});
});

describe("isUuid", () => {
	it.each([
		["019500e2-933d-7057-8e81-090dd7240795", true],
		["019500E2-933D-7057-8E81-090DD7240795", true],
		["019500e2933d70578e81090dd7240795", false],
		["catalyst-production", false],
		["019500e2-933d-7057-8e81-090dd724079", false],
		["", false],
	])("%s → %s", (value, expected) => {
		expect(isUuid(value)).toBe(expected);
	});
});
