/**
 * The problems view (`P`) in a real terminal at 80x24: the built binary in tmux against the embedded
 * emulator (`--demo`), whose traffic throws TypeErrors and upstream API errors on 500s.
 */
import stringWidth from "string-width";
import { afterEach, describe, expect, it } from "vitest";
import { binPath } from "../support/run-cli.js";
import { hasTmux, startTmux, type TmuxSession } from "../support/tmux.js";

const sessions: TmuxSession[] = [];
afterEach(() => {
	for (const session of sessions.splice(0)) session.kill();
});

/** The title of the exception overlay: `Exception 4/7 of the group · project · Name: message`. */
const exceptionTitle = /Exception (\d+)\/(\d+) of the group · (\S+) · (.*?)\s*│/;

describe.skipIf(!hasTmux)("problems view in a real terminal", () => {
	it("groups the emulator's exceptions, lists failing routes, opens a group and steps inside it", async () => {
		const session = startTmux(`"${process.execPath}" "${binPath}" --demo --rate 40 --since 0`, {
			width: 80,
			height: 24,
		});
		sessions.push(session);
		// A few exceptions in the focused pane first (the status bar's totals count them).
		await session.waitFor((screen) => Number(screen.match(/ (\d+) exc/)?.[1] ?? 0) >= 3, 30_000);
		session.keys("P");
		const view = await session.waitFor(
			(screen) => screen.includes("Exceptions by fingerprint") && screen.includes("PROBLEMS"),
		);
		const lines = view.trimEnd().split("\n");
		expect(lines.length).toBeLessThanOrEqual(24);
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(80);
		// Groups: count, last seen, sparkline, name and masked message (the API error's status is masked).
		expect(view).toMatch(/▸ +\d+× \d\d:\d\d:\d\d +[▁-█]+ +(TypeError|BigCommerceAPIError): /);
		expect(view).toMatch(/at \S+ \(worker\.js:<\*>:<\*>\)/);
		expect(view).toMatch(/Failing routes \(5xx\) · \d+ requests/);
		expect(view).toMatch(/ \d+ +\d\d:\d\d:\d\d +(GET|POST) +\//);

		session.keys("Tab");
		await session.waitForText("Problems · all panes");
		session.keys("Enter");
		const first = await session.waitFor((screen) => exceptionTitle.test(screen));
		const [, position, count, , text] = first.match(exceptionTitle) ?? [];
		expect(position).toBe(count);
		// The newest occurrence of the group, whose name it shows.
		expect(text).toMatch(/^(TypeError|BigCommerceAPIError): /);
		if (Number(count) > 1) {
			session.keys("[");
			await session.waitFor((screen) => screen.match(exceptionTitle)?.[1] === String(Number(count) - 1));
			session.keys("]");
			await session.waitFor((screen) => screen.match(exceptionTitle)?.[1] === count);
		}
		session.keys("]");
		await session.waitForText("no newer exception in the group");
		session.keys("Escape");
		await session.waitFor(
			(screen) => screen.includes("Exceptions by fingerprint") && !exceptionTitle.test(screen),
		);
		session.keys("q");
		await session.waitFor(
			(screen) => !screen.includes("Exceptions by fingerprint") && screen.includes("TAIL"),
		);
		session.keys("q");
	});
});
