// Property-based fuzzing of every parser of untrusted text: random and adversarial inputs never throw anything but
// the parser's own "bad input" error (which the routes turn into a 4xx), never keep it busy for 2 s, and whatever a
// parser accepts can be rendered. Bounded runs here; FUZZ_RUNS=<n> for more (tests/fuzz-runs.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import { fuzzRuns, fuzzSeed, FUZZ_HANG_MS } from '../fuzz-runs';
import { parseScenarioYaml } from '$lib/server/content/scenarios';
import { parseCourseFiles, parseLessonFile } from '$lib/server/content/courses';
import { renderMarkdown } from '$lib/server/content/markdown';
import { CourseZipError, importCourseZip } from '$lib/server/content/course-zip';
import { parseWav, WavError } from '$lib/server/ml/wav';
import { ApiFailure, parseForm, parseJsonBody } from '$lib/server/http';

const params = () => ({ numRuns: fuzzRuns(40), seed: fuzzSeed() });

/** Runs `fn` and fails the case when it takes longer than FUZZ_HANG_MS. */
function quickly<T>(what: string, fn: () => T): T {
	const t0 = performance.now();
	const out = fn();
	const ms = performance.now() - t0;
	if (ms > FUZZ_HANG_MS) throw new Error(`${what} took ${Math.round(ms)} ms`);
	return out;
}
async function quicklyAsync<T>(what: string, fn: () => Promise<T>): Promise<T> {
	const t0 = performance.now();
	const out = await fn();
	const ms = performance.now() - t0;
	if (ms > FUZZ_HANG_MS) throw new Error(`${what} took ${Math.round(ms)} ms`);
	return out;
}

/** YAML-ish text: structure characters, keys of a scenario, anchors and aliases, quotes, tabs, long lines. */
const yamlPiece = fc.oneof(
	fc.constantFrom('id: x\n', 'title: T\n', 'turns:\n', '  - ', '- ', ': ', '&a ', '*a ', '<<: *a\n', '[', ']', '{', '}', '"', "'", '\t', '\n', '#', '|\n', '>\n', '---\n', '...\n', '!!binary ', '!tag ', '? '),
	fc.string({ maxLength: 20 }),
	fc.integer().map(String)
);
const yamlText = fc.array(yamlPiece, { maxLength: 60 }).map((parts) => parts.join(''));

