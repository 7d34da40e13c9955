// Pure helpers on a course's files: compose/decompose a file from form fields, rename lessons when
// reordering, and locate a lesson by slug. No database here.
import { parse, stringify } from 'yaml';
import { COURSE_FILE, LESSON_FILE_PATTERN, normalizeNewlines, translationOf } from '$lib/server/content/courses';

export type Files = Record<string, string>;

/** Form fields arrive as strings; numbers and lists are converted so the schema can judge them. */
function toYamlValue(key: string, value: string | string[]): unknown {
	if (Array.isArray(value)) return value;
	const trimmed = value.trim();
	if ((key === 'minutes' || key === 'passMark' || key === 'revealAnswersAfter') && /^-?\d+$/.test(trimmed)) return Number(trimmed);
	return trimmed;
}

/** Builds `---\nfrontmatter\n---\nbody` from fields (in the given order) and a Markdown body. */
export function composeFile(fields: [string, string | string[]][], body: string): string {
	const data: Record<string, unknown> = {};
	for (const [key, value] of fields) {
		if (value === '' && key !== 'prerequisites') continue;
		data[key] = toYamlValue(key, value);
	}
	const yaml = stringify(data, { lineWidth: 0, flowCollectionPadding: false }).trimEnd();
	const text = normalizeNewlines(body).replace(/^\n+/, '');
	return `---\n${yaml}\n---\n${text.endsWith('\n') || text === '' ? text : text + '\n'}`;
}

export type Decomposed = { fields: Record<string, unknown>; body: string; bodyLine: number; ok: boolean };

/** Splits a file into its frontmatter values and body (best effort: broken YAML keeps everything in the body). */
export function decomposeFile(source: string): Decomposed {
	const text = normalizeNewlines(source);
	const match = /^---\n([\s\S]*?)\n---\n?/.exec(text);
	if (!match) return { fields: {}, body: text, bodyLine: 1, ok: false };
	try {
		const fields = parse(match[1]);
		if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) throw new Error('not a map');
		return {
			fields: fields as Record<string, unknown>,
			body: text.slice(match[0].length),
			bodyLine: match[0].split('\n').length - (match[0].endsWith('\n') ? 0 : 1),
			ok: true
		};
	} catch {
		return { fields: {}, body: text, bodyLine: 1, ok: false };
	}
}

/** The lesson files in order (translations beside them, `NN-slug.<language>.md`, are not lessons of their own). */
export function lessonFiles(files: Files): string[] {
	return Object.keys(files)
		.filter((n) => n !== COURSE_FILE && !translationOf(n))
		.sort();
}

/** The translations of one file (a lesson file or course.md) present in `files`: language tag → file name. */
export function translationFiles(files: Files, original: string): { language: string; fileName: string }[] {
	return Object.keys(files)
		.sort()
		.flatMap((n) => {
			const t = translationOf(n);
			return t && t.original === original ? [{ language: t.language, fileName: n }] : [];
		});
}

/** The file name of `original`'s translation into `language`. */
export function translationFileName(original: string, language: string): string {
	return original.replace(/\.md$/, `.${language}.md`);
}

export function lessonSlugOf(fileName: string): string | null {
	return LESSON_FILE_PATTERN.exec(fileName)?.[2] ?? null;
}

export function findLessonFile(files: Files, slug: string): string | null {
	return lessonFiles(files).find((n) => lessonSlugOf(n) === slug) ?? null;
}

function numbered(position: number, slug: string): string {
	return `${String(position).padStart(2, '0')}-${slug}.md`;
}

/** Renumbers lessons 01, 02, … in the given order of slugs; translations move with their lesson. */
export function renumberLessons(files: Files, slugsInOrder: string[]): Files {
	const out: Files = { [COURSE_FILE]: files[COURSE_FILE] };
	// course.md's translations, and any translation whose lesson is missing (a draft may hold one), stay as they are.
	for (const name of Object.keys(files)) {
		const t = translationOf(name);
		if (t && !(t.original !== COURSE_FILE && t.original in files)) out[name] = files[name];
	}
	slugsInOrder.forEach((slug, i) => {
		const current = findLessonFile(files, slug);
		if (!current) return;
		const name = numbered(i + 1, slug);
		out[name] = files[current];
		for (const t of translationFiles(files, current)) out[translationFileName(name, t.language)] = files[t.fileName];
	});
	return out;
}

/** Moves one lesson up (-1) or down (+1). Unknown slugs or moves past the ends change nothing. */
export function moveLesson(files: Files, slug: string, by: -1 | 1): Files {
	const slugs = lessonFiles(files).map((n) => lessonSlugOf(n) ?? n);
	const from = slugs.indexOf(slug);
	const to = from + by;
	if (from < 0 || to < 0 || to >= slugs.length) return files;
	[slugs[from], slugs[to]] = [slugs[to], slugs[from]];
	return renumberLessons(files, slugs);
}

/** Appends a new lesson file with a starter text. */
export function addLesson(files: Files, slug: string, title: string): Files {
	const count = lessonFiles(files).length;
	const body = `## ${title}\n\nWrite the lesson here. Use \`##\` headings, lists and tables.\n`;
	return { ...files, [numbered(count + 1, slug)]: composeFile([['title', title], ['minutes', '10']], body) };
}

export function removeLesson(files: Files, slug: string): Files {
	const file = findLessonFile(files, slug);
	if (!file) return files;
	const rest = { ...files };
	delete rest[file];
	for (const t of translationFiles(files, file)) delete rest[t.fileName];
	return renumberLessons(rest, lessonFiles(rest).map((n) => lessonSlugOf(n) ?? n));
}

/** The language course.md says the course is written in (`en` when unset or unreadable). */
export function courseLanguageOf(files: Files): string {
	const language = decomposeFile(files[COURSE_FILE] ?? '').fields.language;
	return typeof language === 'string' && language ? language : 'en';
}

/**
 * Starts a translation of `original` (course.md or a lesson file) into `language` as a copy of it: the quizzes are
 * already in the shape the loader requires, and the trainer replaces the words. course.md's copy keeps only the
 * fields a translation has (title, summary) and the introduction.
 */
export function addTranslation(files: Files, original: string, language: string): Files {
	const source = files[original];
	if (source === undefined) return files;
	const name = translationFileName(original, language);
	if (original !== COURSE_FILE) return { ...files, [name]: source };
	const { fields, body } = decomposeFile(source);
	return { ...files, [name]: composeFile([['title', String(fields.title ?? '')], ['summary', String(fields.summary ?? '')]], body) };
}

/** The starting files of a course created in the browser. */
export function newCourseFiles(title: string): Files {
	const courseMd = composeFile(
		[
			['title', title],
			['summary', 'One or two sentences shown in the catalogue.'],
			['level', 'beginner'],
			['minutes', '30'],
			['prerequisites', []],
			['passMark', '80']
		],
		'What trainees will learn in this course.\n'
	);
	return addLesson({ [COURSE_FILE]: courseMd }, 'introduction', 'Introduction');
}
