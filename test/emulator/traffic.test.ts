import { describe, expect, test } from "vitest";
import { createRandom, uuidV4 } from "../../source/emulator/prng.js";
import { createTrafficGenerator } from "../../source/emulator/traffic.js";

const project = "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1001";
const hostnames = ["shop.example", "www.shop.example"];
const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Event = Record<string, unknown> & {
	uuid: string;
	request: { method: string; url: string; status_code: number } | null;
	logs: { timestamp: string | null; level: string; messages: unknown[] }[];
	exceptions: { name: string; message: string; stack?: string }[];
	timestamp: string | null;
};

function generate(count: number, seed = 1, options: { hostile?: boolean } = {}, uuid = project): Event[] {
	const generator = createTrafficGenerator(seed, uuid, { hostnames, ...options });
	const start = Date.UTC(2026, 5, 1, 12);
	return Array.from({ length: count }, (_, i) => generator.next(start + i * 137) as Event);
}

/** Every string anywhere in a value (keys excluded). */
function strings(value: unknown, out: string[] = []): string[] {
	if (typeof value === "string") out.push(value);
	else if (Array.isArray(value)) for (const item of value) strings(item, out);
	else if (typeof value === "object" && value !== null)
		for (const item of Object.values(value)) strings(item, out);
	return out;
}

const pathOf = (url: string) => url.replace(/^https?:\/\/[^/]+/, "");
const knownFields = new Set(["uuid", "project_uuid", "request", "logs", "exceptions", "timestamp"]);

