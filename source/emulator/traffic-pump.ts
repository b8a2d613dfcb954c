/**
 * Drives generated traffic in real time: each project gets events at `rate` per second on average,
 * with random (Poisson) gaps as real traffic has, from one shared timer.
 */
import { createRandom, hashString, type Random } from "./prng.js";

export interface TrafficPumpOptions {
	readonly projectUuids: readonly string[];
	/** Events per second per project; 0 or less = no timer at all. */
	readonly rate: number;
	readonly seed: number;
	/** Called for each event due, in time order per project, with its arrival time (ms, never ahead of now). */
	readonly emit: (projectUuid: string, at: number) => void;
}

interface Schedule {
	readonly projectUuid: string;
	readonly random: Random;
	nextAt: number;
}

/** Starts the pump; returns the function that stops it. */
export function startTrafficPump(options: TrafficPumpOptions): () => void {
	const rate = options.rate;
	if (!(rate > 0) || options.projectUuids.length === 0) return () => {};
	const meanGapMs = 1000 / rate;
	const gap = (random: Random): number => -Math.log(1 - random.next()) * meanGapMs;
	const start = Date.now();
	const schedules: Schedule[] = options.projectUuids.map((projectUuid) => {
		const random = createRandom((options.seed ^ hashString(`pump:${projectUuid}`)) >>> 0);
		return { projectUuid, random, nextAt: start + gap(random) };
	});
	// A tick often enough for the rate, but not so often that an idle demo burns CPU.
	const tickMs = Math.min(100, Math.max(4, meanGapMs / 2));
	// After the event loop was blocked, catch up at most one second's worth rather than a flood.
	const maxBurst = Math.max(1, Math.ceil(rate));
	const timer = setInterval(() => {
		const now = Date.now();
		for (const schedule of schedules) {
			let emitted = 0;
			while (schedule.nextAt <= now && emitted < maxBurst) {
				options.emit(schedule.projectUuid, schedule.nextAt);
				schedule.nextAt += gap(schedule.random);
				emitted += 1;
			}
			if (schedule.nextAt <= now) schedule.nextAt = now + gap(schedule.random);
		}
	}, tickMs);
	timer.unref();
	return () => clearInterval(timer);
}
