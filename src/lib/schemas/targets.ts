// The cohort targets form: a month and up to three targets (empty = no target for that figure).
import { z } from 'zod';
import { integerText } from './number';
import { MAX_TARGET_CALLS } from '../domain/targets/targets';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function optionalTarget(what: string, max: number) {
	const message = `${what} must be a whole number from 0 to ${max}, or empty for no target.`;
	return z
		.string(message)
		.trim()
		.default('')
		.pipe(z.union([z.literal('').transform(() => null), integerText(message).pipe(z.number().int(message).min(0, message).max(max, message))]));
}

/** `months` are the months a target may be set for (the trend's months and the next ones). */
export function targetsFormSchema(months: string[]) {
	return z.object({
		month: z
			.string('Choose a month.')
			.regex(MONTH, 'Choose a month.')
			.refine((m) => months.includes(m), 'Choose one of the months offered.'),
		assessmentCalls: optionalTarget('Assessment calls', MAX_TARGET_CALLS),
		recordAccuracy: optionalTarget('Average record accuracy', 100),
		certificates: optionalTarget('Certificates held', MAX_TARGET_CALLS)
	});
}
