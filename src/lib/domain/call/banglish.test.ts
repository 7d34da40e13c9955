import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../../server/content/scenarios';
import { analyseUtterance, compileScenario } from './compiled-scenario';
import { respellBanglish } from './banglish';

const scenarios = new Map(loadScenarios().map((f) => [f.scenario.slug, f.scenario]));
const compiled = (slug: string) => compileScenario(scenarios.get(slug)!);
// the matcher keeps Bengali in NFKD (ো, য় one way however typed): compare letters, not code points
const nfc = (s: string) => s.normalize('NFC');

describe('Banglish in a Bengali scenario', () => {
	it('respells a Latin word as the one Bengali phrase word with its consonant skeleton, however it is spelled', () => {
		const { banglish } = compiled('bn-angry-electricity-bill');
		expect(banglish).not.toBeNull();
		expect(nfc(respellBanglish(banglish!, 'anumanik hishabe'))).toContain('আনুমানিক');
		for (const spelling of ['mowkuf', 'mokuf', 'moukuf']) expect(nfc(respellBanglish(banglish!, spelling)), spelling).toBe('মওকুফ');
		expect(nfc(respellBanglish(banglish!, 'songshodhon'))).toBe('সংশোধন');
	});

	it('leaves English words the phrases use, short words, and words of faults alone', () => {
		const { banglish } = compiled('bn-angry-electricity-bill');
		expect(respellBanglish(banglish!, 'bill')).toBe('bill');
		expect(respellBanglish(banglish!, 'ok')).toBe('ok');
		// "timer" has the skeleton of তোমার, a word of informal address: never an accusation by coincidence of spelling
		expect(respellBanglish(banglish!, 'timer')).toBe('timer');
		expect(analyseUtterance(compiled('bn-angry-electricity-bill'), 'the timer is set').intents.has('informal_address')).toBe(false);
	});

	it('reads a question ending on "to" as ending on the particle তো, and other "to" as English', () => {
		const { banglish } = compiled('bn-sme-loan-appointment');
		expect(respellBanglish(banglish!, 'thik ache to?')).toBe('thik ache তো?');
		expect(respellBanglish(banglish!, 'I will send it to you')).toBe('I will send it to you');
	});

	it('moves the call on when the agent explains in Banglish what the caller waits to hear', () => {
		const bill = compiled('bn-angry-electricity-bill');
		expect([...analyseUtterance(bill, 'ei mashe meter reading neya hoyni, tai anumanik hishabe bill kora hoyeche').intents.keys()]).toContain('explain_estimate');
		expect([...analyseUtterance(bill, 'notun bill na asha porjonto kono late fee lagbe na, ami mowkuf kore dicchi').intents.keys()]).toContain('waive_late_fee');
		expect([...analyseUtterance(compiled('bn-sme-loan-appointment'), 'Brihospotibar 19 March sokal 11:30, thik ache to?').intents.keys()]).toContain('readback');
	});

	it('is off in English scenarios', () => {
		expect(compiled('angry-billing-dispute').banglish).toBeNull();
	});
});
