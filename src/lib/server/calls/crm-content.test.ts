import { describe, expect, it } from 'vitest';
import { loadCrmContent, parseEmailTemplates } from './crm-content';
import { fillTemplate, internalPlaceholdersIn } from '$lib/domain/email-template';

describe('acknowledgement e-mail templates', () => {
	it('none of the shipped templates pastes the internal notes into a customer e-mail', () => {
		const { templates } = loadCrmContent();
		expect(templates.length).toBeGreaterThan(0);
		for (const t of templates) expect(internalPlaceholdersIn(`${t.subject}\n${t.body}`), t.id).toEqual([]);
		const general = templates.find((t) => t.id === 'general-follow-up')!;
		const filled = fillTemplate(general.body, { company: 'Northwind', interaction: { notes: 'INTERNAL: caller swore twice' } });
		expect(filled).not.toContain('INTERNAL');
		expect(filled).toContain('[Write here: what you agreed with the customer');
	});

	it('refuses a template that uses the interaction notes, naming the file and line', () => {
		const source = '- id: oops\n  name: Oops\n  subject: Hello\n  body: |\n    Dear you,\n    {{interaction.notes}}\n';
		expect(() => parseEmailTemplates(source, 'content/crm/email-templates.yaml')).toThrow(
			/content\/crm\/email-templates\.yaml:4: 0\.body: must not use internal fields \(interaction\.notes\)/
		);
	});
});
