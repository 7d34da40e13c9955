import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SCRIPTS } from '../domain/call/scripted-trainees';
import { playMoves } from '../domain/call/dry-run';
import type { TimelineEvent } from '../domain/call/events';
import { loadScenarios, parseScenarioYaml } from '../server/content/scenarios';
import { replayConsequences } from './consequences';
import { expectedFields } from './expected-fields';
import { compileScenario } from '../domain/call/compiled-scenario';
import { scoreCall } from './score-call';

const scenarios = new Map(loadScenarios().map((f) => [f.scenario.slug, f.scenario]));
const billing = scenarios.get('angry-billing-dispute')!;

/** The perfect billing call with the acknowledgement e-mail sent to `to`. */
function billingCall(to: string): TimelineEvent[] {
	return playMoves(billing, SCRIPTS[billing.slug].perfect).timeline.map((e) =>
		e.type === 'acw_saved' && e.email ? { ...e, email: { ...e.email, to } } : e
	);
}

describe('consequence replay', () => {
	it('scripts consequences only on fields the record check compares, in every shipped scenario', () => {
		let n = 0;
		for (const scenario of scenarios.values()) {
			const keys = expectedFields(scenario, compileScenario(scenario).vocabulary).map((f) => `${f.section}.${f.field}`);
			for (const c of scenario.consequences) {
				expect(keys, `${scenario.slug}: ${c.field}`).toContain(c.field);
				n++;
			}
		}
		expect(n).toBeGreaterThanOrEqual(10);
	});

	it('plays a mistyped e-mail forward: the confirmation bounces, linked to the field and the moment it was sent', () => {
		const events = billingCall('denise.okafor@exmaple.net');
		const score = scoreCall(billing, events);
		const steps = replayConsequences(billing, score.fields, events);
		const email = steps.find((s) => s.field === 'acknowledgement.to')!;
		expect(email).toMatchObject({ good: false, verdict: 'partial', label: 'Acknowledgement e-mail › Recipient' });
		expect(email.text).toContain('sent to denise.okafor@exmaple.net, which does not exist');
		expect(events[email.evidence[0].eventIndex].type).toBe('acw_saved');
	});

	it('tells the good outcome when the field is right, and nothing for a right field without one', () => {
		const events = billingCall('denise.okafor@example.net');
		const score = scoreCall(billing, events);
		const steps = replayConsequences(billing, score.fields, events);
		expect(steps.find((s) => s.field === 'acknowledgement.to')).toMatchObject({ good: true, text: expect.stringContaining('at denise.okafor@example.net') });
		expect(steps.every((s) => s.good)).toBe(true);
	});

	it('points a field never entered at the end of the call, and fills {entered} with "(nothing)"', () => {
		const events = playMoves(billing, SCRIPTS[billing.slug].perfect).timeline.filter(
			(e) => !(e.type === 'crm_change' && e.field === 'followUpDate') && !(e.type === 'crm_save' && e.section === 'interaction')
		);
		const score = scoreCall(billing, events);
		const follow = replayConsequences(billing, score.fields, events).find((s) => s.field === 'interaction.followUpDate')!;
		expect(follow).toMatchObject({ good: false, verdict: 'missing' });
		expect(follow.text).toMatch(/^No follow-up date was set/);
		expect(['acw_saved', 'call_ended']).toContain(events[follow.evidence[0].eventIndex].type);
		const filled = replayConsequences({ consequences: [{ field: 'interaction.followUpDate', when: ['missing'], text: 'Entered {entered}, not {expected}.' }] }, score.fields, events);
		expect(filled[0].text).toBe('Entered (nothing), not 2026-03-17.');
	});

	it('refuses, with its line, a consequence on a field the scenario does not check', () => {
		const yaml = readFileSync('content/scenarios/angry-billing-dispute.yaml', 'utf8').replace(
			'  - field: interaction.followUpDate',
			'  - field: appointment.meetingDate'
		);
		const parsed = parseScenarioYaml(yaml);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(JSON.stringify(parsed.issues)).toMatch(/appointment\.meetingDate.*is not a field this scenario's truth checks/);
	});
});
