import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError, courseContentHash, formatIssue, loadCoursesFromDir } from './courses';
import { inLocale } from '$lib/server/in-locale';

const FIXTURES = 'tests/fixtures/courses/valid';

const COURSE = (extra: Partial<Record<string, string>> = {}) => {
	const fields: Record<string, string> = {
		title: 'Course A',
		summary: 'Summary',
		level: 'beginner',
		minutes: '10',
		prerequisites: '[]',
		passMark: '80',
		...extra
	};
	const lines = Object.entries(fields)
		.filter(([, v]) => v !== undefined && v !== '')
		.map(([k, v]) => `${k}: ${v}`);
	return `---\n${lines.join('\n')}\n---\nIntro.\n`;
};
const LESSON = (body = 'Text.') => `---\ntitle: Lesson\nminutes: 5\n---\n${body}\n`;
const QUIZ = (yaml: string) => LESSON(`Some text.\n\n\`\`\`quiz\n${yaml}\n\`\`\`\n`);
const Q_OK = 'questions:\n  - id: q1\n    type: truefalse\n    prompt: P\n    answer: true\n    explanation: E';

let dirs: string[] = [];
afterEach(() => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
	dirs = [];
});

/** Writes { 'folder/file': content } into a temp dir and loads it, returning the issue lines. */
function loadTree(tree: Record<string, string>): string[] {
	const root = mkdtempSync(join(tmpdir(), 'cc-courses-'));
	dirs.push(root);
	for (const [rel, content] of Object.entries(tree)) {
		const [folder] = rel.split('/');
		mkdirSync(join(root, folder), { recursive: true });
		writeFileSync(join(root, rel), content);
	}
	try {
		loadCoursesFromDir(root, 'content/courses');
		return [];
	} catch (e) {
		if (!(e instanceof ContentError)) throw e;
		return e.issues.map(formatIssue);
	}
}

describe('loadCoursesFromDir with the fixture folders', () => {
	it('loads courses in folder order with lessons, quizzes and prerequisites', () => {
		const courses = loadCoursesFromDir(FIXTURES, FIXTURES);
		expect(courses.map((c) => c.slug)).toEqual(['phone-basics', 'calm-calls']);
		const [basics, calm] = courses;
		expect(basics.meta).toMatchObject({ title: 'Phone basics', level: 'beginner', passMark: 80 });
		expect(basics.lessons.map((l) => l.slug)).toEqual(['greeting', 'closing']);
		expect(basics.lessons[0].quizzes[0].questions.map((q) => q.type)).toEqual(['ordering', 'single']);
		expect(basics.lessons[1].quizzes[0].questions.map((q) => q.id)).toEqual(['closing-summary', 'closing-parts']);
		expect(calm.meta.prerequisites).toEqual(['phone-basics']);
		expect(basics.intro.trim()).toBe('This fixture course is used by unit and browser tests.');
	});

	it('hashes content stably and notices a one-character change', () => {
		const [basics] = loadCoursesFromDir(FIXTURES, FIXTURES);
		const again = courseContentHash(Object.fromEntries(Object.entries(basics.files).reverse()));
		expect(again).toBe(basics.contentHash);
		const changed = { ...basics.files, 'course.md': basics.files['course.md'].replace('tiny', 'tidy') };
		expect(courseContentHash(changed)).not.toBe(basics.contentHash);
		expect(basics.files['01-greeting.md']).toBe(
			readFileSync(join(FIXTURES, '01-phone-basics/01-greeting.md'), 'utf8')
		);
	});
});

