// Input limits for every parser of untrusted text (lessons, course.md, quiz blocks, scenarios, course zips, JSON
// bodies), in one place: the editor, the draft API, zip import, publishing and content/ at start-up all check the
// same numbers. A check returns a LimitViolation (which limit, the line, a message a trainer can act on) instead of
// throwing, so a caller can show it as a content issue, answer a 4xx, or draw an error panel for an old stored
// version. Pure, so the in-browser scenario editor checks the same figures; server code imports it through
// $lib/server/content/limits. docs/api.md and the README's Security section list these figures.

import { m } from '../paraglide/messages';
import { formatInteger } from '../i18n/format';

export const LIMITS = {
	/** Characters in one Markdown file (a lesson or course.md), from every path. */
	markdownChars: 400_000,
	/** Nested containers (blockquotes, list items) on one line of Markdown. */
	markdownNesting: 32,
	/** Wall-clock budget of one Markdown render in the render worker. */
	renderMs: 2_000,
	/** Renders waiting for a worker; beyond this a page is told the server is busy. */
	renderQueue: 64,
	/** Characters of HTML one render may produce. */
	renderedHtmlChars: 2_000_000,
	/** Characters of one YAML document (a scenario, a frontmatter block, a quiz block). */
	yamlChars: 100_000,
	/** Alias nodes (`*name`) in one YAML document: stops "billion laughs" expansion. */
	yamlAliases: 50,
	/** Nested collections in one YAML document. */
	yamlNesting: 32,
	/** Nested arrays/objects in one JSON request body. */
	jsonDepth: 32,
	/** Files in a course zip. */
	zipEntries: 200,
	/** Uncompressed bytes of a whole course zip (and the zip itself). */
	zipBytes: 5 * 1024 * 1024,
	/** Uncompressed/compressed ratio of one zip entry larger than zipRatioFloor. */
	zipRatio: 100,
	zipRatioFloor: 64 * 1024
} as const;

export type LimitName = keyof typeof LIMITS;

/** What a violation's message says (sizes, depths, a file name, which render failure): enough to word it again. */
export type LimitParams = Record<string, string | number>;

export interface LimitViolation {
	limit: LimitName;
	/** 1-based line in the checked text where the limit is passed (1 for whole-document limits). */
	line: number;
	/** Worded in the language of whoever was served when it was found (English outside a request or in a worker). */
	message: string;
	/** The message's facts: `violationText` words it again for the current reader (a cached render is shared). */
	params?: LimitParams;
}

const int = (x: string | number | undefined) => formatInteger(Number(x ?? 0));

/** The message for `limit` with its facts, in the current reader's language (messages/*.json, `lim_…`). */
export function limitMessage(limit: LimitName, line: number, p: LimitParams = {}): string {
	switch (limit) {
		case 'markdownChars':
			return m.lim_markdown_chars({ chars: int(p.chars), limit: int(LIMITS.markdownChars) });
		case 'markdownNesting':
			return p.depth === undefined
				? p.reason === 'failed'
					? m.lim_render_failed()
					: m.lim_markdown_too_deep()
				: m.lim_markdown_nesting({ line: int(line), depth: int(p.depth), limit: int(LIMITS.markdownNesting) });
		case 'yamlChars':
			return m.lim_yaml_chars({ chars: int(p.chars), limit: int(LIMITS.yamlChars) });
		case 'yamlNesting':
			return m.lim_yaml_nesting({ line: int(line), depth: int(p.depth), limit: int(LIMITS.yamlNesting) });
		case 'yamlAliases':
			return m.lim_yaml_aliases({ limit: int(LIMITS.yamlAliases) });
		case 'jsonDepth':
			return m.lim_json_depth({ depth: int(p.depth), limit: int(LIMITS.jsonDepth) });
		case 'zipEntries':
			return m.lim_zip_entries({ limit: int(LIMITS.zipEntries) });
		case 'zipBytes':
			return m.lim_zip_bytes({ mb: int(LIMITS.zipBytes / 1024 / 1024) });
		case 'zipRatio':
			return m.lim_zip_ratio({ name: String(p.name ?? ''), ratio: int(LIMITS.zipRatio) });
		case 'renderedHtmlChars':
			return m.lim_rendered_html({ chars: int(p.chars), limit: int(LIMITS.renderedHtmlChars) });
		case 'renderMs':
			return p.reason === 'stopped'
				? m.lim_render_stopped()
				: p.reason === 'shutdown'
					? m.lim_render_shutdown()
					: m.lim_render_timeout({ seconds: int(LIMITS.renderMs / 1000) });
		case 'renderQueue':
			return m.lim_render_busy();
		default:
			return m.lim_render_failed();
	}
}

/** A violation with its message worded now. */
export function violation(limit: LimitName, line: number, params: LimitParams = {}): LimitViolation {
	return { limit, line, params, message: limitMessage(limit, line, params) };
}

/** A violation's message for the current reader: worded again from its facts (one stored without them as it was). */
export function violationText(v: LimitViolation): string {
	return v.params ? limitMessage(v.limit, v.line, v.params) : v.message;
}

/** 413 for sizes and counts, 503 for a full render queue, 422 for the rest (nesting, aliases, render time). */
export function limitStatus(limit: LimitName): number {
	if (limit === 'renderQueue') return 503;
	return /Chars$|Bytes$|Entries$/.test(limit) ? 413 : 422;
}

/** A limit passed where the caller cannot return a value: routes answer `status` with `message`. */
export class LimitError extends Error {
	readonly status: number;
	constructor(
		readonly limit: LimitName,
		message: string,
		readonly line = 1,
		status?: number
	) {
		super(message);
		this.name = 'LimitError';
		this.status = status ?? limitStatus(limit);
	}
	static from(v: LimitViolation): LimitError {
		return new LimitError(v.limit, v.message, v.line);
	}
}


