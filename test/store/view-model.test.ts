import { describe, expect, it } from "vitest";
import { ViewModel } from "../../source/store/view-model.js";

describe("ViewModel", () => {
	it("applies actions at once and tells subscribers only of changes", () => {
		const view = new ViewModel();
		let heard = 0;
		const unsubscribe = view.subscribe(() => heard++);
		const first = view.getSnapshot();
		view.dispatch({ type: "search-open", cursor: 0, previous: null });
		expect(view.mode).toBe("search");
		// Several keys in one batch each see the state the previous one left.
		view.dispatch({ type: "search-cursor", cursor: 2 });
		view.dispatch({ type: "search-cursor", cursor: 4 });
		expect(view.getSnapshot().searchInput?.cursor).toBe(4);
		expect(heard).toBe(3);
		expect(view.getSnapshot()).not.toBe(first);
		// Closing what is not open changes nothing: same snapshot, no notification.
		const before = view.getSnapshot();
		view.dispatch({ type: "overlay-close" });
		expect(view.getSnapshot()).toBe(before);
		expect(heard).toBe(3);
		unsubscribe();
		view.dispatch({ type: "search-close" });
		expect(heard).toBe(3);
		expect(view.mode).toBe("normal");
	});

	it("numbers project-list requests so the picker ignores stale answers", () => {
		const view = new ViewModel();
		const old = view.nextRequest();
		view.dispatch({ type: "picker-open", request: view.nextRequest() });
		view.dispatch({
			type: "picker-loaded",
			request: old,
			projects: [{ uuid: "p", name: "p", hostnames: [] }],
		});
		expect(view.getSnapshot().picker?.status).toBe("loading");
	});
});
