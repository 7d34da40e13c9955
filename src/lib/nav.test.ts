import { describe, expect, it } from 'vitest';
import { isActive, NAV_ITEMS } from './nav';

describe('isActive', () => {
	it('marks the dashboard only on /', () => {
		expect(isActive('/', '/')).toBe(true);
		expect(isActive('/', '/courses')).toBe(false);
	});

	it('marks an entry on its own pages, not on a longer sibling path', () => {
		expect(isActive('/calls', '/calls/abc/result')).toBe(true);
		expect(isActive('/calls', '/callsx')).toBe(false);
	});

	it('marks Certification on the programme pages and trainee reports it links to', () => {
		const cert = NAV_ITEMS.find((i) => i.href === '/admin/certificates')!;
		expect(isActive(cert.href, '/admin/programmes/new', cert.also)).toBe(true);
		expect(isActive(cert.href, '/trainer/trainees/4/report', cert.also)).toBe(true);
		expect(isActive(cert.href, '/admin/users', cert.also)).toBe(false);
	});
});
