// Fills an acknowledgement e-mail template from the call's CRM record. Placeholders are {{path}} with a dotted
// path into the context (customer.firstName, ticket.subject, reference…); unknown or empty ones become "[…]"
// so the trainee sees what is still missing before sending.

export type TemplateContext = Record<string, string | Record<string, string | undefined> | undefined>;

export const MISSING_PLACEHOLDER = (path: string) => `[${path}]`;

function lookup(context: TemplateContext, path: string): string | undefined {
	const [head, ...rest] = path.split('.');
	const value = context[head];
	if (rest.length === 0) return typeof value === 'string' ? value : undefined;
	if (typeof value !== 'object' || value === null) return undefined;
	const inner = value[rest.join('.')];
	return typeof inner === 'string' ? inner : undefined;
}

export function fillTemplate(template: string, context: TemplateContext): string {
	return template.replace(/\{\{\s*([a-zA-Z][\w.]*)\s*\}\}/g, (_m, path: string) => {
		const value = lookup(context, path)?.trim();
		return value ? value : MISSING_PLACEHOLDER(path);
	});
}

/** The placeholders of a template still unfilled in a text (e.g. "[ticket.subject]"). */
export function unfilledPlaceholders(text: string): string[] {
	return [...new Set([...text.matchAll(/\[([a-zA-Z][\w.]*)\]/g)].map((m) => m[1]))];
}
