import { isUuid } from "../config/resolve-config.js";
import type { ProjectInfo } from "../model/types.js";
import { projectLabels } from "../store/short-ids.js";

export interface ResolvedProject {
	readonly uuid: string;
	/** The project's name, when the projects API told it. */
	readonly name?: string | undefined;
	/**
	 * The name when known, else the shortest UUID prefix (8 characters at least) that differs among
	 * the projects given together: two UUIDv7s of one minute no longer both read `0193a4c2`.
	 */
	readonly label: string;
}

/**
 * Labels projects tailed together (line-mode prefixes, pane titles): each its name, else the
 * shortest prefix that tells its UUID from the others'. Call it again when names arrive later.
 */
export function labelProjects(
	projects: readonly { readonly uuid: string; readonly name?: string | undefined }[],
): ResolvedProject[] {
	const labels = projectLabels(
		projects.map((project) => project.uuid),
		(uuid) => projects.find((project) => project.uuid === uuid)?.name,
	);
	return projects.map((project) => ({
		uuid: project.uuid,
		name: project.name,
		label: labels.get(project.uuid) ?? project.uuid,
	}));
}

/** What is shown while project names are looked up (stderr in line mode, a notice in the TUI). */
export const resolvingNamesText = "resolving project names…";

export class ProjectNameError extends Error {
	override name = "ProjectNameError";
}

/**
 * Turns project arguments (UUIDs or names) into UUIDs. UUIDs need no request; names are looked up in
 * the projects list: an exact name (case-insensitive) wins, else a unique name prefix; anything else is
 * an error that lists the candidates. `list` is only called when a name is given or names are wanted;
 * `onWait` is told `resolvingNamesText` just before it is.
 */
export async function resolveProjects(
	inputs: readonly string[],
	list: (() => Promise<readonly ProjectInfo[]>) | undefined,
	onWait?: (text: string) => void,
): Promise<ResolvedProject[]> {
	const needsList = inputs.some((input) => !isUuid(input));
	let projects: readonly ProjectInfo[] = [];
	if (needsList) {
		if (list === undefined) throw new ProjectNameError("project names need the projects API");
		// Said before the request: a slow projects API must not look like a hung tool.
		onWait?.(resolvingNamesText);
		projects = await list();
	}
	const resolved: { uuid: string; name?: string | undefined }[] = [];
	for (const input of inputs) {
		if (isUuid(input)) {
			const uuid = input.toLowerCase();
			const known = projects.find((project) => project.uuid === uuid);
			resolved.push({ uuid, name: known?.name });
			continue;
		}
		const wanted = input.toLowerCase();
		const exact = projects.filter((project) => project.name.toLowerCase() === wanted);
		const prefixed = projects.filter((project) => project.name.toLowerCase().startsWith(wanted));
		const matches = exact.length > 0 ? exact : prefixed;
		const only = matches.length === 1 ? matches[0] : undefined;
		if (only !== undefined) {
			resolved.push({ uuid: only.uuid, name: only.name });
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
	return labelProjects(
		resolved.filter((project, index) => resolved.findIndex((other) => other.uuid === project.uuid) === index),
	);
}