/** Markdown-ish text: nesting, fences (quiz fences too), HTML, links, tables, entities. */
const mdPiece = fc.oneof(
	fc.constantFrom('> ', '- ', '1. ', '#', '## ', '```quiz\n', '```\n', '    ', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[a](javascript:alert(1))', '| a | b |\n|---|---|\n', '&#0;', '\n\n', '*', '_', '`', '<!--', '-->', '<div>', '</div>'),
	fc.string({ maxLength: 30 })
);
const mdText = fc.array(mdPiece, { maxLength: 80 }).map((parts) => parts.join(''));

/** Adversarial documents of bounded size: deep nesting and many aliases. */
const adversarialYaml = fc.oneof(
	fc.integer({ min: 1, max: 400 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
	fc.integer({ min: 1, max: 400 }).map((n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' x'),
	fc.integer({ min: 1, max: 60 }).map((n) => `a: &a x\nb: [${Array(n).fill('*a').join(', ')}]\n`)
);
const adversarialMd = fc.oneof(
	fc.integer({ min: 1, max: 300 }).map((n) => '> '.repeat(n) + 'deep'),
	fc.integer({ min: 1, max: 300 }).map((n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')),
	fc.integer({ min: 1, max: 200 }).map((n) => '<div>'.repeat(n) + 'x' + '</div>'.repeat(n)),
	fc.integer({ min: 1, max: 200 }).map((n) => '['.repeat(n) + 'x' + '](y)'.repeat(n))
);

/**
 * What a browser would run in this HTML: script elements, event-handler attributes, javascript: URLs in attributes.
 * Text that merely reads "javascript:" (inside a code block, escaped) is harmless and not listed.
 */
function unsafeMarkup(html: string): string[] {
	const found: string[] = [];
	if (/<script/i.test(html)) found.push('<script>');
	for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
		if (/\son[a-z]+\s*=/i.test(tag)) found.push(tag);
		else if (/\s(?:href|src|action|formaction|xlink:href|srcset|poster|data)\s*=\s*["']?\s*(?:javascript|vbscript|data:text\/html)/i.test(tag)) found.push(tag);
	}
	return found;
}

function lessonSource(frontmatter: string, body: string) {
	return `---\n${frontmatter}\n---\n${body}`;
}

describe('scenario YAML', () => {
	it('answers any text with a scenario or line-numbered issues, quickly, never a throw', () => {
		fc.assert(
			fc.property(fc.oneof(yamlText, fc.string({ maxLength: 400 }), adversarialYaml), (text) => {
				const result = quickly('parseScenarioYaml', () => parseScenarioYaml(text));
				if (result.ok) expect(quickly('re-parse', () => parseScenarioYaml(text)).ok).toBe(true);
				else for (const issue of result.issues) expect(issue.line).toBeGreaterThanOrEqual(1);
			}),
			params()
		);
	});
});

describe('lesson and course Markdown', () => {
	it('the unsafe-markup check flags what a browser would run, not text that reads like it', () => {
		expect(unsafeMarkup('<a href="javascript:alert(1)">x</a>')).toHaveLength(1);
		expect(unsafeMarkup("<img src=x onerror='alert(1)'>")).toHaveLength(1);
		expect(unsafeMarkup('<script>alert(1)</script>')).toHaveLength(1);
		expect(unsafeMarkup('<pre><code>[a](javascript:alert(1))\n</code></pre>')).toEqual([]);
		expect(renderMarkdown('[a](javascript:alert(1))').segments.map((seg) => (seg.kind === 'html' ? seg.html : '')).join('')).not.toMatch(/href="javascript/i);
	});

	it('renders any Markdown to sanitized HTML, quickly, never a throw', () => {
		fc.assert(
			fc.property(fc.oneof(mdText, fc.string({ maxLength: 500 }), adversarialMd), (text) => {
				const rendered = quickly('renderMarkdown', () => renderMarkdown(text));
				const html = rendered.segments.map((seg) => (seg.kind === 'html' ? seg.html : '')).join('');
				expect(unsafeMarkup(html)).toEqual([]);
			}),
			params()
		);
	});

	it('parses any lesson file to a lesson or issues; an accepted lesson renders', () => {
		fc.assert(
			fc.property(fc.oneof(yamlText, fc.constant('title: A lesson'), adversarialYaml), fc.oneof(mdText, adversarialMd), (fm, body) => {
				const issues: { line: number }[] = [];
				const lesson = quickly('parseLessonFile', () => parseLessonFile('01-x.md', 'x', lessonSource(fm, body), 'x/01-x.md', issues as never));
				if (lesson) quickly('render the accepted lesson', () => renderMarkdown(lesson.body));
				else expect(issues.length).toBeGreaterThan(0);
			}),
			params()
		);
	});

	it('parses any set of course files to a course or issues; an accepted course renders every lesson', () => {
		fc.assert(
			fc.property(fc.oneof(yamlText, fc.constant('title: C\nsummary: S\npassMark: 80')), fc.array(fc.tuple(yamlText, mdText), { maxLength: 4 }), (courseFm, lessons) => {
				const files = [
					{ name: 'course.md', content: lessonSource(courseFm, 'About.') },
					...lessons.map(([fm, body], i) => ({ name: `0${i + 1}-l${i}.md`, content: lessonSource(fm, body) }))
				];
				const { course, issues } = quickly('parseCourseFiles', () => parseCourseFiles('01-fuzz', files, 'fuzz'));
				if (course) for (const lesson of course.lessons) quickly('render', () => renderMarkdown(lesson.body));
				else expect(issues.length).toBeGreaterThan(0);
			}),
			params()
		);
	});
});

describe('course zip', () => {
	const refusedOnlyWithReason = (bytes: Uint8Array) => {
		try {
			quickly('importCourseZip', () => importCourseZip(bytes));
		} catch (e) {
			expect(e, String(e)).toBeInstanceOf(CourseZipError);
		}
	};

	it('refuses random bytes with its own message', () => {
		fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), refusedOnlyWithReason), params());
	});

	it('reads or refuses any zip of random names and contents', () => {
		fc.assert(
			fc.property(
				fc.dictionary(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('01-x/course.md', '01-x/01-a.md', '../evil.md', '/abs.md', '01-x/sub/a.md', '01-x/')), fc.oneof(yamlText, mdText), { maxKeys: 6 }),
				(entries) => {
					// fflate's zipSync cannot take an entry named "__proto__" (it crashes building the zip, before our code
					// runs), so that one name is left out of the generated zips.
					const zip = zipSync(Object.fromEntries(Object.entries(entries).filter(([k]) => k && k !== '__proto__').map(([k, v]) => [k, strToU8(v)])));
					refusedOnlyWithReason(zip);
				}
			),
			params()
		);
	});
});

describe('WAV upload', () => {
	it('refuses any malformed audio with a WavError (a 4xx), never another throw', () => {
		const riff = fc.uint8Array({ maxLength: 600 }).map((rest) => {
			const head = new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt ');
			const out = new Uint8Array(head.length + rest.length);
			out.set(head);
			out.set(rest, head.length);
			return out;
		});
		fc.assert(
			fc.property(fc.oneof(fc.uint8Array({ maxLength: 600 }), riff), (bytes) => {
				try {
					quickly('parseWav', () => parseWav(bytes));
				} catch (e) {
					expect(e, String(e)).toBeInstanceOf(WavError);
					expect((e as WavError).status).toBeLessThan(500);
				}
			}),
			params()
		);
	});
});

describe('request bodies', () => {
	const schema = z.strictObject({ title: z.string().max(100), count: z.number().int().optional() });
	const deepJson = fc.integer({ min: 1, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n));
	const jsonish = fc.oneof(fc.json(), fc.string({ maxLength: 200 }), deepJson, fc.constantFrom('', 'null', '{"title":', '\u0000', '{"__proto__":{"x":1}}'));

	it('parseJsonBody answers any body with the data or a 4xx ApiFailure', async () => {
		await fc.assert(
			fc.asyncProperty(jsonish, async (body) => {
				const request = new Request('http://x/api', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
				try {
					await quicklyAsync('parseJsonBody', () => parseJsonBody({ request }, schema));
				} catch (e) {
					expect(e, String(e)).toBeInstanceOf(ApiFailure);
					expect((e as ApiFailure).status).toBeLessThan(500);
				}
			}),
			params()
		);
	});

	it('parseForm answers any body and content type with the data or a 400 and messages', async () => {
		const contentType = fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data; boundary=b', 'multipart/form-data', 'text/plain', 'application/json', '');
		const body = fc.oneof(fc.string({ maxLength: 300 }), fc.webQueryParameters(), fc.constantFrom('--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--b--\r\n', '--b\r\n'));
		await fc.assert(
			fc.asyncProperty(body, contentType, async (text, type) => {
				const request = new Request('http://x/page', { method: 'POST', body: text, headers: type ? { 'content-type': type } : {} });
				const parsed = await quicklyAsync('parseForm', () => parseForm(request, z.object({ title: z.string().max(100) })));
				if (!parsed.ok) {
					expect(parsed.failure.status).toBe(400);
					expect(Object.values(parsed.failure.data.errors).length).toBeGreaterThan(0);
				}
			}),
			params()
		);
	});
});
