import { describe, expect, it } from "vitest";
import { EventRows } from "../../source/store/event-rows.js";
import { IndexList } from "../../source/store/index-list.js";

/** Indices grouped by tens: 10..19 are one event, 20..29 the next. */
const byTens = (abs: number): unknown => Math.floor(abs / 10);
const heads = (rows: EventRows): number[] =>
	Array.from({ length: rows.length }, (_, i) => rows.at(i) as number);

describe("EventRows", () => {
	it("keeps the first index of each event as the list grows at both ends", () => {
		const list = new IndexList();
		const rows = new EventRows();
		for (const abs of [25, 27, 31]) list.push(abs);
		rows.sync(list, list, byTens);
		expect(heads(rows)).toEqual([25, 31]);
		list.push(33);
		list.push(40);
		rows.sync(list, list, byTens);
		expect(heads(rows)).toEqual([25, 31, 40]);
		// A background scan puts older matches in front, some of the same event as the first row.
		list.pushOlder(22);
		list.pushOlder(21);
		list.pushOlder(15);
		rows.sync(list, list, byTens);
		expect(heads(rows)).toEqual([15, 21, 31, 40]);
		expect(rows.lowerBound(22)).toBe(2);
	});

	it("lets the first index left after eviction begin its event's row", () => {
		const list = new IndexList();
		const rows = new EventRows();
		for (const abs of [10, 11, 12, 20, 21]) list.push(abs);
		rows.sync(list, list, byTens);
		list.dropBelow(11);
		rows.sync(list, list, byTens);
		expect(heads(rows)).toEqual([11, 20]);
		list.dropBelow(21);
		rows.sync(list, list, byTens);
		expect(heads(rows)).toEqual([21]);
	});

	it("starts over for a new list, or when indices looked at were given to other entries", () => {
		const first = new IndexList();
		for (const abs of [10, 11, 20]) first.push(abs);
		const rows = new EventRows();
		rows.sync(first, first, byTens);
		const second = new IndexList();
		for (const abs of [30, 40]) second.push(abs);
		rows.sync(second, second, byTens);
		expect(heads(rows)).toEqual([30, 40]);
		// The same indices, now holding other entries (a full pane dropped its oldest rows and put older
		// ones in front): 30 and 31 are no longer one event.
		let reused = false;
		const groupOf = (abs: number): unknown => (reused && abs < 40 ? `new ${abs}` : byTens(abs));
		const again = new IndexList();
		for (const abs of [30, 31, 40]) again.push(abs);
		rows.sync(again, again, groupOf);
		expect(heads(rows)).toEqual([30, 40]);
		reused = true;
		rows.sync(again, again, groupOf);
		expect(heads(rows)).toEqual([30, 31, 40]);
	});

	it("is empty for an empty list", () => {
		const rows = new EventRows();
		rows.sync(new IndexList(), null, byTens);
		expect(rows.length).toBe(0);
		expect(rows.at(0)).toBeUndefined();
	});
});
