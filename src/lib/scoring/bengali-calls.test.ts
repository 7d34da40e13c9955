// Bengali calls scored end to end (issue #13): the honorific check, Bengali digits in the record and in read-backs.
import { describe, expect, it } from 'vitest';
import { playMoves, type TraineeMove } from '../domain/call/dry-run';
import { loadScenarios } from '../server/content/scenarios';
import { scoreCall } from './score-call';

const scenario = loadScenarios().find((f) => f.scenario.slug === 'bn-sme-loan-appointment')!.scenario;

function score(lines: string[], extra: TraineeMove[] = []) {
	const moves: TraineeMove[] = [...lines.map((text) => ({ type: 'trainee_utterance', text }) as TraineeMove), ...extra];
	const { timeline } = playMoves(scenario, moves);
	return scoreCall(scenario, timeline);
}

describe('a Bengali call', () => {
	it('credits আপনি and faults তুমি / তুই to a customer', () => {
		const polite = score(['আসসালামু আলাইকুম, সঞ্চয় ব্যাংক থেকে সামি বলছি।', 'আপনার কোন দিন সুবিধা হবে?']);
		expect(polite.etiquette.find((c) => c.item === 'respectfulAddress')?.passed).toBe(true);
		for (const rude of ['তুমি কবে আসবে?', 'তোর কোন দিন সুবিধা?', 'Tumi kobe ashbe?']) {
			const check = score(['আসসালামু আলাইকুম, সঞ্চয় ব্যাংক থেকে সামি বলছি।', rude]).etiquette.find((c) => c.item === 'respectfulAddress');
			expect(check?.passed, rude).toBe(false);
		}
	});
	it('scores an appointment typed in Bengali digits as correct', () => {
		const result = score(
			['আসসালামু আলাইকুম, সঞ্চয় ব্যাংক থেকে সামি বলছি।'],
			[
				{ type: 'crm_change', section: 'appointment', field: 'meetingDate', value: '১৯/০৩/২০২৬' },
				{ type: 'crm_change', section: 'appointment', field: 'meetingTime', value: 'সকাল ১১:৩০' },
				{ type: 'crm_change', section: 'appointment', field: 'phone', value: '০১৮১৯-৪৫৬৭৮৯' },
				{ type: 'crm_change', section: 'appointment', field: 'firstName', value: 'Nusrat' }
			]
		);
		const verdict = (field: string) => result.fields.find((f) => f.section === 'appointment' && f.field === field)?.verdict;
		expect(verdict('meetingDate')).toBe('correct');
		expect(verdict('meetingTime')).toBe('correct');
		expect(verdict('phone')).toBe('correct');
		expect(verdict('firstName')).toBe('correct');
	});
	it('notices a read-back in Bengali digits that differs from what was typed', () => {
		const result = score(
			['আসসালামু আলাইকুম, সঞ্চয় ব্যাংক থেকে সামি বলছি।', 'তাহলে মিলিয়ে নিই, আপনার নম্বর ০১৮১৯-৪৫৬৭৮৮, ঠিক আছে তো?'],
			[{ type: 'crm_change', section: 'appointment', field: 'phone', value: '০১৮১৯-৪৫৬৭৮৯' }]
		);
		expect(result.inconsistencies.map((i) => i.kind)).toContain('phone');
	});
});
