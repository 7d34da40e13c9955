// Fills an acknowledgement e-mail template from the call's CRM record. Placeholders are {{path}} with a dotted
// path into the context (customer.firstName, ticket.subject, reference…); unknown or empty ones become "[…]"
// so the trainee sees what is still missing before sending. {{write: …}} asks the trainee to write a passage
// in their own words. Internal CRM fields (the interaction notes) never go into a customer's e-mail.

import { m } from '../paraglide/messages';
import { formatInteger } from '../i18n/format';

export type TemplateContext = Record<string, string | Record<string, string | undefined> | undefined>;

export const MISSING_PLACEHOLDER = (path: string) => `[${path}]`;
/** What a {{write: …}} prompt becomes in the e-mail until the trainee replaces it. */
export const WRITE_PROMPT = (what: string) => `[Write here: ${what}]`;

/** Record fields written for colleagues, not customers: a template may not use them. */
export const INTERNAL_PLACEHOLDERS: readonly string[] = ['interaction.notes'];

const PLACEHOLDER = /\{\{\s*([a-zA-Z][\w.]*)\s*\}\}/g;
const PROMPT = /\{\{\s*write:\s*([^}\n]+?)\s*\}\}/g;

function lookup(context: TemplateContext, path: string): string | undefined {
	const [head, ...rest] = path.split('.');
	const value = context[head];
	if (rest.length === 0) return typeof value === 'string' ? value : undefined;
	if (typeof value !== 'object' || value === null) return undefined;
	const inner = value[rest.join('.')];
	return typeof inner === 'string' ? inner : undefined;
}

export function fillTemplate(template: string, context: TemplateContext): string {
	return template
		.replace(PROMPT, (_m, what: string) => WRITE_PROMPT(what))
		.replace(PLACEHOLDER, (_m, path: string) => {
			const value = INTERNAL_PLACEHOLDERS.includes(path) ? undefined : lookup(context, path)?.trim();
			return value ? value : MISSING_PLACEHOLDER(path);
		});
}

/** The internal fields a template uses (empty when it is fit to send to customers). */
export function internalPlaceholdersIn(template: string): string[] {
	return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((p) => INTERNAL_PLACEHOLDERS.includes(p)))];
}

/** The placeholders and write-in prompts still unfilled in a text, as shown there ("[ticket.subject]", "[Write here: …]"). */
export function unfilledPlaceholders(text: string): string[] {
	const found = [...text.matchAll(/\[([a-zA-Z][\w.]*)\]|\[Write here: [^\]\n]*\]/g)].map((m) => m[0]);
	return [...new Set(found)];
}

/** The sentence shown (and sent back by the API) when an e-mail still has unfilled parts; null when it has none. */
export function unfilledMessage(text: string): string | null {
	const missing = unfilledPlaceholders(text);
	if (!missing.length) return null;
	const list = missing.join(', ');
	return missing.length === 1 ? m.ack_unfilled_one({ list }) : m.ack_unfilled_other({ count: formatInteger(missing.length), list });
}
