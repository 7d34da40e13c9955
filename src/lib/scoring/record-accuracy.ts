// Record accuracy and completeness: each expected field compared with what the trainee entered.

import type { RecordState } from '../domain/call/crm-record';
import type { TimelineEvent } from '../domain/call/events';
import { callEndEvidence, closingEvidence } from './evidence';
import type { ExpectedField } from './expected-fields';
import type { Deduction, FieldResult } from './types';

export interface RecordScores {
	fields: FieldResult[];
	accuracy: { score: number; deductions: Deduction[] };
	completeness: { score: number; deductions: Deduction[] };
}

/** Share of the expected record (by weight) needed before accuracy can be earned in full. */
export const MIN_COVERAGE = 0.5;

export function scoreRecord(
	expected: readonly ExpectedField[],
	entered: RecordState,
	events: readonly TimelineEvent[]
): RecordScores {
	const fields = expected.map((field) => compareField(field, entered, events));
	const enteredWeight = expected.reduce((sum, f, i) => sum + (fields[i].entered === null ? 0 : f.weight), 0);
	const totalWeight = expected.reduce((sum, f) => sum + f.weight, 0);

	const accuracyDeductions: Deduction[] = [];
	if (enteredWeight === 0) {
		accuracyDeductions.push({
			section: 'accuracy',
			topic: 'accuracy',
			points: 100,
			message: 'Nothing of the expected record was entered.',
			note: { code: 'record_empty' },
			evidence: closingEvidence(events)
		});
	}
	expected.forEach((field, i) => {
		const result = fields[i];
		if (result.entered === null || result.credit >= 1) return;
		accuracyDeductions.push({
			section: 'accuracy',
			topic: 'accuracy',
			points: ((1 - result.credit) * field.weight * 100) / enteredWeight,
			message: `${sectionLabel(field.section)} ${field.label.toLowerCase()}: ${result.detail ?? 'not correct'}.`,
			note: { code: 'field_inaccurate', params: fieldParams(field), detail: result.note ?? { code: 'not_correct' } },
			evidence: result.evidence
		});
	});

	// accuracy is judged on what was entered, but a record that is mostly empty cannot earn it in full: below half of
	// the expected record, the accuracy left over shrinks in proportion (one correct account id is not an accurate record)
	const coverage = totalWeight === 0 ? 1 : enteredWeight / totalWeight;
	if (enteredWeight > 0 && coverage < MIN_COVERAGE) {
		const left = 100 - sum(accuracyDeductions);
		accuracyDeductions.push({
			section: 'accuracy',
			topic: 'accuracy',
			points: left * (1 - coverage / MIN_COVERAGE),
			message: `Only ${Math.round(coverage * 100)} % of the expected record was entered, too little to count as an accurate record.`,
			note: { code: 'record_coverage_low', params: { percent: Math.round(coverage * 100) } },
			evidence: closingEvidence(events)
		});
	}

	const completenessDeductions: Deduction[] = [];
	expected.forEach((field, i) => {
		if (fields[i].entered !== null) return;
		const saved = field.section === 'acknowledgement' ? entered.acwSavedIndex : entered.lastSave[field.section];
		completenessDeductions.push({
			section: 'completeness',
			topic: 'completeness',
			points: (field.weight * 100) / totalWeight,
			message: `${sectionLabel(field.section)} ${field.label.toLowerCase()} was left empty.`,
			note: { code: 'field_empty', params: fieldParams(field) },
			evidence: saved === undefined || saved === null ? callEndEvidence(events) : [{ eventIndex: saved }]
		});
	});

	return {
		fields,
		accuracy: { score: 100 - sum(accuracyDeductions), deductions: accuracyDeductions },
		completeness: { score: 100 - sum(completenessDeductions), deductions: completenessDeductions }
	};
}

function compareField(field: ExpectedField, state: RecordState, events: readonly TimelineEvent[]): FieldResult {
	let value: string | undefined;
	let evidenceIndex: number | undefined;
	if (field.section === 'acknowledgement') {
		const email = state.acknowledgement;
		value = email ? (field.field === 'to' ? email.to : `${email.subject}\n${email.body}`) : undefined;
		evidenceIndex = state.acwSavedIndex ?? undefined;
	} else {
		value = (state.record[field.section] as Record<string, string | undefined>)[field.field];
		evidenceIndex = state.lastEdit[field.section][field.field];
	}
	const base = { section: field.section, field: field.field, label: field.label, expected: field.expected };
	if (value === undefined || value.trim() === '') {
		return { ...base, entered: null, credit: 0, verdict: 'missing', detail: 'not entered', note: { code: 'not_entered' }, evidence: [] };
	}
	const { credit, detail, note } = field.compare(value);
	const evidence = evidenceIndex === undefined ? closingEvidence(events) : [{ eventIndex: evidenceIndex, note: field.label }];
	return {
		...base,
		entered: value,
		credit,
		verdict: credit >= 1 ? 'correct' : credit > 0 ? 'partial' : 'wrong',
		detail,
		...(note ? { note } : {}),
		evidence
	};
}

/** Which field a record deduction is about: its section and name (words for pages), and the English label. */
const fieldParams = (field: ExpectedField) => ({ section: field.section, field: field.field, label: field.label });

const SECTION_LABELS: Record<FieldResult['section'], string> = {
	customer: 'Customer',
	interaction: 'Interaction log',
	ticket: 'Ticket',
	appointment: 'Appointment',
	acknowledgement: 'Acknowledgement e-mail'
};

export function sectionLabel(section: FieldResult['section']): string {
	return SECTION_LABELS[section];
}

export function sum(deductions: readonly Deduction[]): number {
	return deductions.reduce((total, d) => total + d.points, 0);
}
