// The parser limits of issues #18 and #19, each with the request that used to take the server down or fail with a
// 500: nested blockquotes, YAML alias bombs in a scenario, a quiz block and course.md, deep JSON, and Markdown that
// renders for seconds (now stopped in the render worker while the request thread stays free).
import { describe, expect, it } from 'vitest';
import { checkJson, checkMarkdown, checkYaml, LIMITS, limitStatus, violationText } from './limits';
import { inLocale } from '$lib/server/in-locale';
import { formatInteger } from '$lib/i18n/format';
import { renderMarkdown } from './markdown';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCoursesFromDir, parseCourseFiles, parseLessonFile, type ContentIssue } from './courses';
import { parseScenarioYaml } from './scenarios';
import { renderUntrusted } from './render-pool';

const billionLaughs = (levels: number) => {
	const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
	let prev = 'a';
	for (let i = 1; i < levels; i++) {
		const name = String.fromCharCode(97 + i);
		lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
		prev = name;
	}
	return lines.join('\n');
};
const lesson = (frontmatter: string, body: string) => `---\n${frontmatter}\n---\n${body}`;

describe('Markdown limits', () => {
	it('refuses 10,000 nested blockquotes with the line, and renders them as a refusal, not a throw', () => {
		const text = 'Intro\n\n' + '>'.repeat(10_000) + ' x';
		expect(checkMarkdown(text)).toMatchObject({ limit: 'markdownNesting', line: 3 });
		const rendered = renderMarkdown(text);
		expect(rendered.segments).toEqual([]);
		expect(rendered.error?.limit).toBe('markdownNesting');
	});

	it('counts lists and quotes together, and ignores fenced code', () => {
		expect(checkMarkdown(Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'))?.limit).toBe('markdownNesting');
		expect(checkMarkdown('- > '.repeat(20) + 'x')?.limit).toBe('markdownNesting');
		expect(checkMarkdown('```\n' + '>'.repeat(500) + '\n```\n')).toBeNull();
		expect(checkMarkdown('> > quoted twice\n\n- a\n  - b\n')).toBeNull();
	});

	it('refuses text over the size limit (a zip could skip the editor’s 400,000 characters)', () => {
		const v = checkMarkdown('['.repeat(LIMITS.markdownChars + 1));
		expect(v?.limit).toBe('markdownChars');
		expect(limitStatus('markdownChars')).toBe(413);
	});

	it('a lesson with 3,000 nested > parses (no stack overflow) and renders as a refusal naming the line', () => {
		const issues: ContentIssue[] = [];
		const parsed = parseLessonFile('01-a.md', 'a', lesson('title: A\nminutes: 5', 'Text\n' + '>'.repeat(3000) + ' x'), 'c/01-a.md', issues);
		expect(issues).toEqual([]);
		expect(parsed?.quizzes).toEqual([]);
		expect(renderMarkdown(parsed!.body).error).toMatchObject({ limit: 'markdownNesting', line: 2 });
	});

	it('content/ at start-up meets the same limits: a course introduction of >×10,000 stops the load with file:line', () => {
		const root = mkdtempSync(join(tmpdir(), 'limits-'));
		mkdirSync(join(root, '01-c'));
		writeFileSync(join(root, '01-c', 'course.md'), lesson('title: C\nsummary: S\nlevel: beginner\nminutes: 5\npassMark: 80', '>'.repeat(10_000) + ' x'));
		writeFileSync(join(root, '01-c', '01-a.md'), lesson('title: A\nminutes: 5', 'Hello'));
		try {
			expect(() => loadCoursesFromDir(root, 'content/courses')).toThrow(/content\/courses\/01-c\/course\.md:8: Line 8 nests 10,000/);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	});

	it('a course introduction of >×10,000 still parses, so a page meeting an old stored one shows a panel, not a 500', () => {
		const { course, issues } = parseCourseFiles(
			'01-c',
			[
				{ name: 'course.md', content: lesson('title: C\nsummary: S\nlevel: beginner\nminutes: 5\npassMark: 80', '>'.repeat(10_000) + ' x') },
				{ name: '01-a.md', content: lesson('title: A\nminutes: 5', 'Hello') }
			],
			'c'
		);
		expect(issues).toEqual([]);
		expect(renderMarkdown(course!.intro).error?.limit).toBe('markdownNesting');
	});
});

describe('YAML limits', () => {
	it('a 9-level billion-laughs scenario is refused with a message, not a throw', () => {
		const result = parseScenarioYaml(billionLaughs(9));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues[0].message).toMatch(/aliases/);
	});

	it('60 aliases of one scalar are refused', () => {
		const result = parseScenarioYaml(`a: &a x\nb: [${Array(60).fill('*a').join(', ')}]\n`);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues[0].message).toMatch(/aliases/);
	});

	it('an alias to a missing anchor is an issue, not a throw', () => {
		const result = parseScenarioYaml('a: *nothing\n');
		expect(result.ok).toBe(false);
	});

	it('a quiz block holding a billion laughs is an issue on the quiz’s line', () => {
		const issues: ContentIssue[] = [];
		const body = 'Text\n\n```quiz\n' + billionLaughs(9) + '\n```\n';
		expect(parseLessonFile('01-a.md', 'a', lesson('title: A\nminutes: 5', body), 'c/01-a.md', issues)?.quizzes).toEqual([]);
		expect(issues).toEqual([expect.objectContaining({ limit: 'yamlAliases', line: 8 })]);
	});

	it('course.md frontmatter holding a billion laughs is an issue', () => {
		const { course, issues } = parseCourseFiles(
			'01-c',
			[
				{ name: 'course.md', content: lesson(billionLaughs(9), 'Intro') },
				{ name: '01-a.md', content: lesson('title: A\nminutes: 5', 'Hello') }
			],
			'c'
		);
		expect(course).toBeNull();
		expect(issues.some((i) => i.limit === 'yamlAliases')).toBe(true);
	});

	it('refuses deep flow and block nesting, and oversized documents, before parsing', () => {
		expect(checkYaml('['.repeat(400) + ']'.repeat(400))?.limit).toBe('yamlNesting');
		expect(checkYaml(Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' x')?.limit).toBe('yamlNesting');
		expect(checkYaml('a: "' + 'x'.repeat(LIMITS.yamlChars) + '"')?.limit).toBe('yamlChars');
		expect(checkYaml("title: don't [stop]\nlist: [a, [b, {c: d}]]\n")).toBeNull();
		expect(parseScenarioYaml('['.repeat(5000)).ok).toBe(false);
	});
});

describe('JSON depth', () => {
	it('measures nesting outside strings', () => {
		expect(checkJson('[' .repeat(5000) + ']'.repeat(5000))?.limit).toBe('jsonDepth');
		expect(checkJson('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}')).toBeNull();
	});
});

describe('render worker', () => {
	it('stops a pathological render at the time budget while the request thread keeps answering', async () => {
		const source = '*a'.repeat(199_999);
		const ticks: number[] = [];
		let last = performance.now();
		const timer = setInterval(() => {
			const now = performance.now();
			ticks.push(now - last);
			last = now;
		}, 10);
		const t0 = performance.now();
		const rendered = await renderUntrusted(source);
		const took = performance.now() - t0;
		clearInterval(timer);
		expect(rendered.error?.limit).toBe('renderMs');
		expect(rendered.error?.message).toMatch(/longer than 2 s/);
		expect(took).toBeGreaterThanOrEqual(LIMITS.renderMs - 5);
		// the event loop never stalled for anything like the render's seconds
		expect(Math.max(...ticks)).toBeLessThan(LIMITS.renderMs / 2);
		// the second view is answered from the cache, not another budget
		const t1 = performance.now();
		expect((await renderUntrusted(source)).error?.limit).toBe('renderMs');
		expect(performance.now() - t1).toBeLessThan(LIMITS.renderMs / 2);
	});

	it('renders ordinary lessons the same as the in-thread renderer', async () => {
		const text = '# Title\n\nSome *text* and a [link](https://example.com).\n\n```quiz\nquestions: []\n```\n';
		expect(await renderUntrusted(text)).toEqual({ ...renderMarkdown(text), segments: expect.any(Array) });
		expect((await renderUntrusted(text)).segments.map((s) => s.kind)).toEqual(renderMarkdown(text).segments.map((s) => s.kind));
	});
});

describe('limit messages in the reader’s language', () => {
	// A render (and its refusal) is cached once for every reader, and the worker that made it has no request: the
	// violation keeps its facts, and each reader gets the words in their own language where the page shows it.
	it('words a render refused in the worker again for a Bengali reader, the same object for an English one', async () => {
		const source = `${'> '.repeat(LIMITS.markdownNesting + 8)}deep\n`;
		const rendered = await renderUntrusted(`intro\n\n${source}`);
		const error = rendered.error!;
		expect(error.limit).toBe('markdownNesting');
		const depth = Number(error.params?.depth);
		expect(depth).toBeGreaterThan(LIMITS.markdownNesting);
		expect(violationText(error)).toBe(`Line 3 nests ${depth} quotes or lists; the limit is ${LIMITS.markdownNesting}.`);
		const bengali = inLocale('bn', () => violationText(error));
		expect(bengali).toBe(`৩ নম্বর লাইনে ${formatInteger(depth, 'bn')} স্তরের উদ্ধৃতি বা তালিকা একটির ভেতরে আরেকটি রাখা হয়েছে; সীমা ${formatInteger(LIMITS.markdownNesting, 'bn')}।`);
		// the cached copy is unchanged: the next English reader still reads English
		expect(violationText((await renderUntrusted(`intro\n\n${source}`)).error!)).toMatch(/^Line 3 nests/);
	});
	it('words every kind of limit in Bengali with Bengali digits', () => {
		const kinds = [checkYaml('x'.repeat(LIMITS.yamlChars + 1)), checkJson('['.repeat(LIMITS.jsonDepth + 2)), checkMarkdown('y'.repeat(LIMITS.markdownChars + 1))];
		for (const v of kinds) {
			const bn = inLocale('bn', () => violationText(v!));
			expect(bn).toMatch(/[০-৯]/);
			expect(bn).not.toMatch(/limit|characters|nests/);
			expect(violationText(v!)).toMatch(/limit is/);
		}
	});
});