describe("traffic generator", () => {
	test("the same seed and project give the same events", () => {
		expect(generate(500, 42)).toEqual(generate(500, 42));
	});

	test("another seed or another project gives other events", () => {
		const base = generate(50, 42).map((e) => e.uuid);
		expect(generate(50, 43).map((e) => e.uuid)).not.toEqual(base);
		const other = generate(50, 42, {}, "0193a4c2-7d1e-7b3a-9f21-5c8e4d6a1002").map((e) => e.uuid);
		expect(other.filter((uuid) => base.includes(uuid))).toEqual([]);
	});

	test("uuids are v4-shaped and never repeat", () => {
		const events = generate(20_000, 3);
		expect(events.filter((e) => !v4.test(e.uuid))).toEqual([]);
		expect(new Set(events.map((e) => e.uuid)).size).toBe(events.length);
	});

	test("uuidV4 stays unique for consecutive counters even when the random bits repeat", () => {
		const seen = new Set<string>();
		for (let counter = 0; counter < 5000; counter++) seen.add(uuidV4(createRandom(9), counter, 1234));
		expect(seen.size).toBe(5000);
	});

	test("events have the API's shape and follow the clock", () => {
		const start = Date.UTC(2026, 5, 1, 12);
		const generator = createTrafficGenerator(5, project, { hostnames });
		for (let i = 0; i < 300; i++) {
			const now = start + i * 1000;
			const event = generator.next(now) as Event;
			expect(event.project_uuid).toBe(project);
			expect(Array.isArray(event.logs)).toBe(true);
			expect(Array.isArray(event.exceptions)).toBe(true);
			if (event.timestamp !== null) expect(Date.parse(event.timestamp)).toBe(now);
			for (const log of event.logs) {
				if (log.timestamp !== null) expect(Math.abs(Date.parse(log.timestamp) - now)).toBeLessThan(5000);
			}
			if (event.request) {
				expect(typeof event.request.method).toBe("string");
				expect(typeof event.request.status_code).toBe("number");
				expect(event.request.url).toMatch(/^(https:\/\/[a-z.]+)?\//);
			}
		}
	});

	test("within 2000 events every kind of traffic shows up", () => {
		const events = generate(2000, 11);
		const requests = events.flatMap((e) => (e.request ? [e.request] : []));
		const paths = requests.map((r) => pathOf(r.url));
		const logs = events.flatMap((e) => e.logs);
		const messages = logs.flatMap((l) => l.messages);
		const exceptions = events.flatMap((e) => e.exceptions);
		const allText = events.flatMap((e) => strings(e)).join("\n");
		const failed = (name: string) =>
			events.some(
				(e) =>
					e.request?.status_code === 500 &&
					e.exceptions.some((x) => x.name === name && x.stack?.includes("\n    at ")),
			);
		const shapes: Record<string, boolean> = {
			home: paths.includes("/"),
			product: paths.some((p) => /^\/[a-z]{2}\/products\/[^/]+$/.test(p)),
			cart: paths.includes("/en/cart"),
			checkout: paths.includes("/en/checkout"),
			category: paths.some((p) =>
				/^\/[a-z]{2}\/(?!products|cart|checkout|login|account|search)[^/?]+/.test(p),
			),
			api: paths.some((p) => p.startsWith("/api/")),
			image: paths.some((p) => p.startsWith("/_next/image?url=")),
			notFound: requests.some((r) => r.status_code === 404),
			typeError500: failed("TypeError"),
			apiError500: failed("BigCommerceAPIError"),
			warn: logs.some((l) => l.level === "warn"),
			error: logs.some((l) => l.level === "error"),
			levelLog: logs.some((l) => l.level === "log"),
			debug: logs.some((l) => l.level === "debug"),
			silentRequest: events.some((e) => e.request !== null && e.logs.length === 0),
			nullRequest: events.some((e) => e.request === null),
			nullTimestamp: events.some((e) => e.timestamp === null),
			nullLogTimestamp: logs.some((l) => l.timestamp === null),
			objectMessage: messages.some((m) => typeof m === "object" && m !== null),
			numberMessage: messages.some((m) => typeof m === "number"),
			multiLine: messages.some((m) => typeof m === "string" && m.includes("\n")),
			cjk: /[\u3040-\u30ff\u4e00-\u9fff]/.test(allText),
			emoji: /\p{Extended_Pictographic}/u.test(allText),
			extraField: events.some((e) => Object.keys(e).some((k) => !knownFields.has(k))),
			absoluteUrl: requests.some((r) => /^https:\/\/(shop|www\.shop)\.example\//.test(r.url)),
			relativeUrl: requests.some((r) => r.url.startsWith("/")),
			post: requests.some((r) => r.method === "POST"),
			unknownStatus: requests.some((r) => r.status_code === 0),
			exceptionsWithStacks: exceptions.length > 0 && exceptions.every((x) => typeof x.stack === "string"),
		};
		expect(
			Object.entries(shapes)
				.filter(([, seen]) => !seen)
				.map(([name]) => name),
		).toEqual([]);
		// Mostly healthy traffic, as a real storefront's.
		expect(requests.filter((r) => r.status_code >= 500).length).toBeLessThan(requests.length * 0.2);
	});

	test("without hostile, no control, C1 or bidi character appears anywhere (newlines aside)", () => {
		const text = generate(3000, 5).flatMap((e) => strings(e));
		expect(
			text.filter((s) => /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s)),
		).toEqual([]);
	});

	test("with hostile, every kind of terminal attack appears, in every kind of field", () => {
		const events = generate(3000, 5, { hostile: true });
		const all = events.flatMap((e) => strings(e));
		const attacks: Record<string, RegExp> = {
			oscTitle: /\u001b\][02];/,
			oscClipboard: /\u001b\]52;/,
			oscLink: /\u001b\]8;/,
			clearScreen: /\u001b\[2J/,
			cursorMove: /\u001b\[\d+(;\d+)?[ABCDH]/,
			dcs: /\u001bP/,
			c1Csi: /\u009b/,
			bell: /\u0007/,
			bidi: /[\u202a-\u202e\u2066-\u2069]/,
			unterminatedOsc: /\u001b\][^\u0007\u001b]*$/,
			unterminatedCsi: /\u001b\[[\d;]*$/,
			unterminatedDcs: /\u001bP[^\u001b]*$/,
		};
		const missing = Object.entries(attacks).filter(([, pattern]) => !all.some((s) => pattern.test(s)));
		expect(missing.map(([name]) => name)).toEqual([]);

		const hostile = /[\u0007\u001b\u009b\u009d\u202e\u2066-\u2069]/;
		const fields = {
			url: events.some((e) => e.request && hostile.test(e.request.url)),
			message: events.some((e) =>
				e.logs.some((l) => l.messages.some((m) => typeof m === "string" && hostile.test(m))),
			),
			exceptionName: events.some((e) => e.exceptions.some((x) => hostile.test(x.name))),
			exceptionMessage: events.some((e) => e.exceptions.some((x) => hostile.test(x.message))),
			stack: events.some((e) => e.exceptions.some((x) => x.stack !== undefined && hostile.test(x.stack))),
		};
		expect(fields).toEqual({
			url: true,
			message: true,
			exceptionName: true,
			exceptionMessage: true,
			stack: true,
		});
		// Hostile events stay valid events: uuids intact and unique.
		expect(new Set(events.map((e) => e.uuid)).size).toBe(events.length);
		expect(events.filter((e) => !v4.test(e.uuid))).toEqual([]);
	});
});
