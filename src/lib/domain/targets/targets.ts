// Monthly cohort targets: what a trainer aims for (assessment calls completed, average record accuracy, trainees
// holding a certificate) and how far the cohort got. Pure: the server counts, these functions compare.

export const TARGET_METRICS = ['assessmentCalls', 'recordAccuracy', 'certificates'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export type Targets = Record<TargetMetric, number | null>;
export type Actuals = Record<TargetMetric, number | null>;

export const MAX_TARGET_CALLS = 100_000;
/** Months shown in the trend, the current one last. */
export const TREND_MONTHS = 6;

/** "2026-06" for any moment of June 2026 (UTC). */
export function monthOf(d: Date): string {
	return d.toISOString().slice(0, 7);
}

/** The `count` months ending with the month of `now`, oldest first. */
export function lastMonths(now: Date, count = TREND_MONTHS): string[] {
	const y = now.getUTCFullYear();
	const m = now.getUTCMonth();
	return Array.from({ length: count }, (_, i) => monthOf(new Date(Date.UTC(y, m - (count - 1 - i), 1))));
}

/** The first moment after the month ("2026-06" → 1 July 2026 00:00 UTC). */
export function monthEnd(month: string): Date {
	const [y, m] = month.split('-').map(Number);
	return new Date(Date.UTC(y, m, 1));
}

/** Share of the target reached, 0–1 (capped); null without a target or without a value yet. */
export function progressShare(target: number | null, actual: number | null): number | null {
	if (target === null || actual === null) return null;
	if (target <= 0) return 1;
	return Math.max(0, Math.min(1, actual / target));
}

export function targetMet(target: number | null, actual: number | null): boolean {
	return target !== null && actual !== null && actual >= target;
}

/** Months a trainer may set targets for: the trend's months and the next `ahead` ones. */
export function settableMonths(now: Date, ahead = 3): string[] {
	const y = now.getUTCFullYear();
	const m = now.getUTCMonth();
	return [...lastMonths(now), ...Array.from({ length: ahead }, (_, i) => monthOf(new Date(Date.UTC(y, m + 1 + i, 1))))];
}