function lineAt(text: string, index: number): number {
	let line = 1;
	for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
	return line;
}

/** Nested container markers (`>`, `-`, `*`, `+`, `1.`) at the start of a line, with indentation counted as lists. */
function containerDepth(line: string): number {
	let depth = 0;
	let i = 0;
	let spaces = 0;
	while (i < line.length) {
		const c = line[i];
		if (c === ' ') {
			spaces++;
			i++;
		} else if (c === '\t') {
			spaces += 4;
			i++;
		} else if (c === '>') {
			depth++;
			i++;
		} else if ((c === '-' || c === '*' || c === '+') && (line[i + 1] === ' ' || line[i + 1] === '\t')) {
			depth++;
			i += 2;
		} else if (c >= '0' && c <= '9') {
			const m = /^\d{1,9}[.)][ \t]/.exec(line.slice(i, i + 12));
			if (!m) break;
			depth++;
			i += m[0].length;
		} else break;
	}
	return depth + Math.floor(spaces / 2);
}

/**
 * Size and nesting of a Markdown text. Nesting is what overflows the parser's stack (thousands of `>`), so it is
 * refused before parsing; slowness that no cheap check can predict is bounded by the render worker's time budget.
 * Lines inside fenced code blocks are not containers and are skipped.
 */
export function checkMarkdown(source: string): LimitViolation | null {
	if (source.length > LIMITS.markdownChars) {
		return violation('markdownChars', lineAt(source, LIMITS.markdownChars), { chars: source.length });
	}
	let fence: string | null = null;
	let lineNo = 0;
	for (const line of source.split('\n')) {
		lineNo++;
		const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
		if (fence) {
			if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
			continue;
		}
		if (marker) {
			fence = marker;
			continue;
		}
		if (line.length < LIMITS.markdownNesting) continue;
		const depth = containerDepth(line);
		if (depth > LIMITS.markdownNesting) {
			return violation('markdownNesting', lineNo, { depth });
		}
	}
	return null;
}

/** Size and nesting of a YAML text (flow `[ {` and block indentation), checked before the parser sees it. */
export function checkYaml(text: string): LimitViolation | null {
	if (text.length > LIMITS.yamlChars) {
		return violation('yamlChars', lineAt(text, LIMITS.yamlChars), { chars: text.length });
	}
	let lineNo = 1;
	let flow = 0;
	let quote: string | null = null;
	let comment = false;
	let lineStart = true;
	let indent = 0;
	const tooDeep = (depth: number): LimitViolation => violation('yamlNesting', lineNo, { depth });
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '\n') {
			lineNo++;
			comment = false;
			lineStart = true;
			indent = 0;
			continue;
		}
		if (lineStart) {
			if (c === ' ' || c === '-' || c === '?' || c === ':') {
				// "- - - x" nests sequences on one line just as indentation does
				indent += c === ' ' ? 1 : 2;
				if (indent / 2 > LIMITS.yamlNesting && flow === 0 && !quote) return tooDeep(Math.floor(indent / 2));
				continue;
			}
			lineStart = false;
		}
		if (comment) continue;
		if (quote) {
			if (c === '\\' && quote === '"') i++;
			else if (c === quote) quote = null;
			continue;
		}
		if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1]))) quote = c;
		else if (c === '#') comment = true;
		else if (c === '[' || c === '{') {
			flow++;
			if (flow > LIMITS.yamlNesting) return tooDeep(flow);
		} else if ((c === ']' || c === '}') && flow > 0) flow--;
	}
	return null;
}

/** Options for `yaml`'s parseDocument and toJS on untrusted text: few aliases, so no "billion laughs". */
export const YAML_DOCUMENT_OPTIONS = { uniqueKeys: true } as const;
export const YAML_TO_JS_OPTIONS = { maxAliasCount: LIMITS.yamlAliases } as const;

/** The violation behind yaml's "excessive alias count" error from toJS, or null for any other error. */
export function yamlAliasViolation(error: unknown): LimitViolation | null {
	const message = error instanceof Error ? error.message : String(error);
	if (/alias/i.test(message)) {
		return violation('yamlAliases', 1);
	}
	return null;
}

/** Deepest nesting of arrays/objects in a JSON text, counted without parsing (strings skipped). */
export function jsonDepth(text: string): number {
	let depth = 0;
	let max = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 92) i++;
			else if (c === 34) inString = false;
		} else if (c === 34) inString = true;
		else if (c === 91 || c === 123) {
			if (++depth > max) max = depth;
		} else if (c === 93 || c === 125) depth--;
	}
	return max;
}

export function checkJson(text: string): LimitViolation | null {
	const depth = jsonDepth(text);
	if (depth <= LIMITS.jsonDepth) return null;
	return violation('jsonDepth', 1, { depth });
}

/** Checks one zip entry's declared sizes (before inflating it) and the running totals. */
export function checkZipEntry(
	entry: { name: string; compressedSize: number; size: number },
	totals: { entries: number; bytes: number }
): LimitViolation | null {
	if (totals.entries > LIMITS.zipEntries) {
		return violation('zipEntries', 1);
	}
	if (totals.bytes > LIMITS.zipBytes) {
		return violation('zipBytes', 1);
	}
	if (entry.size > LIMITS.zipRatioFloor && entry.size > LIMITS.zipRatio * Math.max(1, entry.compressedSize)) {
		return violation('zipRatio', 1, { name: entry.name });
	}
	return null;
}

/** "line N: message" for one violation, the way content issues read. */
export function describeViolation(v: LimitViolation): string {
	return `${violationText(v)} (limit ${v.limit})`;
}
