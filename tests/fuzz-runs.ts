// How many cases each property-based (fast-check) fuzz test tries: a bounded number in `npm test`, more with
// FUZZ_RUNS=<n> (e.g. FUZZ_RUNS=2000 npx vitest run tests/unit/parsers.fuzz.test.ts). FUZZ_SEED replays a run.
export function fuzzRuns(fallback: number): number {
	const n = Number(process.env.FUZZ_RUNS);
	return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function fuzzSeed(): number | undefined {
	const n = Number(process.env.FUZZ_SEED);
	return process.env.FUZZ_SEED && Number.isInteger(n) ? n : undefined;
}

/** The longest any single input may keep a parser or an endpoint busy. */
export const FUZZ_HANG_MS = 2000;
