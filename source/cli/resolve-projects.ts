import { isUuid } from "../config/resolve-config.js";
import type { ProjectInfo } from "../model/types.js";

export interface ResolvedProject {
	readonly uuid: string;
	/** The name when known, else the first 8 characters of the UUID. */
	readonly label: string;
}

export class ProjectNameError extends Error {
	override name = "ProjectNameError";
}

/**
 * Turns project arguments (UUIDs or names) into UUIDs. UUIDs need no request; names are looked up in
 * the projects list: an exact name (case-insensitive) wins, else a unique name prefix; anything else is
 * an error that lists the candidates. `list` is only called when a name is given or names are wanted.
 */
export async function resolveProjects(
	inputs: readonly string[],
	list: (() => Promise<readonly ProjectInfo[]>) | undefined,
): Promise<ResolvedProject[]> {
	const needsList = inputs.some((input) => !isUuid(input));
	let projects: readonly ProjectInfo[] = [];
	if (needsList) {
		if (list === undefined) throw new ProjectNameError("project names need the projects API");
		projects = await list();
	}
	const resolved: ResolvedProject[] = [];
	for (const input of inputs) {
		if (isUuid(input)) {
			const uuid = input.toLowerCase();
			const known = projects.find((project) => project.uuid === uuid);
			resolved.push({ uuid, label: known?.name ?? uuid.slice(0, 8) });
			continue;
		}
		const wanted = input.toLowerCase();
		const exact = projects.filter((project) => project.name.toLowerCase() === wanted);
		const prefixed = projects.filter((project) => project.name.toLowerCase().startsWith(wanted));
		const matches = exact.length > 0 ? exact : prefixed;
		const only = matches.length === 1 ? matches[0] : undefined;
		if (only !== undefined) {
			resolved.push({ uuid: only.uuid, label: only.name });
			continue;
		}
		const candidates = (matches.length > 0 ? matches : projects)
			.slice(0, 10)
			.map((project) => `  ${project.name}  ${project.uuid}`)
			.join("\n");
		throw new ProjectNameError(
			matches.length > 1
				? `"${input}" matches several projects:\n${candidates}`
				: `no project is named "${input}" (and it is not a UUID)${candidates === "" ? "" : `; projects:\n${candidates}`}`,
		);
	}
	// The same project twice would double every line.
	return resolved.filter(
		(project, index) => resolved.findIndex((other) => other.uuid === project.uuid) === index,
	);
}
