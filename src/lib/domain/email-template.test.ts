import { describe, expect, it } from 'vitest';
import { fillTemplate, unfilledPlaceholders } from './email-template';

describe('fillTemplate', () => {
	const context = {
		company: 'Northwind Broadband',
		reference: 'TCK-1042',
		customer: { firstName: 'Dana', surname: 'Kowalski', email: '' },
		ticket: { subject: 'No broadband since Monday' }
	};

	it('fills nested and top-level placeholders', () => {
		expect(fillTemplate('Dear {{customer.firstName}} {{ customer.surname }}, ref {{reference}} at {{company}}', context)).toBe(
			'Dear Dana Kowalski, ref TCK-1042 at Northwind Broadband'
		);
	});

	it('marks unknown and empty placeholders so the trainee sees what is missing', () => {
		const text = fillTemplate('{{customer.email}} / {{appointment.meetingDate}} / {{agent}}', context);
		expect(text).toBe('[customer.email] / [appointment.meetingDate] / [agent]');
		expect(unfilledPlaceholders(text)).toEqual(['customer.email', 'appointment.meetingDate', 'agent']);
	});

	it('leaves text without placeholders alone', () => {
		expect(fillTemplate('Thank you for calling.', context)).toBe('Thank you for calling.');
		expect(unfilledPlaceholders('Thank you [sic].')).toEqual(['sic']);
	});
});
