// The server's "busy" answer (load shedding: 503 + Retry-After, code `busy`), shared by the server that sends it and
// the browser helpers that show it and retry.

import { BUSY_CODE } from './busy-answer.js';

export { BUSY_CODE, BUSY_MESSAGE } from './busy-answer.js';

/** Attempts a browser helper makes after a busy answer before it gives the problem to the page. */
export const BUSY_RETRIES = 4;

/**
 * Wait before retry `attempt` (0-based) after a busy answer: the server's Retry-After (seconds) or 0.5 s, doubled
 * per attempt, capped at 8 s, with up to 25 % jitter (`random` in [0, 1)) so shed clients do not return in step.
 */
export function busyBackoffMs(attempt: number, retryAfter: string | null, random = Math.random()): number {
	const base = Number(retryAfter) > 0 ? Number(retryAfter) * 1000 : 500;
	const wait = Math.min(8000, base * 2 ** attempt);
	return Math.round(wait * (1 + 0.25 * random));
}

/** Whether a response is the server shedding load (as opposed to any other 503). */
export function isBusyAnswer(status: number, body: unknown): boolean {
	return status === 503 && (body as { error?: { code?: string } } | null)?.error?.code === BUSY_CODE;
}
