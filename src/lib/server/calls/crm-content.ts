// The mock CRM's own content: knowledge-base articles (content/kb/*.md), acknowledgement e-mail templates
// and the decoy customers around each scenario's caller (content/crm/*.yaml). Validated with zod on first
// use; a bad file fails loudly with path:line.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { scenarioSchema, type ScenarioCaller } from '$lib/schemas/scenario';
import { renderMarkdownToHtml } from '$lib/server/content/markdown';
import { INTERNAL_PLACEHOLDERS, internalPlaceholdersIn } from '$lib/domain/email-template';

const text = z.string().trim().min(1, { error: () => m.api_not_empty() });

const kbFrontmatterSchema = z.strictObject({
	title: text,
	tags: z.array(text).min(1, { error: () => m.crm_err_one_tag() }),
	summary: text
});

/** Customer e-mail text: internal record fields (the interaction notes) may not be pasted into it. */
const customerText = text.refine((t) => internalPlaceholdersIn(t).length === 0, {
	error: () => m.crm_err_internal_fields({ fields: INTERNAL_PLACEHOLDERS.join(', '), write: '{{write: …}}' })
});

const emailTemplateSchema = z.strictObject({
	id: z.string().regex(/^[a-z0-9-]+$/, { error: () => m.crm_err_id() }),
	name: text,
	subject: customerText,
	body: customerText
});

export interface KbArticle {
	id: string;
	title: string;
	summary: string;
	tags: string[];
	html: string;
}

export type EmailTemplate = z.infer<typeof emailTemplateSchema>;

export class CrmContentError extends Error {}

function contentRoot(): string {
	return resolve(process.env.CONTENT_DIR ?? 'content');
}

/** Parse YAML text against a schema; issues name the file and line. */
function parseYaml<S extends z.ZodType>(source: string, schema: S, path: string, firstLine = 1): z.infer<S> {
	const counter = new LineCounter();
	const doc = parseDocument(source, { lineCounter: counter, uniqueKeys: true });
	if (doc.errors.length) {
		const err = doc.errors[0];
		throw new CrmContentError(`${path}:${firstLine - 1 + (err.linePos?.[0].line ?? 1)}: bad YAML: ${err.message.split('\n')[0]}`);
	}
	const parsed = schema.safeParse(doc.toJS());
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	let line = firstLine;
	for (let n = issue.path.length; n >= 0; n--) {
		const node = doc.getIn(issue.path.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
		if (node?.range) {
			line = firstLine - 1 + counter.linePos(node.range[0]).line;
			break;
		}
	}
	const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
	throw new CrmContentError(`${path}:${line}: ${where}${issue.message}`);
}

export function parseKbArticle(id: string, source: string, path: string): KbArticle {
	const lines = source.replace(/\r\n?/g, '\n').split('\n');
	const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
	if (lines[0]?.trim() !== '---' || end < 0) throw new CrmContentError(`${path}:1: must start with a --- frontmatter block`);
	const meta = parseYaml(lines.slice(1, end).join('\n'), kbFrontmatterSchema, path, 2);
	return { id, ...meta, html: renderMarkdownToHtml(lines.slice(end + 1).join('\n')) };
}

export function parseEmailTemplates(source: string, path: string): EmailTemplate[] {
	return parseYaml(source, z.array(emailTemplateSchema).min(1), path);
}

export function parseDecoyCustomers(source: string, path: string): ScenarioCaller[] {
	return parseYaml(source, z.array(scenarioSchema.shape.caller), path);
}

interface CrmContent {
	kb: KbArticle[];
	templates: EmailTemplate[];
	decoys: ScenarioCaller[];
}

let cached: CrmContent | null = null;

/** Loads (once) and validates all CRM content; throws CrmContentError naming the bad file and line. */
export function loadCrmContent(root = contentRoot()): CrmContent {
	if (cached && root === contentRoot()) return cached;
	const kbDir = join(root, 'kb');
	const kb = readdirSync(kbDir)
		.filter((f) => f.endsWith('.md'))
		.sort()
		.map((f) => parseKbArticle(f.replace(/\.md$/, ''), readFileSync(join(kbDir, f), 'utf8'), `content/kb/${f}`));
	const templates = parseEmailTemplates(
		readFileSync(join(root, 'crm', 'email-templates.yaml'), 'utf8'),
		'content/crm/email-templates.yaml'
	);
	const decoys = parseDecoyCustomers(
		readFileSync(join(root, 'crm', 'decoy-customers.yaml'), 'utf8'),
		'content/crm/decoy-customers.yaml'
	);
	const content = { kb, templates, decoys };
	if (root === contentRoot()) cached = content;
	return content;
}

const digits = (phone: string) => phone.replace(/\D/g, '').slice(-9);

/**
 * The customers the CRM search sees during a call: the scenario's caller among the decoys, sorted by surname.
 * Decoys that would clash with the caller (same account or number) are left out.
 */
export function directoryFor(caller: ScenarioCaller, decoys: readonly ScenarioCaller[]): ScenarioCaller[] {
	const clash = (d: ScenarioCaller) => d.account.id === caller.account.id || digits(d.phone) === digits(caller.phone);
	return [caller, ...decoys.filter((d) => !clash(d))].sort(
		(a, b) => a.surname.localeCompare(b.surname) || a.firstName.localeCompare(b.firstName)
	);
}
