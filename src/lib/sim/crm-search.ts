// The mock CRM's customer search: by phone (any formatting, Bengali digits too), name (any order, partial words, any
// script) or account number.
import { latinDigits } from '$lib/domain/bengali';

export interface SearchableCustomer {
	firstName: string;
	surname: string;
	phone: string;
	email: string;
	account: { id: string };
}

const fold = (s: string) =>
	latinDigits(s)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();
const digitsOf = (s: string) => s.replace(/\D/g, '');

/**
 * Significant digits of a phone number: drops a leading 0 or country code 44 (UK) or 880 (Bangladesh) so "07700…"
 * finds "+44 7700…" and "০১৭১১…" finds "+880 1711…".
 */
function nationalDigits(s: string): string {
	const d = digitsOf(latinDigits(s));
	if (d.startsWith('44')) return d.slice(2);
	if (d.startsWith('880')) return d.slice(3);
	if (d.startsWith('0')) return d.slice(1);
	return d;
}

export function matchesCustomer(customer: SearchableCustomer, query: string): boolean {
	const q = fold(query.trim());
	if (q.length < 2) return false;
	const qDigits = digitsOf(q);
	if (qDigits.length >= 4 && qDigits.length >= q.replace(/[\s+()-]/g, '').length - 3) {
		if (nationalDigits(customer.phone).includes(nationalDigits(q)) || digitsOf(customer.account.id).includes(qDigits)) return true;
	}
	if (fold(customer.account.id).replace(/[^a-z0-9]/g, '') === q.replace(/[^a-z0-9]/g, '')) return true;
	if (fold(customer.email) === q) return true;
	const name = fold(`${customer.firstName} ${customer.surname}`);
	return q.split(/\s+/).every((word) => name.split(/\s+/).some((part) => part.startsWith(word)));
}

export function searchCustomers<C extends SearchableCustomer>(customers: readonly C[], query: string, limit = 8): C[] {
	return customers.filter((c) => matchesCustomer(c, query)).slice(0, limit);
}
