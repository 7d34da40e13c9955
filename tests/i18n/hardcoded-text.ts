// Finds interface text written straight into .svelte files instead of coming from messages/*.json: text between
// tags, text attributes (title, placeholder, aria-label, alt, …) and text props of components, string literals
// inside markup expressions ({busy ? 'Saving…' : 'Save'}), and sentence-like strings in the component script.
// A heuristic on Svelte's own parse tree: what it reports is almost always UI text; some text built in a script
// from lower-case fragments slips through (review catches those).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';

/** Attributes and component props whose value is read by people. */
const TEXT_ATTRS = new Set([
	'title', 'placeholder', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'alt', 'label',
	'hint', 'help', 'description', 'summary', 'message', 'legend', 'caption', 'text', 'heading', 'emptyText', 'confirm'
]);
/** Words that read the same in every language here: the product name and technical abbreviations. */
const SAME_IN_EVERY_LANGUAGE = /^(CallCraft|UTC|PDF|CSV|CRM|YAML|ZIP|JSON|KPI|URL|ID|QR|OK|VAD|ACW)$/;

export interface Finding {
	line: number;
	text: string;
}

function hasWords(s: string): boolean {
	const words = s.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
	return words.some((w) => w.length >= 2 && !SAME_IN_EVERY_LANGUAGE.test(w));
}

/** A literal inside markup reads as text when it has words and a space, or starts with a capital. */
function literalReads(s: string): boolean {
	return hasWords(s) && (/\s/.test(s.trim()) || /^[A-Z]/.test(s.trim()));
}

/** A string in the script reads as a sentence: several words and a capital start or end punctuation. */
function scriptStringReads(s: string): boolean {
	const t = s.trim();
	return hasWords(t) && /\s/.test(t) && (/^[A-Z][a-z]/.test(t) || /[.!?…:]$/.test(t)) && !/^[\w./@$-]+$/.test(t);
}

type Node = { type?: string; start?: number; [k: string]: unknown };

export function findHardcodedText(source: string): Finding[] {
	const ast = parse(source, { modern: true }) as unknown as Node;
	const findings: Finding[] = [];
	const lineOf = (offset: number | undefined) => (offset === undefined ? 0 : source.slice(0, offset).split('\n').length);
	const add = (node: Node, text: string) => findings.push({ line: lineOf(node.start), text: text.trim().replace(/\s+/g, ' ') });

	/** Literals and template-literal parts anywhere inside an expression. */
	function literalsIn(node: unknown, reads: (s: string) => boolean): void {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach((n) => literalsIn(n, reads));
		const n = node as Node;
		if (n.type === 'ImportDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'ExportNamedDeclaration' && n.source) return;
		// m.key() calls are the point; property keys, member names and comparisons are not read by people.
		if (n.type === 'Property') return literalsIn(n.value, reads);
		if (n.type === 'MemberExpression') return n.computed ? undefined : literalsIn(n.object, reads);
		if (n.type === 'BinaryExpression' && /^[!=]==?$/.test(String(n.operator))) return;
		if (n.type === 'Literal' && typeof n.value === 'string' && reads(n.value)) add(n, n.value);
		if (n.type === 'TemplateElement') {
			const raw = (n.value as { cooked?: string }).cooked ?? '';
			if (reads(raw)) add(n, raw);
		}
		for (const [k, v] of Object.entries(n)) if (k !== 'type' && k !== 'start' && k !== 'end' && k !== 'loc') literalsIn(v, reads);
	}

	function walk(node: unknown): void {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach(walk);
		const n = node as Node;
		switch (n.type) {
			case 'Text':
				if (hasWords(String(n.data))) add(n, String(n.data));
				return;
			case 'Attribute': {
				if (!TEXT_ATTRS.has(String(n.name))) return;
				const value = Array.isArray(n.value) ? n.value : [n.value];
				for (const part of value as Node[]) {
					if (part?.type === 'Text' && hasWords(String(part.data))) add(part, String(part.data));
					else if (part?.type === 'ExpressionTag') literalsIn(part.expression, literalReads);
				}
				return;
			}
			case 'ExpressionTag':
			case 'HtmlTag':
				literalsIn(n.expression, literalReads);
				return;
			case 'StyleDirective':
			case 'ClassDirective':
			case 'BindDirective':
			case 'OnDirective':
			case 'UseDirective':
			case 'SpreadAttribute':
				return;
		}
		for (const [k, v] of Object.entries(n)) {
			if (k === 'css' || k === 'instance' || k === 'module' || k === 'options' || k === 'comments') continue;
			if (k === 'expression' || k === 'test' || k === 'key' || k === 'context' || k === 'index') continue; // block heads
			walk(v);
		}
	}

	walk(ast.fragment);
	const instance = (ast as { instance?: { content?: unknown } }).instance;
	if (instance?.content) literalsIn(instance.content, scriptStringReads);
	return findings.sort((a, b) => a.line - b.line);
}

export function svelteFiles(dir = 'src'): string[] {
	return readdirSync(dir)
		.flatMap((f) => {
			const p = join(dir, f);
			if (f === 'paraglide') return [];
			if (statSync(p).isDirectory()) return svelteFiles(p);
			return f.endsWith('.svelte') ? [p] : [];
		})
		.map((p) => relative('.', p).split('\\').join('/'))
		.sort();
}

export function hardcodedTextByFile(): Record<string, Finding[]> {
	return Object.fromEntries(svelteFiles().map((f) => [f, findHardcodedText(readFileSync(f, 'utf8'))]));
}
