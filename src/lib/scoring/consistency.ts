// Said vs entered: a value the trainee read back to the caller that differs from what they typed.

import type { CountryCode } from 'libphonenumber-js';
import type { RecordState } from '../domain/call/crm-record';
import type { TraineeLine } from './trainee-lines';
import { normalisePhone, parseDate, parseTime } from './comparators';
import { formatMinutes, isNearMiss, spokenDates, spokenEmails, spokenPhones, spokenTimes } from './spoken-values';
import type { Deduction, Inconsistency } from './types';

type Kind = Inconsistency['kind'];

const TYPED_FIELDS: { kind: Kind; section: 'customer' | 'interaction' | 'appointment'; field: string }[] = [
	{ kind: 'phone', section: 'customer', field: 'phone' },
	{ kind: 'email', section: 'customer', field: 'email' },
	{ kind: 'phone', section: 'appointment', field: 'phone' },
	{ kind: 'email', section: 'appointment', field: 'email' },
	{ kind: 'date', section: 'appointment', field: 'meetingDate' },
	{ kind: 'time', section: 'appointment', field: 'meetingTime' },
	{ kind: 'date', section: 'interaction', field: 'followUpDate' },
	{ kind: 'time', section: 'interaction', field: 'followUpTime' }
];

/** Points lost per inconsistency, out of 100. */
const POINTS_PER_INCONSISTENCY = 50;

export function findInconsistencies(
	lines: readonly TraineeLine[],
	record: RecordState,
	callYear: number,
	country: CountryCode = 'GB'
): Inconsistency[] {
	const said = lines
		.filter((line) => line.analysis.intents.has('readback') || line.analysis.intents.has('summary'))
		.map((line) => ({
			index: line.index,
			values: {
				phone: spokenPhones(line.text, country),
				email: spokenEmails(line.text),
				date: spokenDates(line.text, callYear),
				time: spokenTimes(line.text).map(formatMinutes)
			} satisfies Record<Kind, string[]>
		}));
	const found: Inconsistency[] = [];
	for (const { kind, section, field } of TYPED_FIELDS) {
		const raw = (record.record[section] as Record<string, string | undefined>)[field];
		const entered = raw === undefined ? null : canonical(kind, raw, country);
		if (entered === null) continue;
		const everSaid = said.some((s) => s.values[kind].includes(entered));
		if (everSaid) continue;
		const miss = [...said].reverse().find((s) => s.values[kind].some((v) => isNearMiss(kind, v, entered)));
		if (!miss) continue;
		found.push({
			kind,
			said: miss.values[kind].find((v) => isNearMiss(kind, v, entered))!,
			entered: raw!.trim(),
			section,
			field,
			evidence: [{ eventIndex: miss.index, note: 'read back' }, { eventIndex: record.lastEdit[section][field], note: 'typed' }]
		});
	}
	return found;
}

function canonical(kind: Kind, value: string, country: CountryCode): string | null {
	switch (kind) {
		case 'phone':
			return normalisePhone(value, country);
		case 'email':
			return value.trim() === '' ? null : value.trim().toLowerCase();
		case 'date':
			return parseDate(value);
		case 'time': {
			const minutes = parseTime(value);
			return minutes === null ? null : formatMinutes(minutes);
		}
	}
}

export function scoreConsistency(inconsistencies: readonly Inconsistency[]): { score: number; deductions: Deduction[] } {
	let remaining = 100;
	const deductions: Deduction[] = [];
	for (const item of inconsistencies) {
		const points = Math.min(remaining, POINTS_PER_INCONSISTENCY);
		if (points <= 0) break;
		remaining -= points;
		deductions.push({
			section: 'consistency',
			topic: 'consistency',
			points,
			message: `You said ${item.said} but typed ${item.entered} (${item.section} ${item.field}).`,
			note: { code: 'said_typed', params: { said: item.said, entered: item.entered, section: item.section, field: item.field } },
			evidence: item.evidence
		});
	}
	return { score: remaining, deductions };
}
