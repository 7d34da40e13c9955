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

describe('customer search in a Bengali call', () => {
	const bn = [
		{ firstName: 'শাহানা', surname: 'আক্তার', phone: '01711-223344', email: 'shahana.akter@example.com.bd', account: { id: 'ALO-30417' } },
		{ firstName: 'আরিফ', surname: 'হোসেন', phone: '+880 1912-345678', email: 'arif.hossain@example.com.bd', account: { id: 'DRK-77120' } }
	];
	it.each([
		['০১৭১১-২২৩৩৪৪', 'আক্তার'],
		['১৭১১২২৩৩৪৪', 'আক্তার'],
		['+৮৮০ ১৭১১ ২২৩৩৪৪', 'আক্তার'],
		['01912345678', 'হোসেন'],
		['শাহানা', 'আক্তার'],
		['আরিফ হোসেন', 'হোসেন'],
		['৩০৪১৭', 'আক্তার']
	])('finds %s', (query, surname) => {
		expect(searchCustomers(bn, query).map((c) => c.surname)).toEqual([surname]);
	});
});
