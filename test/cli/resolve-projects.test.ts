import { describe, expect, it } from "vitest";
import { labelProjects, ProjectNameError, resolveProjects } from "../../source/cli/resolve-projects.js";
import type { ProjectInfo } from "../../source/model/types.js";

const projects: ProjectInfo[] = [
	{ uuid: "11111111-1111-4111-8111-111111111111", name: "catalyst-production", hostnames: [] },
	{ uuid: "22222222-2222-4222-8222-222222222222", name: "catalyst-preview", hostnames: [] },
	{ uuid: "33333333-3333-4333-8333-333333333333", name: "outlet", hostnames: [] },
];

describe("resolveProjects", () => {
	it("needs no request for UUIDs", async () => {
		let calls = 0;
		const list = async (): Promise<ProjectInfo[]> => {
			calls += 1;
			return projects;
		};
		const resolved = await resolveProjects(["019500E2-933D-7057-8E81-090DD7240795"], list);
		expect(resolved).toEqual([{ uuid: "019500e2-933d-7057-8e81-090dd7240795", label: "019500e2" }]);
		expect(calls).toBe(0);
	});

	it("resolves exact names and unique prefixes, and drops repeats", async () => {
		const resolved = await resolveProjects(["outlet", "catalyst-prod", "Outlet"], async () => projects);
		expect(resolved).toEqual([
			{ uuid: projects[2]!.uuid, name: "outlet", label: "outlet" },
			{ uuid: projects[0]!.uuid, name: "catalyst-production", label: "catalyst-production" },
		]);
	});

	it("labels unnamed projects by the shortest UUID prefix that differs among them", async () => {
		const a = "0193a4c2-7b1e-7000-8000-000000000001";
		const b = "0193a4c2-8c2f-7000-8000-000000000002";
		const resolved = await resolveProjects([a, b], undefined);
		expect(resolved.map((project) => project.label)).toEqual(["0193a4c2-7", "0193a4c2-8"]);
		// Names arriving later: labelProjects again.
		expect(labelProjects([{ uuid: a, name: "production" }, { uuid: b }]).map((p) => p.label)).toEqual([
			"production",
			"0193a4c2-8",
		]);
	});

	it("lists the candidates of an ambiguous name", async () => {
		await expect(resolveProjects(["catalyst"], async () => projects)).rejects.toThrow(
			/matches several projects:\n.*catalyst-production.*\n.*catalyst-preview/,
		);
	});

	it("lists the projects when a name is unknown", async () => {
		const error = await resolveProjects(["nope"], async () => projects).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ProjectNameError);
		expect((error as Error).message).toMatch(/no project is named "nope"/);
		expect((error as Error).message).toContain("outlet");
	});
});
