import { describe, expect, it } from 'vitest';
import { searchCustomers } from './crm-search';

const customer = (firstName: string, surname: string, phone: string, id: string) => ({
	firstName,
	surname,
	phone,
	email: `${firstName}.${surname}@example.com`.toLowerCase(),
	account: { id }
});
const people = [
	customer('Dana', 'Kowalski', '+44 7700 900123', 'AC-200481'),
	customer('Daniel', 'Okafor', '+44 7700 900461', 'AC-100231'),
	customer('Zoë', 'Brennan', '+44 20 7946 0321', 'AC-103312')
];
const names = (q: string) => searchCustomers(people, q).map((c) => c.surname);

describe('searchCustomers', () => {
	it.each([
		['07700 900123', ['Kowalski']],
		['+447700900461', ['Okafor']],
		['900123', ['Kowalski']],
		['AC-200481', ['Kowalski']],
		['ac200481', ['Kowalski']],
		['200481', ['Kowalski']],
		['kowal', ['Kowalski']],
		['dan', ['Kowalski', 'Okafor']],
		['okafor daniel', ['Okafor']],
		['zoe', ['Brennan']],
		['dana.kowalski@example.com', ['Kowalski']],
		['d', []],
		['smith', []]
	])('finds %s', (query, expected) => {
		expect(names(query)).toEqual(expected);
	});
});
