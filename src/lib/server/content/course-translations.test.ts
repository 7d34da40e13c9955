// Courses in more than one language: `language:` in course.md, `<file>.<language>.md` translations beside the
// originals, their checks (path:line), and the pure choice of what a trainee reads.
import { describe, expect, it } from 'vitest';
import { formatIssue, parseCourseFiles, type LoadedCourse } from './courses';
import { contentLanguageOf, courseIn, languageNote, lessonIn, lessonLanguages } from './course-language';
import { contentLocale } from '../courses/content-locale';

const COURSE_MD = (extra = '') =>
	`---\ntitle: Greeting\nsummary: How to greet.\nlevel: beginner\nminutes: 10\nprerequisites: []\npassMark: 80\n${extra}---\nIntro.\n`;
const QUIZ = `\`\`\`quiz
questions:
  - id: q-single
    type: single
    prompt: Which first?
    options: [Greet, Argue]
    answer: 0
    explanation: Greet first.
  - id: q-order
    type: ordering
    prompt: Order
    items: [Greet, Verify, Close]
    explanation: That order.
\`\`\`
`;
const LESSON = `---\ntitle: Hello\nminutes: 5\n---\nSay hello.\n\n${QUIZ}`;
const LESSON_BN = `---\ntitle: নমস্কার\nminutes: 6\n---\nনমস্কার বলুন।\n\n${QUIZ.replace('Which first?', 'আগে কী?')
	.replace('[Greet, Argue]', '[অভিবাদন, তর্ক]')
	.replace('[Greet, Verify, Close]', '[অভিবাদন, যাচাই, বিদায়]')}`;

function parse(files: Record<string, string>) {
	const { course, issues } = parseCourseFiles('01-greeting', Object.entries(files).map(([name, content]) => ({ name, content })), 'content/courses/01-greeting');
	return { course, issues: issues.map(formatIssue) };
}

describe('course language and translation files', () => {
	it('loads an English course with Bengali translations of course.md and a lesson', () => {
		const { course, issues } = parse({
			'course.md': COURSE_MD(),
			'course.bn.md': '---\ntitle: অভিবাদন\nsummary: কীভাবে অভিবাদন জানাবেন।\n---\nভূমিকা।\n',
			'01-hello.md': LESSON,
			'01-hello.bn.md': LESSON_BN,
			'02-bye.md': '---\ntitle: Bye\nminutes: 3\n---\nSay bye.\n'
		});
		expect(issues).toEqual([]);
		expect(course!.language).toBe('en');
		expect(course!.lessons.map((l) => l.slug)).toEqual(['hello', 'bye']);
		expect(course!.translations.bn).toEqual({ title: 'অভিবাদন', summary: 'কীভাবে অভিবাদন জানাবেন।', intro: 'ভূমিকা।\n' });
		const bn = course!.lessons[0].translations.bn!;
		expect(bn).toMatchObject({ fileName: '01-hello.bn.md', title: 'নমস্কার', minutes: 6 });
		expect(bn.quizzes[0].questions[1]).toMatchObject({ id: 'q-order', items: ['অভিবাদন', 'যাচাই', 'বিদায়'] });
		expect(course!.lessons[1].translations).toEqual({});
		// The translation files are part of the course's files (stored, hashed, exported).
		expect(Object.keys(course!.files).sort()).toEqual(['01-hello.bn.md', '01-hello.md', '02-bye.md', 'course.bn.md', 'course.md']);
	});

	it('loads an original Bengali course (language: bn) with no English at all', () => {
		const { course, issues } = parse({ 'course.md': COURSE_MD('language: bn\n'), '01-hello.md': LESSON_BN });
		expect(issues).toEqual([]);
		expect(course!.language).toBe('bn');
		expect(course!.meta.language).toBe('bn');
	});

	it('refuses an unknown language in course.md with its line', () => {
		const { issues } = parse({ 'course.md': COURSE_MD('language: xx\n'), '01-hello.md': LESSON });
		expect(issues).toEqual(['content/courses/01-greeting/course.md:8: language: language must be one of en, bn']);
	});

	it('refuses a translation file in an unknown language, into the course language, or of a missing lesson', () => {
		const { issues } = parse({
			'course.md': COURSE_MD(),
			'01-hello.md': LESSON,
			'01-hello.fr.md': LESSON,
			'01-hello.en.md': LESSON,
			'02-gone.bn.md': LESSON_BN
		});
		expect(issues).toEqual([
			'content/courses/01-greeting/01-hello.en.md:1: the course is written in "en" already: put this text in 01-hello.md, or set language in course.md',
			'content/courses/01-greeting/01-hello.fr.md:1: unknown language "fr" in the file name: known languages are en, bn',
			'content/courses/01-greeting/02-gone.bn.md:1: translates 02-gone.md, which is not in the course'
		]);
	});

	it('requires a translated quiz to keep the original questions, answers and number of options', () => {
		const changedAnswer = LESSON_BN.replace('answer: 0', 'answer: 1');
		expect(parse({ 'course.md': COURSE_MD(), '01-hello.md': LESSON, '01-hello.bn.md': changedAnswer }).issues).toEqual([
			'content/courses/01-greeting/01-hello.bn.md:9: question "q-single": the answer (0) must be the same as in 01-hello.md'
		]);
		const renamed = LESSON_BN.replace('id: q-order', 'id: q-other');
		expect(parse({ 'course.md': COURSE_MD(), '01-hello.md': LESSON, '01-hello.bn.md': renamed }).issues).toEqual([
			'content/courses/01-greeting/01-hello.bn.md:15: question "q-other": the id (the original\'s question 2 is "q-order") must be the same as in 01-hello.md'
		]);
		const fewerItems = LESSON_BN.replace('[অভিবাদন, যাচাই, বিদায়]', '[অভিবাদন, বিদায়]');
		expect(parse({ 'course.md': COURSE_MD(), '01-hello.md': LESSON, '01-hello.bn.md': fewerItems }).issues).toEqual([
			'content/courses/01-greeting/01-hello.bn.md:15: question "q-order": the number of items (3) must be the same as in 01-hello.md'
		]);
		const noQuiz = '---\ntitle: নমস্কার\nminutes: 6\n---\nনমস্কার বলুন।\n';
		expect(parse({ 'course.md': COURSE_MD(), '01-hello.md': LESSON, '01-hello.bn.md': noQuiz }).issues).toEqual([
			'content/courses/01-greeting/01-hello.bn.md:1: has 0 quiz block(s) but 01-hello.md has 1: a translation keeps every quiz'
		]);
	});

	it('checks a translation of course.md: only title and summary, both required', () => {
		const { issues } = parse({ 'course.md': COURSE_MD(), 'course.bn.md': '---\ntitle: অভিবাদন\npassMark: 50\n---\n', '01-hello.md': LESSON });
		expect(issues).toEqual([
			'content/courses/01-greeting/course.bn.md:2: summary: is required',
			'content/courses/01-greeting/course.bn.md:3: unknown field "passMark"'
		]);
	});
});

