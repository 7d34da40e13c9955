// The incremental CRM fold the server appends with equals the fold of the whole timeline, at every split point.
import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../../server/content/scenarios';
import { applyToRecord, recordFromTimeline } from './crm-record';
import { playMoves } from './dry-run';
import { SCRIPTS } from './scripted-trainees';
import { emptyCrmRecord } from '../crm';
import type { TimelineEvent } from './events';

describe('applyToRecord', () => {
	const scenarios = loadScenarios().map((f) => f.scenario).filter((s) => SCRIPTS[s.slug]);

	it('gives the record of the whole timeline from the record of any prefix plus the rest, for every scripted call', () => {
		expect(scenarios.length).toBeGreaterThan(2);
		let checked = 0;
		for (const scenario of scenarios) {
			for (const script of Object.values(SCRIPTS[scenario.slug])) {
				const { timeline } = playMoves(scenario, script);
				const whole = recordFromTimeline(timeline).record;
				for (let cut = 0; cut <= timeline.length; cut++) {
					const prefix = recordFromTimeline(timeline.slice(0, cut)).record;
					expect(applyToRecord(prefix, timeline.slice(cut), cut)).toEqual(whole);
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(100);
	});

	it('leaves the record it starts from unchanged, and ignores fields the CRM does not have', () => {
		const start = emptyCrmRecord();
		const events: TimelineEvent[] = [
			{ type: 'crm_change', t: 1, section: 'customer', field: 'firstName', value: 'Ada' },
			{ type: 'crm_change', t: 2, section: 'customer', field: 'notAField', value: 'x' }
		] as TimelineEvent[];
		const after = applyToRecord(start, events, 0);
		expect(start).toEqual(emptyCrmRecord());
		expect((after.customer as Record<string, string>).firstName).toBe('Ada');
		expect(after).toEqual(recordFromTimeline(events).record);
	});
});
