/**
 * The project picker (`a`, and at start when no project was given): the projects API's list filtered
 * fuzzily over name, UUID and hostnames as you type. Space marks, Enter opens the marked projects (or
 * the one under the cursor). Its state lives in the view model (`store/view-state.ts`); this file filters and draws.
 */
import Fuse from "fuse.js";
import { Box, Text } from "ink";
import { sanitizeOneLine } from "../model/sanitize.js";
import type { ProjectInfo } from "../model/types.js";
import { shortestPrefixes } from "../store/short-ids.js";
import type { PickerState } from "../store/view-state.js";
import { hintsFor } from "./keymap.js";
import { OverlayFrame, type OverlayGeometry } from "./overlay-frame.js";
import { TextFieldView } from "./search-input.js";
import { truncateToWidth } from "./truncate-to-width.js";

/** A filter over one list of projects: the fuzzy index is built once per list, searched per query. */
export function createProjectFilter(
	projects: readonly ProjectInfo[],
): (query: string) => readonly ProjectInfo[] {
	const fuse = new Fuse(projects, {
		keys: [
			{ name: "name", weight: 2 },
			{ name: "uuid", weight: 1 },
			{ name: "hostnames", weight: 1 },
		],
		// Without ignoreLocation, matches past the first ~60 characters (long hostnames) are missed.
		ignoreLocation: true,
		threshold: 0.4,
	});
	return (query) => {
		const trimmed = query.trim();
		return trimmed === "" ? projects : fuse.search(trimmed).map((result) => result.item);
	};
}

type Filter = (query: string) => readonly ProjectInfo[];
const projectFilters = new WeakMap<readonly ProjectInfo[], Filter>();

const prefixLists = new WeakMap<readonly ProjectInfo[], Map<string, string>>();

/** The UUID column: the shortest prefix that differs among the whole list (not only what matches). */
function uuidPrefixes(projects: readonly ProjectInfo[]): Map<string, string> {
	let prefixes = prefixLists.get(projects);
	if (prefixes === undefined) {
		prefixes = shortestPrefixes(projects.map((project) => project.uuid));
		prefixLists.set(projects, prefixes);
	}
	return prefixes;
}

/** The picker's projects that match its query, best first (the fuzzy index is built once per list). */
export function pickerList(picker: PickerState): readonly ProjectInfo[] {
	let filter = projectFilters.get(picker.projects);
	if (!filter) {
		filter = createProjectFilter(picker.projects);
		projectFilters.set(picker.projects, filter);
	}
	return filter(picker.field.value);
}

/** Rows of the list that fit, scrolled so the cursor stays visible. */
function listWindow(count: number, cursor: number, rows: number): { start: number; end: number } {
	if (count <= rows) return { start: 0, end: count };
	const start = Math.max(0, Math.min(cursor - Math.floor(rows / 2), count - rows));
	return { start, end: start + rows };
}

export function ProjectPicker(props: {
	picker: PickerState;
	/** The projects matching the query, best first. */
	filtered: readonly ProjectInfo[];
	/** UUIDs that already have a pane. */
	open: ReadonlySet<string>;
	geometry: OverlayGeometry;
}) {
	const { picker, filtered, geometry } = props;
	const width = geometry.innerWidth;
	// The filter line and the count line take two of the body rows.
	const listRows = Math.max(1, geometry.bodyRows - 2);
	const { start, end } = listWindow(filtered.length, picker.cursor, listRows);
	const footer = hintsFor("picker")
		.map((hint) => `${hint.keys} ${hint.label}`)
		.join("  ");
	let status: { text: string; color?: string } | null = null;
	if (picker.status === "loading") status = { text: "loading…" };
	else if (picker.status === "error")
		status = { text: `could not list projects: ${picker.error ?? "unknown error"}`, color: "red" };
	else if (picker.projects.length === 0) status = { text: "no projects in this store" };
	else if (filtered.length === 0) status = { text: "no project matches" };
	const count =
		picker.status === "ready"
			? `${filtered.length} of ${picker.projects.length}${picker.marked.length > 0 ? ` · ${picker.marked.length} marked` : ""}`
			: "";
	return (
		<OverlayFrame geometry={geometry} title="Open projects" footer={`type to filter  ↑↓ move  ${footer}`}>
			<Box>
				<Text color="cyan">{"Filter: "}</Text>
				<TextFieldView field={picker.field} width={Math.max(1, width - 8)} />
			</Box>
			<Text dimColor wrap="truncate">
				{count || " "}
			</Text>
			{status ? (
				<Text color={status.color} wrap="truncate">
					{truncateToWidth(status.text, width)}
				</Text>
			) : (
				filtered.slice(start, end).map((project, i) => {
					const prefix = uuidPrefixes(picker.projects).get(project.uuid) ?? project.uuid;
					const index = start + i;
					const here = index === picker.cursor;
					const marked = picker.marked.includes(project.uuid);
					// Names and hostnames come from the API: untrusted text, like everything from it.
					const line = sanitizeOneLine(
						`${here ? "›" : " "} ${marked ? "[x]" : "[ ]"} ${project.name}  ${prefix}  ${project.hostnames.join(", ")}${props.open.has(project.uuid) ? "  (open)" : ""}`,
					);
					return (
						<Text key={project.uuid} inverse={here} color={marked ? "green" : undefined} wrap="truncate">
							{truncateToWidth(line, width)}
						</Text>
					);
				})
			)}
		</OverlayFrame>
	);
}