describe('choosing the language a trainee reads', () => {
	const load = (files: Record<string, string>): LoadedCourse => parse(files).course!;
	const english = load({
		'course.md': COURSE_MD(),
		'course.bn.md': '---\ntitle: অভিবাদন\nsummary: সারাংশ।\n---\n',
		'01-hello.md': LESSON,
		'01-hello.bn.md': LESSON_BN,
		'02-bye.md': '---\ntitle: Bye\nminutes: 3\n---\nSay bye.\n'
	});
	const bengaliOnly = load({ 'course.md': COURSE_MD('language: bn\n'), '01-hello.md': LESSON_BN });

	it('gives the translation when there is one, with its own quizzes', () => {
		const lesson = lessonIn(english.lessons[0], 'en', 'bn');
		expect(lesson).toMatchObject({ slug: 'hello', title: 'নমস্কার', language: 'bn', fallback: false });
		expect(lesson.quizzes[0].questions[0]).toMatchObject({ prompt: 'আগে কী?' });
		expect(languageNote(lesson, 'bn', 'lesson')).toBeNull();
	});

	it('falls back to the original with a note in the trainee’s language', () => {
		const lesson = lessonIn(english.lessons[1], 'en', 'bn');
		expect(lesson).toMatchObject({ slug: 'bye', title: 'Bye', language: 'en', fallback: true });
		expect(languageNote(lesson, 'bn', 'lesson')).toBe('এই পাঠটি এখনও বাংলায় পাওয়া যায় না, তাই ইংরেজিতে দেখানো হচ্ছে।');
		const bnForEnglishReader = lessonIn(bengaliOnly.lessons[0], 'bn', 'en');
		expect(bnForEnglishReader).toMatchObject({ title: 'নমস্কার', language: 'bn', fallback: true });
		expect(languageNote(bnForEnglishReader, 'en', 'lesson')).toBe('This lesson is not available in English yet, so it is shown in Bengali (বাংলা).');
	});

	it('keeps English readers on the English original with no note (the default)', () => {
		const lesson = lessonIn(english.lessons[0], 'en', 'en');
		expect(lesson).toMatchObject({ title: 'Hello', language: 'en', fallback: false });
		expect(courseIn(english, 'en')).toMatchObject({ title: 'Greeting', summary: 'How to greet.', fallback: false });
	});

	it('translates the course title and summary, and lists the languages of a lesson', () => {
		expect(courseIn(english, 'bn')).toEqual({ title: 'অভিবাদন', summary: 'সারাংশ।', intro: '', language: 'bn', fallback: false });
		expect(courseIn(bengaliOnly, 'en')).toMatchObject({ language: 'bn', fallback: true });
		expect(lessonLanguages(english.lessons[0], 'en')).toEqual(['en', 'bn']);
		expect(lessonLanguages(english.lessons[1], 'en')).toEqual(['en']);
	});

	it.each([
		['bn', 'bn'],
		['bn-BD', 'bn'],
		['BN_bd', 'bn'],
		['en-GB', 'en'],
		['fr', 'en'],
		['', 'en'],
		[undefined, 'en'],
		[42, 'en']
	])('reads the locale %j as content language %s', (locale, expected) => {
		expect(contentLanguageOf(locale)).toBe(expected);
	});
});

describe('contentLocale: where the trainee’s language comes from', () => {
	const cookies = (values: Record<string, string>) => ({ get: (name: string) => values[name] });
	const locals = (extra: Record<string, unknown> = {}) => ({ requestId: 'r', user: null, session: null, ...extra }) as App.Locals;

	it('takes the interface locale from the hook first, then the locale cookie, else English', () => {
		expect(contentLocale({ locals: locals({ locale: 'bn-BD' }), cookies: cookies({ PARAGLIDE_LOCALE: 'en' }) })).toBe('bn');
		expect(contentLocale({ locals: locals({ locale: 'en' }), cookies: cookies({ lang: 'bn' }) })).toBe('en');
		expect(contentLocale({ locals: locals(), cookies: cookies({ PARAGLIDE_LOCALE: 'bn' }) })).toBe('bn');
		expect(contentLocale({ locals: locals(), cookies: cookies({ lang: 'bn' }) })).toBe('bn');
		expect(contentLocale({ locals: locals(), cookies: cookies({ lang: 'xx' }) })).toBe('en');
		expect(contentLocale({ locals: locals(), cookies: cookies({}) })).toBe('en');
	});
});
