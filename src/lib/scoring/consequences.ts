// Consequence replay: what happens next for the customer given the record as entered, scripted per scenario
// (scenario.consequences) and set off by the record check's verdict on one field, each linked to that field and to
// the moment on the timeline that caused it.

import type { TimelineEvent } from '../domain/call/events';
import type { Scenario } from '../schemas/scenario';
import { closingEvidence } from './evidence';
import { sectionLabel } from './record-accuracy';
import type { Evidence, FieldResult, FieldVerdict } from './types';

export interface ConsequenceStep {
	/** "section.field" of the record field it follows from */
	field: string;
	/** e.g. "Acknowledgement e-mail › Recipient" */
	label: string;
	verdict: FieldVerdict;
	/** false when something goes wrong for the customer */
	good: boolean;
	text: string;
	/** the edit that set the field, or (never entered) the end of the call's work */
	evidence: Evidence[];
}

export function replayConsequences(
	scenario: Partial<Pick<Scenario, 'consequences'>>,
	fields: readonly FieldResult[],
	events: readonly TimelineEvent[]
): ConsequenceStep[] {
	const steps: ConsequenceStep[] = [];
	// scenario snapshots from before consequences existed have none
	for (const c of scenario.consequences ?? []) {
		const result = fields.find((f) => `${f.section}.${f.field}` === c.field);
		if (!result) continue;
		const bad = c.when.includes(result.verdict);
		const text = bad ? c.text : result.verdict === 'correct' ? c.ok : undefined;
		if (!text) continue;
		const fill = (s: string) => s.replaceAll('{entered}', result.entered ?? '(nothing)').replaceAll('{expected}', result.expected);
		steps.push({
			field: c.field,
			label: `${sectionLabel(result.section)} › ${result.label}`,
			verdict: result.verdict,
			good: !bad,
			text: fill(text),
			evidence: result.evidence.length > 0 ? result.evidence : closingEvidence(events, result.label)
		});
	}
	return steps;
}
