// Pinned agent lines (issue #16): factual statements, apologies and courteous lines never make the caller angrier
// through their tone; rude lines always do (through their words or their tone). Real tone model, real matcher.
import { describe, expect, it } from 'vitest';
import { angerCausesOfUtterance } from '../domain/call/anger';
import { analyseUtterance, compileScenario } from '../domain/call/compiled-scenario';
import { loadScenarios } from '../server/content/scenarios';
import { estimateTextTone } from '../server/ml/tone';

const scenario = loadScenarios().find((f) => f.scenario.slug === 'angry-billing-dispute')!.scenario;
const compiled = compileScenario(scenario);
const causesOf = (line: string) =>
	angerCausesOfUtterance(scenario.anger.dynamics, { apologies: 0, acknowledgements: 0 }, analyseUtterance(compiled, line), estimateTextTone(line, { speaker: 'agent' }), false);

const NEVER_RAISE = [
	'The bill used an estimated reading of 48210 instead of an actual reading.',
	'Nobody read your meter, so the system guessed.',
	'Your direct debit is due on the 18th of each month.',
	'The reading on your bill is 48210 and the photo you sent says 45102.',
	'I am so sorry, that should never have happened.',
	'I apologise for the wait.',
	'I completely understand how frustrating this is.',
	'That is really frustrating, I get it.',
	'Is there anything else I can do for you today, Denise?',
	'Thank you for calling Meridian Energy, have a lovely day.',
	'I can see why you are upset, a bill like that is a shock.',
	'Thank you for holding, Denise.',
	'I have raised a ticket for the billing team to reissue the bill.',
	'Your account shows the February email was closed without updating the reading.',
	'Can I take your date of birth and postcode, please?'
];

const ALWAYS_RAISE = [
	'That is not my problem, you should have sent the reading.',
	'Calm down, there is no need to shout.',
	'As I already said, there is nothing I can do.',
	'You obviously did not read the letter.',
	'It is your own fault for not checking.'
];

describe('tone feedback on pinned agent lines', () => {
	it.each(NEVER_RAISE)('"%s" never makes the caller angrier', (line) => {
		const raising = causesOf(line).filter((c) => c.delta > 0);
		expect(raising).toEqual([]);
	});
	it.each(ALWAYS_RAISE)('"%s" makes the caller angrier', (line) => {
		const total = causesOf(line).reduce((sum, c) => sum + c.delta, 0);
		expect(total).toBeGreaterThan(0);
	});
});
