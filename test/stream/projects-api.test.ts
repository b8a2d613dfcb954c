import { describe, expect, it } from "vitest";
import type { ProjectInfo } from "../../source/model/types.js";
import { ApiError } from "../../source/stream/api-errors.js";
import { listProjects } from "../../source/stream/projects-api.js";
import { emulator } from "./harness.js";

function manyProjects(count: number): ProjectInfo[] {
	return Array.from({ length: count }, (_, i) => ({
		uuid: `0193a4c2-7d1e-7b3a-9f21-${i.toString(16).padStart(12, "0")}`,
		name: i % 2 === 0 ? `storefront-${i}` : `worker-${i}`,
		hostnames: [`h${i}.example`],
	}));
}

describe("listProjects", () => {
	it("follows links.next through every page", async () => {
		const projects = manyProjects(123);
		const emu = await emulator({ projects });
		const listed = await listProjects({ origin: emu.origin, storeHash: emu.storeHash, token: emu.token });
		expect(listed).toEqual(projects);
	});

	it("filters by name (name:like) across pages", async () => {
		const projects = manyProjects(130);
		const emu = await emulator({ projects });
		const listed = await listProjects(
			{ origin: emu.origin, storeHash: emu.storeHash, token: emu.token },
			{ nameLike: "worker" },
		);
		expect(listed).toEqual(projects.filter((project) => project.name.startsWith("worker")));
		expect(listed).toHaveLength(65);
	});

	it("sanitizes names and hostnames for the terminal", async () => {
		const emu = await emulator({
			projects: [
				{
					uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1001",
					name: "evil\u001b]0;pwned\u0007-name\u202e",
					hostnames: ["h\u001b[31m.example", "ok.example"],
				},
			],
		});
		const [project] = await listProjects({ origin: emu.origin, storeHash: emu.storeHash, token: emu.token });
		expect(project).toEqual({
			uuid: "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1001",
			name: "evil-name",
			hostnames: ["h.example", "ok.example"],
		});
	});

	it("throws an ApiError with a sentence and no token for a bad token", async () => {
		const emu = await emulator();
		const token = "bad-secret-token-424242";
		const error = await listProjects({ origin: emu.origin, storeHash: emu.storeHash, token }).catch(
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(ApiError);
		expect(error).toMatchObject({ status: 401, shortReason: "token expired", fatal: true });
		expect((error as ApiError).message).toMatch(/^Your access token is invalid or has expired/);
		expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(token);
	});

	it("names the store for a wrong store hash", async () => {
		const emu = await emulator();
		await expect(listProjects({ origin: emu.origin, storeHash: "nope42", token: emu.token })).rejects.toThrow(
			/^Store nope42 not found, or the token belongs to a different store \(404\)\. The API said: "Store not found"\.$/,
		);
	});

	it("reports an unreachable API in plain words", async () => {
		const emu = await emulator();
		const origin = emu.origin;
		await emu.close();
		await expect(listProjects({ origin, storeHash: "s", token: "t" })).rejects.toMatchObject({
			status: null,
			shortReason: "connection refused",
		});
	});
});
