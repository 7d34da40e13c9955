// Filters of the audit-log viewer and its CSV export (query string).
import { z } from 'zod';
import { m } from '../paraglide/messages';

const date = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.audit_date_format({ example: '2026-05-31' }) })
	.optional()
	.or(z.literal('').transform(() => undefined));

export const auditFilterSchema = z.object({
	actor: z.string().regex(/^\d{1,9}$/).optional().or(z.literal('').transform(() => undefined)).transform((v) => (v ? Number(v) : undefined)),
	action: z.string().max(80).optional().transform((v) => v || undefined),
	entityType: z.string().max(40).optional().transform((v) => v || undefined),
	entityId: z.string().max(80).optional().transform((v) => v?.trim() || undefined),
	from: date,
	to: date,
	page: z.string().regex(/^\d{1,6}$/).optional().transform((v) => Math.max(1, Number(v ?? 1)))
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export function auditFilterFromUrl(url: URL): { filter: AuditFilter; errors: Record<string, string> } {
	const raw = Object.fromEntries([...url.searchParams.entries()].filter(([k]) => k in auditFilterSchema.shape));
	const parsed = auditFilterSchema.safeParse(raw);
	if (parsed.success) return { filter: parsed.data, errors: {} };
	const errors: Record<string, string> = {};
	for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
	// Keep the valid filters, drop the bad ones, so the page still shows something useful.
	const cleaned = Object.fromEntries(Object.entries(raw).filter(([k]) => !(k in errors)));
	return { filter: auditFilterSchema.parse(cleaned), errors };
}
