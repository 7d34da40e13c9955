// A moment of a call typed as a clock ("1:05", "01:05", "1:02:05"): what a trainer pins a comment to.
import { z } from 'zod';
import type { SchemaMessage } from './number';

const CLOCK = /^(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)$/;

/** "m:ss" or "h:mm:ss" → ms, or null when it is not a clock. */
export function parseClock(text: string): number | null {
	const m = CLOCK.exec(text.trim());
	if (!m) return null;
	const [h, min, s] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
	if (m[1] !== undefined && min > 59) return null;
	return ((h * 60 + min) * 60 + s) * 1000;
}

/** An optional moment field: empty → null (the comment is about the whole call). */
export const optionalMoment = (message: SchemaMessage) =>
	z
		.string({ error: message })
		.max(12, { error: message })
		.optional()
		.transform((s, ctx) => {
			if (!s || !s.trim()) return null;
			const ms = parseClock(s);
			if (ms === null) {
				ctx.addIssue({ code: 'custom', message: typeof message === 'string' ? message : message() });
				return z.NEVER;
			}
			return ms;
		});
