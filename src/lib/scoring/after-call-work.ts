// After-call work: the log, ticket, appointment and acknowledgement e-mail saved, routing, and the time it took.

import type { RecordState } from '../domain/call/crm-record';
import type { TimelineEvent } from '../domain/call/events';
import type { Scenario } from '../schemas/scenario';
import { compareWords } from './comparators';
import { callEndEvidence, closingEvidence } from './evidence';
import type { Deduction, Evidence, FindingNote } from './types';

interface Requirement {
	done: boolean;
	message: string;
	note: FindingNote;
	evidence: Evidence[];
}

export function scoreAfterCallWork(
	scenario: Scenario,
	events: readonly TimelineEvent[],
	record: RecordState
): { score: number; deductions: Deduction[] } {
	const ended = events.findIndex((e) => e.type === 'call_ended');
	const acw = record.acwSavedIndex;
	const requirements: Requirement[] = [];
	const saved = (section: 'interaction' | 'ticket' | 'appointment', code: string, message: string) =>
		requirements.push({ done: record.lastSave[section] !== undefined, message, note: { code }, evidence: closingEvidence(events) });

	saved('interaction', 'log_not_saved', 'The interaction log was never saved.');
	const callback = scenario.truth.interaction.followUpTime;
	if (callback) {
		// a callback task is the saved log's follow-up date and time: without it nobody calls the customer again
		const log = record.lastSave.interaction;
		const { followUpDate, followUpTime } = record.record.interaction;
		requirements.push({
			done: log !== undefined && Boolean(followUpDate?.trim() && followUpTime?.trim()),
			message: 'No callback task (follow-up date and time in the saved interaction log) was set, so nobody will call the customer again.',
			note: { code: 'no_callback_task' },
			evidence: log !== undefined ? [{ eventIndex: log }] : closingEvidence(events)
		});
	}
	if (scenario.truth.ticket) saved('ticket', 'no_ticket', 'No ticket was created.');
	if (scenario.truth.appointment) saved('appointment', 'appointment_not_saved', 'The appointment was never saved.');
	if (scenario.truth.acknowledgement) {
		requirements.push({
			done: record.acknowledgement !== null,
			message: 'No acknowledgement e-mail was sent.',
			note: { code: 'no_acknowledgement' },
			evidence: closingEvidence(events)
		});
	}
	if (scenario.truth.transferTo) {
		const expected = scenario.truth.transferTo;
		const transfer = events.findIndex((e) => e.type === 'transfer');
		const event = events[transfer];
		const right = event?.type === 'transfer' && compareWords(event.to, expected).credit === 1;
		requirements.push({
			done: right,
			message: event?.type === 'transfer' ? `The call was transferred to "${event.to}", not "${expected}".` : `The call was not transferred to ${expected}.`,
			note: event?.type === 'transfer' ? { code: 'transferred_wrong', params: { to: event.to, expected } } : { code: 'not_transferred', params: { expected } },
			evidence: transfer >= 0 ? [{ eventIndex: transfer }] : callEndEvidence(events)
		});
	}
	requirements.push({
		done: acw !== null,
		message: 'After-call work was never completed.',
		note: { code: 'acw_not_completed' },
		evidence: callEndEvidence(events)
	});
	if (acw !== null && ended >= 0) {
		const seconds = Math.round((events[acw].t - events[ended].t) / 1000);
		requirements.push({
			done: seconds <= scenario.afterCallWork.timeLimitSeconds,
			message: `After-call work took ${seconds} s; the limit is ${scenario.afterCallWork.timeLimitSeconds} s.`,
			note: { code: 'acw_too_slow', params: { seconds, limit: scenario.afterCallWork.timeLimitSeconds } },
			evidence: [{ eventIndex: acw }]
		});
	}
	const points = 100 / requirements.length;
	const deductions: Deduction[] = requirements
		.filter((r) => !r.done)
		.map((r) => ({ section: 'afterCallWork', topic: 'afterCallWork', points, message: r.message, note: r.note, evidence: r.evidence }));
	return { score: 100 - deductions.length * points, deductions };
}
