// Shapes of the programme editor and revoke forms. Satisfiability (unknown courses, thresholds
// above 100, phase cycles) is checked by validateProgramme in the domain, with the catalogue.
import { z } from 'zod';
import { m } from '../paraglide/messages';
import { formatInteger } from '../i18n/format';
import { decimalText, integerText, type SchemaMessage } from './number';
import { DEFAULT_RETRAINING_DAYS, MAX_RETRAINING_DAYS } from '../domain/retraining/what-changed';
import { displayText } from './text';
import type { ProgrammeDefinition } from '../domain/certification/rules';

/** The editor's fields as typed, so a refused form comes back exactly as it was. */
export interface ProgrammeFormValues {
	slug: string;
	title: string;
	description: string;
	validityMonths: string;
	/** Days certificate holders get to retrain after a significant change of required content. */
	retrainingDays: string;
	courses: string[];
	prerequisites: string[];
	recertifyCourses: string[];
	recertifyCalls: boolean;
	calls: {
		count: string;
		minScore: string;
		minRecordAccuracy: string;
		angryOnly: boolean;
		scenarios: string[];
	}[];
	/** On an edit: revoke certificates whose holders no longer meet the new rules. */
	revokeNonMatching: boolean;
}

const str = (form: FormData, key: string) => {
	const v = form.get(key);
	return typeof v === 'string' ? v : '';
};
const strs = (form: FormData, key: string) => form.getAll(key).filter((v): v is string => typeof v === 'string');

/** Reads the editor form. Call-requirement rows are `calls.N.field`; a row with an empty count is dropped. */
export function programmeValuesFromForm(form: FormData): ProgrammeFormValues {
	const rows = new Set<number>();
	for (const key of form.keys()) {
		const m = /^calls\.(\d{1,2})\./.exec(key);
		if (m) rows.add(Number(m[1]));
	}
	const calls = [...rows]
		.sort((a, b) => a - b)
		.map((i) => ({
			count: str(form, `calls.${i}.count`).trim(),
			minScore: str(form, `calls.${i}.minScore`).trim(),
			minRecordAccuracy: str(form, `calls.${i}.minRecordAccuracy`).trim(),
			angryOnly: form.has(`calls.${i}.angryOnly`),
			scenarios: strs(form, `calls.${i}.scenarios`)
		}))
		.filter((row) => row.count !== '');
	return {
		slug: str(form, 'slug').trim(),
		title: str(form, 'title').trim(),
		description: str(form, 'description').trim(),
		validityMonths: str(form, 'validityMonths').trim(),
		retrainingDays: str(form, 'retrainingDays').trim(),
		courses: strs(form, 'courses'),
		prerequisites: strs(form, 'prerequisites'),
		recertifyCourses: strs(form, 'recertifyCourses'),
		recertifyCalls: form.has('recertifyCalls'),
		calls,
		revokeNonMatching: form.has('revokeNonMatching')
	};
}

const number = (message: SchemaMessage) => decimalText(message);
const optionalNumber = (message: SchemaMessage) => z.union([z.literal('').transform(() => null), number(message)], { error: message });
const retrainingWhole = () => m.programme_retraining_whole();
const slugList = z.array(z.string().max(100)).max(100);

export const programmeFormSchema = z.object({
	slug: z
		.string()
		.min(1, { error: () => m.programme_enter_slug({ example: 'crm-level-1' }) })
		.max(60, { error: () => m.form_max_chars({ max: formatInteger(60) }) }),
	title: displayText({ min: 1, minMessage: () => m.programme_enter_title(), max: 120 }),
	description: displayText({ max: 2000, multiline: true }),
	validityMonths: optionalNumber(() => m.programme_validity_number()),
	// Empty (or a form from before the field existed): the default.
	retrainingDays: z.union([z.literal('').transform(() => DEFAULT_RETRAINING_DAYS), integerText(retrainingWhole)], { error: retrainingWhole }).pipe(
		z
			.number()
			.int({ error: retrainingWhole })
			.min(1, { error: () => m.programme_retraining_min({ min: formatInteger(1) }) })
			.max(MAX_RETRAINING_DAYS, { error: () => m.programme_retraining_max({ max: formatInteger(MAX_RETRAINING_DAYS) }) })
	),
	courses: slugList,
	prerequisites: slugList,
	recertifyCourses: slugList,
	recertifyCalls: z.boolean(),
	calls: z
		.array(
			z.object({
				count: number(() => m.programme_call_count_number()),
				minScore: number(() => m.programme_min_score_number()),
				minRecordAccuracy: optionalNumber(() => m.programme_min_accuracy_number()),
				angryOnly: z.boolean(),
				scenarios: slugList
			})
		)
		.max(10, { error: () => m.programme_calls_max({ max: formatInteger(10) }) }),
	revokeNonMatching: z.boolean()
});

export type ProgrammeForm = z.infer<typeof programmeFormSchema>;

export function programmeDefinitionFromForm(data: ProgrammeForm): ProgrammeDefinition & { description: string; retrainingDays: number } {
	return {
		slug: data.slug,
		title: data.title,
		description: data.description,
		retrainingDays: data.retrainingDays,
		rules: {
			courses: [...new Set(data.courses)],
			calls: data.calls,
			prerequisites: [...new Set(data.prerequisites)],
			validityMonths: data.validityMonths,
			recertify: { courses: [...new Set(data.recertifyCourses)], calls: data.recertifyCalls }
		}
	};
}

export function programmeFormValues(def: ProgrammeDefinition & { description: string; retrainingDays: number }): ProgrammeFormValues {
	return {
		slug: def.slug,
		title: def.title,
		description: def.description,
		validityMonths: def.rules.validityMonths === null ? '' : String(def.rules.validityMonths),
		retrainingDays: String(def.retrainingDays),
		courses: def.rules.courses,
		prerequisites: def.rules.prerequisites,
		recertifyCourses: def.rules.recertify.courses,
		recertifyCalls: def.rules.recertify.calls,
		calls: def.rules.calls.map((c) => ({
			count: String(c.count),
			minScore: String(c.minScore),
			minRecordAccuracy: c.minRecordAccuracy === null ? '' : String(c.minRecordAccuracy),
			angryOnly: c.angryOnly,
			scenarios: c.scenarios
		})),
		revokeNonMatching: false
	};
}

export const revokeSchema = z.object({
	reason: z
		.string()
		.trim()
		.min(5, { error: () => m.revoke_reason_min({ min: formatInteger(5) }) })
		.max(500, { error: () => m.form_max_chars({ max: formatInteger(500) }) })
});

/** Verification codes: base32 (RFC 4648 alphabet), 32 characters. Anything else is a 404 without a lookup. */
export const VERIFY_CODE_PATTERN = /^[A-Z2-7]{32}$/;
