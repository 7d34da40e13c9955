// Query strings of the recorded-call API (POST /api/calls/:id/recording), shared by the route and the browser.
import { z } from 'zod';
import { integerText } from './number';

/** Longest call clock a turn may start at: 4 hours. */
const MAX_T_MS = 4 * 3600_000;

export const recordingUploadQuerySchema = z.strictObject({
	/** When the turn started, in ms since the call was answered (the timeline's clock). */
	t: integerText('must be a whole number of milliseconds').pipe(z.number().int().min(0, 'must be 0 or more').max(MAX_T_MS, 'must be at most 4 hours')),
	/** The browser's id for the turn: a retried upload is stored once. */
	turn: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _')
});
