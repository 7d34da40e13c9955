// Parses YAML text and validates it with a zod schema, reporting every problem with its line number
// (yaml's parseDocument + LineCounter map a zod issue path back to the text). Pure: used by the content
// loader at start-up and by the in-browser scenario editor.

import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { z } from 'zod';
import { m } from '../paraglide/messages';
import './zod-locale';
import { checkYaml, yamlAliasViolation, YAML_DOCUMENT_OPTIONS, YAML_TO_JS_OPTIONS } from './limits';

export interface YamlIssue {
	/** 1-based line of the offending key or value */
	line: number;
	/** dotted path inside the document, e.g. "caller.email" ("" for the whole file) */
	path: string;
	message: string;
}

export type YamlParseResult<T> = { ok: true; value: T } | { ok: false; issues: YamlIssue[] };

export function parseYamlWithSchema<S extends z.ZodType>(text: string, schema: S): YamlParseResult<z.output<S>> {
	const tooBig = checkYaml(text);
	if (tooBig) return { ok: false, issues: [{ line: tooBig.line, path: '', message: tooBig.message }] };
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, { lineCounter, prettyErrors: false, ...YAML_DOCUMENT_OPTIONS });
	if (doc.errors.length > 0) {
		return {
			ok: false,
			issues: doc.errors.map((e) => ({
				line: e.linePos?.[0].line ?? 1,
				path: '',
				message: m.yaml_err_syntax({ detail: e.message.split('\n')[0] })
			}))
		};
	}
	let value: unknown;
	try {
		value = doc.toJS(YAML_TO_JS_OPTIONS);
	} catch (e) {
		// an alias bomb, or an alias to an anchor that is not defined (yaml reports both only here)
		const message = yamlAliasViolation(e)?.message ?? `YAML: ${e instanceof Error ? e.message.split('\n')[0] : 'unreadable'}`;
		return { ok: false, issues: [{ line: 1, path: '', message }] };
	}
	const result = schema.safeParse(value);
	if (result.success) return { ok: true, value: result.data };
	const issues: YamlIssue[] = [];
	for (const issue of result.error.issues) {
		const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys) {
				issues.push({
					line: lineOf(doc.contents, [...path, key], lineCounter),
					path: [...path, key].join('.'),
					message: m.yaml_err_unknown_field()
				});
			}
			continue;
		}
		issues.push({ line: lineOf(doc.contents, path, lineCounter), path: path.join('.'), message: readable(issue, value) });
	}
	issues.sort((a, b) => a.line - b.line);
	return { ok: false, issues };
}

/** "file:line: path: message", the one format content errors are shown in. */
export function formatYamlIssue(file: string, issue: YamlIssue): string {
	return `${file}:${issue.line}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

function readable(issue: z.core.$ZodIssue, value: unknown): string {
	if (issue.code === 'invalid_type' && valueAt(value, issue.path) === undefined) return m.yaml_err_required();
	if (issue.code === 'invalid_value' && 'values' in issue) {
		return m.yaml_err_one_of({ values: issue.values.map((v) => JSON.stringify(v)).join(', ') });
	}
	return issue.message.replace(/^(Invalid input|অবৈধ ইনপুট): /, '');
}

/** The value at a zod issue's path in the parsed document (undefined where it is missing). */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
	let node = root;
	for (const key of path) {
		if (node === null || typeof node !== 'object') return undefined;
		node = (node as Record<PropertyKey, unknown>)[key];
	}
	return node;
}

/** Line of the key (or item) at `path`, or of the deepest part of the path that exists. */
function lineOf(root: unknown, path: (string | number)[], lineCounter: LineCounter): number {
	let node = root as Node | null | undefined;
	let offset = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
	for (const segment of path) {
		if (isMap(node)) {
			const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === segment);
			if (!pair) break;
			offset = (pair.key as Node).range?.[0] ?? offset;
			node = pair.value as Node | null;
		} else if (isSeq(node) && typeof segment === 'number') {
			const item = node.items[segment] as Node | undefined;
			if (!item) break;
			offset = item.range?.[0] ?? offset;
			node = item;
		} else {
			break;
		}
	}
	return lineCounter.linePos(offset).line;
}