describe('loader errors name path:line and what is wrong', () => {
	const cases: [string, Record<string, string>, string][] = [
		[
			'unknown prerequisite',
			{ '01-a/course.md': COURSE({ prerequisites: '[nope]' }), '01-a/01-l.md': LESSON() },
			'content/courses/01-a/course.md:6: unknown prerequisite "nope"'
		],
		[
			'duplicate course slug',
			{
				'01-a/course.md': COURSE(),
				'01-a/01-l.md': LESSON(),
				'02-a/course.md': COURSE(),
				'02-a/01-l.md': LESSON()
			},
			'content/courses/02-a/course.md:1: duplicate course slug "a" (also content/courses/01-a)'
		],
		[
			'prerequisite cycle',
			{
				'01-a/course.md': COURSE({ prerequisites: '[b]' }),
				'01-a/01-l.md': LESSON(),
				'02-b/course.md': COURSE({ prerequisites: '[a]' }),
				'02-b/01-l.md': LESSON()
			},
			'content/courses/01-a/course.md:6: prerequisite cycle: a → b → a'
		],
		[
			'course that requires itself',
			{ '01-a/course.md': COURSE({ prerequisites: '[a]' }), '01-a/01-l.md': LESSON() },
			'content/courses/01-a/course.md:6: a course cannot be its own prerequisite'
		],
		[
			'bad YAML in frontmatter',
			{ '01-a/course.md': COURSE({ summary: '"unclosed' }), '01-a/01-l.md': LESSON() },
			'content/courses/01-a/course.md:7: bad YAML: Missing closing "quote'
		],
		[
			'unknown level',
			{ '01-a/course.md': COURSE({ level: 'expert' }), '01-a/01-l.md': LESSON() },
			'content/courses/01-a/course.md:4: level: level must be one of beginner, intermediate, advanced'
		],
		[
			'missing pass mark',
			{ '01-a/course.md': COURSE({ passMark: '' }), '01-a/01-l.md': LESSON() },
			'content/courses/01-a/course.md:2: passMark: is required'
		],
		[
			'misspelt field',
			{ '01-a/course.md': COURSE({ pasMark: '80' }), '01-a/01-l.md': LESSON() },
			'content/courses/01-a/course.md:8: unknown field "pasMark"'
		],
		[
			'missing frontmatter',
			{ '01-a/course.md': COURSE(), '01-a/01-l.md': '# No frontmatter\n' },
			'content/courses/01-a/01-l.md:1: file must start with a `---` frontmatter block'
		],
		[
			'missing course.md',
			{ '01-a/01-l.md': LESSON() },
			'content/courses/01-a/course.md:1: course.md is missing'
		],
		[
			'course without lessons',
			{ '01-a/course.md': COURSE() },
			'content/courses/01-a:1: a course needs at least one lesson file'
		],
		[
			'badly named lesson file',
			{ '01-a/course.md': COURSE(), '01-a/Lesson One.md': LESSON() },
			'content/courses/01-a/Lesson One.md:1: unexpected file'
		],
		[
			'badly named course folder',
			{ 'a/course.md': COURSE(), 'a/01-l.md': LESSON() },
			'content/courses/a:1: course folder must be named NN-course-slug'
		],
		[
			'two lessons with the same number',
			{ '01-a/course.md': COURSE(), '01-a/01-x.md': LESSON(), '01-a/01-y.md': LESSON() },
			'content/courses/01-a/01-y.md:1: lesson number 01 is also used by 01-x.md'
		],
		[
			'single-choice quiz without a correct answer',
			{
				'01-a/course.md': COURSE(),
				'01-a/01-l.md': QUIZ('questions:\n  - id: q1\n    type: single\n    prompt: P\n    options: [a, b]\n    explanation: E')
			},
			'content/courses/01-a/01-l.md:9: quiz questions.0.answer: is required: the question has no correct answer'
		],
		[
			'single-choice answer pointing past the options',
			{
				'01-a/course.md': COURSE(),
				'01-a/01-l.md': QUIZ('questions:\n  - id: q1\n    type: single\n    prompt: P\n    options: [a, b]\n    answer: 2\n    explanation: E')
			},
			'content/courses/01-a/01-l.md:13: quiz questions.0.answer: answer must be the 0-based index of one of the options'
		],
		[
			'multiple-choice quiz with no correct option',
			{
				'01-a/course.md': COURSE(),
				'01-a/01-l.md': QUIZ('questions:\n  - id: q1\n    type: multiple\n    prompt: P\n    options: [a, b]\n    answer: []\n    explanation: E')
			},
			'content/courses/01-a/01-l.md:13: quiz questions.0.answer: needs at least one correct option'
		],
		[
			'true/false answer that is not a boolean',
			{
				'01-a/course.md': COURSE(),
				'01-a/01-l.md': QUIZ('questions:\n  - id: q1\n    type: truefalse\n    prompt: P\n    answer: maybe\n    explanation: E')
			},
			'content/courses/01-a/01-l.md:12: quiz questions.0.answer: answer must be true or false'
		],
		[
			'unknown question type',
			{
				'01-a/course.md': COURSE(),
				'01-a/01-l.md': QUIZ('questions:\n  - id: q1\n    type: essay\n    prompt: P\n    explanation: E')
			},
			'content/courses/01-a/01-l.md:10: quiz questions.0.type: type must be one of single, multiple, truefalse, ordering'
		],
		[
			'question without explanation',
			{
				'01-a/course.md': COURSE(),
				'01-a/01-l.md': QUIZ('questions:\n  - id: q1\n    type: truefalse\n    prompt: P\n    answer: true')
			},
			'content/courses/01-a/01-l.md:9: quiz questions.0.explanation: is required'
		],
		[
			'bad YAML inside a quiz',
			{ '01-a/course.md': COURSE(), '01-a/01-l.md': QUIZ('questions:\n  - id: q1\n   type: [unclosed') },
			'content/courses/01-a/01-l.md:1'
		],
		[
			'duplicate question id across lessons',
			{ '01-a/course.md': COURSE(), '01-a/01-l.md': QUIZ(Q_OK), '01-a/02-m.md': QUIZ(Q_OK) },
			'content/courses/01-a/02-m.md:9: duplicate question id "q1" (first used at content/courses/01-a/01-l.md:9)'
		]
	];

	it.each(cases)('%s', (_name, tree, expected) => {
		const issues = loadTree(tree);
		expect(issues.some((i) => i.startsWith(expected)), `got:\n${issues.join('\n')}`).toBe(true);
	});

	it('reports every problem at once, not only the first', () => {
		const issues = loadTree({
			'01-a/course.md': COURSE({ level: 'expert', prerequisites: '[nope]' }),
			'01-a/01-l.md': '# no frontmatter'
		});
		expect(issues.length).toBeGreaterThanOrEqual(2);
	});

	it('a valid tree loads without issues', () => {
		expect(loadTree({ '01-a/course.md': COURSE(), '01-a/01-l.md': QUIZ(Q_OK) })).toEqual([]);
	});
});

