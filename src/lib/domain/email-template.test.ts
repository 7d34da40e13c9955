import { describe, expect, it } from 'vitest';
import { fillTemplate, internalPlaceholdersIn, unfilledMessage, unfilledPlaceholders, WRITE_PROMPT } from './email-template';

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
		expect(unfilledPlaceholders(text)).toEqual(['[customer.email]', '[appointment.meetingDate]', '[agent]']);
	});

	it('leaves text without placeholders alone', () => {
		expect(fillTemplate('Thank you for calling.', context)).toBe('Thank you for calling.');
		expect(unfilledPlaceholders('Thank you [sic].')).toEqual(['[sic]']);
	});
});

describe('customer e-mails and internal notes', () => {
	const context = {
		company: 'Northwind Energy',
		customer: { firstName: 'Denise', surname: 'Okafor' },
		interaction: { notes: 'Customer very rude, threatened to leave. Rebill via ticket.', followUpDate: '2026-03-17' }
	};

	it('never fills the internal interaction notes into an e-mail, even when a template asks for them', () => {
		const text = fillTemplate('Dear {{customer.firstName}},\n{{interaction.notes}}\nBy {{interaction.followUpDate}}', context);
		expect(text).not.toContain('rude');
		expect(text).toBe('Dear Denise,\n[interaction.notes]\nBy 2026-03-17');
		expect(internalPlaceholdersIn('{{ interaction.notes }} and {{customer.firstName}}')).toEqual(['interaction.notes']);
	});

	it('turns a write-in prompt into a marked gap the trainee must replace before sending', () => {
		const text = fillTemplate('Thank you.\n\n{{write: what you agreed with the customer}}\n', context);
		expect(text).toBe(`Thank you.\n\n${WRITE_PROMPT('what you agreed with the customer')}\n`);
		expect(unfilledPlaceholders(text)).toEqual(['[Write here: what you agreed with the customer]']);
		expect(unfilledMessage(text)).toMatch(/still has a part to fill in: \[Write here: what you agreed with the customer\]/);
		expect(unfilledMessage('Thank you, we have paused your direct debit.')).toBeNull();
	});
});
