import { describe, expect, it } from 'vitest';
import { Vocabulary } from '../domain/call/text-match';
import {
	compareDate,
	compareEmail,
	compareFacts,
	compareIdentifier,
	compareName,
	comparePhone,
	comparePicklist,
	compareTime,
	compareWords,
	type Comparison
} from './comparators';

const vocabulary = new Vocabulary({ rebill: ['re bill', 'reissue'] });
const facts = [
	{ label: 'Actual reading 45102', phrases: ['45102'] },
	{ label: 'Re-bill requested', phrases: ['rebill'] }
];

const cases: [string, () => Comparison, number][] = [
	['accepts a phone number written with different spacing', () => comparePhone('01632960418', '01632 960418'), 1],
	['accepts a UK number written in international format', () => comparePhone('+44 1632 960418', '01632 960418'), 1],
	['gives half credit for a phone number with one wrong digit', () => comparePhone('01632 960419', '01632 960418'), 0.5],
	['gives half credit for a phone number with a digit missing', () => comparePhone('01632 96048', '01632 960418'), 0.5],
	['gives no credit for a different phone number', () => comparePhone('07700 900123', '01632 960418'), 0],
	['gives no credit for text that is not a phone number', () => comparePhone('call me', '01632 960418'), 0],
	['compares e-mail addresses case-insensitively', () => compareEmail('G.Pettifer@Example.org', 'g.pettifer@example.org'), 1],
	['ignores spaces around an e-mail address', () => compareEmail('  a@example.org ', 'a@example.org'), 1],
	['gives half credit for an e-mail with one wrong letter', () => compareEmail('g.petifer@example.org', 'g.pettifer@example.org'), 0.5],
	['gives no credit for a different e-mail address', () => compareEmail('someone@else.com', 'g.pettifer@example.org'), 0],
	['gives no credit for an e-mail without an @', () => compareEmail('g.pettifer.example.org', 'g.pettifer@example.org'), 0],
	['matches names regardless of case', () => compareName('pettifer', 'Pettifer'), 1],
	['matches names regardless of accents', () => compareName('Zoe', 'Zoë'), 1],
	['marks a misspelled surname as partially correct', () => compareName('Petifer', 'Pettifer'), 0.7],
	['gives less credit for a name with two wrong letters', () => compareName('Petifar', 'Pettifer'), 0.4],
	['gives no credit for a different name', () => compareName('Johnson', 'Pettifer'), 0],
	['matches a position title ignoring punctuation', () => compareName('School business manager.', 'School Business Manager'), 1],
	['reads a British date against an ISO date', () => compareDate('19/03/2026', '2026-03-19'), 1],
	['reads a date written in words', () => compareDate('19th March 2026', '2026-03-19'), 1],
	['rejects the wrong day', () => compareDate('2026-03-18', '2026-03-19'), 0],
	['rejects a date that does not exist', () => compareDate('31/02/2026', '2026-02-28'), 0],
	['reads 2:30 pm as 14:30', () => compareTime('2:30 pm', '14:30'), 1],
	['reads 14.30 as 14:30', () => compareTime('14.30', '14:30'), 1],
	['reads 2pm as 14:00', () => compareTime('2pm', '14:00'), 1],
	['takes 2:30 without am/pm as the early morning', () => compareTime('2:30', '14:30'), 0],
	['accepts the exact picklist option', () => comparePicklist('Pending', 'Pending'), 1],
	['rejects a picklist value that differs only in case', () => comparePicklist('pending', 'Pending'), 0],
	['matches account ids ignoring case and spaces', () => compareIdentifier('mer 20931', 'MER-20931'), 1],
	['accepts an address with different punctuation', () => compareWords('Flat 3 41 Marine Parade Brighton BN2 1TL', 'Flat 3, 41 Marine Parade, Brighton BN2 1TL'), 1],
	['gives half credit for an address with a wrong house number', () => compareWords('Flat 3, 14 Marine Parade, Brighton BN2 1TL', 'Flat 3, 41 Marine Parade, Brighton BN2 1TL'), 0.5],
	['accepts a team name with "team" added', () => compareWords('Customer Relations team', 'Customer relations'), 1],
	['gives no credit for a different team', () => compareWords('Billing', 'Customer relations'), 0],
	['credits notes that cover every key fact', () => compareFacts('Reading 45102, rebill sent', facts, vocabulary), 1],
	['credits a key fact written with a synonym', () => compareFacts('Reading 45102; reissue the bill', facts, vocabulary), 1],
	['gives half credit for notes covering one of two facts', () => compareFacts('Reading 45102', facts, vocabulary), 0.5],
	['gives no credit for notes covering no key fact', () => compareFacts('customer angry', facts, vocabulary), 0]
];

describe('typed comparators', () => {
	it.each(cases)('%s', (_name, run, credit) => {
		const result = run();
		expect(result.credit).toBe(credit);
		expect(result.detail === null).toBe(credit === 1);
	});
});
