/**
 * The panes laid out from the snapshot (columns, rows, grid or one zoomed pane), each sized by the
 * layout arithmetic; the log model sizes each pane's window to its body rows (`useViewports`).
 */
import { Box, Text } from "ink";
import { useEffect } from "react";
import type { StoreSnapshot, TailStore } from "../store/types.js";
import type { LayoutPlan } from "./layout.js";
import { PaneView, paneBodyRows } from "./pane-view.js";

/** Tells the log model each visible pane's body height whenever the layout changes it. */
export function useViewports(store: TailStore, snapshot: StoreSnapshot, plan: LayoutPlan): void {
	const viewportKey = plan.lines
		.flat()
		.map((cell) => `${snapshot.panes[cell.index]?.id ?? ""}\t${paneBodyRows(cell.height)}`)
		.join("\n");
	useEffect(() => {
		if (viewportKey === "") return;
		for (const line of viewportKey.split("\n")) {
			const [id = "", rows = "0"] = line.split("\t");
			if (id !== "") store.setViewport(id, Number(rows));
		}
		store.flush();
	}, [store, viewportKey]);
}

export function PaneGrid(props: { snapshot: StoreSnapshot; plan: LayoutPlan }) {
	const { snapshot, plan } = props;
	if (snapshot.panes.length === 0) {
		return (
			<Box paddingX={1} paddingY={1}>
				<Text dimColor wrap="truncate">
					No projects open. Press a to pick projects, ? for keys, q to quit.
				</Text>
			</Box>
		);
	}
	return plan.lines.map((line) => (
		<Box key={line.map((cell) => cell.index).join(",")} flexDirection="row" height={line[0]?.height ?? 0}>
			{line.map((cell) => {
				const pane = snapshot.panes[cell.index];
				if (!pane) return null;
				return (
					<PaneView
						key={pane.id}
						pane={pane}
						index={cell.index}
						width={cell.width}
						height={cell.height}
						focused={cell.index === snapshot.focus}
						timeFormat={snapshot.timeFormat}
						now={snapshot.now}
					/>
				);
			})}
		</Box>
	));
}
