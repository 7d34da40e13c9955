// The cohort targets form: a month and up to three targets (empty = no target for that figure).
import { z } from 'zod';
import { m } from '../paraglide/messages';
import { formatInteger } from '../i18n/format';
import { integerText } from './number';
import { MAX_TARGET_CALLS } from '../domain/targets/targets';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function optionalTarget(range: (inputs: { max: string }) => string, max: number) {
	const message = () => range({ max: formatInteger(max) });
	return z
		.string({ error: message })
		.trim()
		.default('')
		.pipe(z.union([z.literal('').transform(() => null), integerText(message).pipe(z.number().int({ error: message }).min(0, { error: message }).max(max, { error: message }))], { error: message }));
}

/** `months` are the months a target may be set for (the trend's months and the next ones). */
export function targetsFormSchema(months: string[]) {
	return z.object({
		month: z
			.string({ error: () => m.targets_choose_month() })
			.regex(MONTH, { error: () => m.targets_choose_month() })
			.refine((month) => months.includes(month), { error: () => m.targets_month_offered() }),
		assessmentCalls: optionalTarget(m.targets_calls_range, MAX_TARGET_CALLS),
		recordAccuracy: optionalTarget(m.targets_accuracy_range, 100),
		certificates: optionalTarget(m.targets_certificates_range, MAX_TARGET_CALLS)
	});
}