describe('course diagnostics in the reader’s language', () => {
	// A Bengali-speaking trainer saving or importing a course reads the same diagnostics in Bengali, at the same
	// file and line; outside a request (start-up) they stay English.
	const bengali = (tree: Record<string, string>) => inLocale('bn', () => loadTree(tree));
	it('words a quiz problem, a missing answer and a duplicate id in Bengali with path:line', () => {
		const noAnswer = { '01-a/course.md': COURSE(), '01-a/01-l.md': QUIZ('questions:\n  - id: q1\n    type: single\n    prompt: P\n    options: [a, b]\n    explanation: E') };
		expect(bengali(noAnswer)).toContain('content/courses/01-a/01-l.md:9: কুইজ: questions.0.answer: দিতেই হবে: প্রশ্নটির কোনো সঠিক উত্তর দেওয়া নেই');
		expect(loadTree(noAnswer)).toContain('content/courses/01-a/01-l.md:9: quiz questions.0.answer: is required: the question has no correct answer');
		const twice = { '01-a/course.md': COURSE(), '01-a/01-l.md': QUIZ(Q_OK), '01-a/02-m.md': QUIZ(Q_OK) };
		expect(bengali(twice)).toContain('content/courses/01-a/02-m.md:9: প্রশ্নের id "q1" দুবার আছে (প্রথম ব্যবহার content/courses/01-a/01-l.md:9-এ)');
	});
	it('words zod’s own checks and our schema checks in Bengali', () => {
		const issues = bengali({ '01-a/course.md': COURSE({ level: 'expert', pasMark: '70' }), '01-a/01-l.md': LESSON() });
		expect(issues.join('\n')).toMatch(/course\.md:\d+: level: level এগুলোর একটি হতে হবে: /);
		expect(issues.join('\n')).toMatch(/course\.md:\d+: অজানা ফিল্ড "pasMark"/);
		expect(issues.join('\n')).not.toMatch(/must be|unknown field|is required/);
	});
});
