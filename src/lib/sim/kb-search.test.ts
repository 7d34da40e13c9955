import { describe, expect, it } from 'vitest';
import { searchKb } from './kb-search';

const kb = [
	{ id: 'billing', title: 'Billing disputes and refunds', summary: 'Disputed charges.', tags: ['billing', 'refund'] },
	{ id: 'identity', title: "Verifying a caller's identity", summary: 'Checks before disclosure.', tags: ['security'] }
];

describe('searchKb', () => {
	it('lists every article for an empty query', () => {
		expect(searchKb(kb, ' ').map((a) => a.id)).toEqual(['billing', 'identity']);
	});
	it('needs every word to match title, tags or summary', () => {
		expect(searchKb(kb, 'Refund').map((a) => a.id)).toEqual(['billing']);
		expect(searchKb(kb, 'security checks').map((a) => a.id)).toEqual(['identity']);
		expect(searchKb(kb, 'refund security')).toEqual([]);
	});
});
