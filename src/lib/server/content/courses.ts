// Loads and validates course folders (content/courses/NN-slug/…): frontmatter, lessons and ```quiz
// blocks. Every problem is reported as `path:line: what is wrong`; a bad file stops start-up.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Lexer, type Token } from 'marked';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { formatInteger } from '$lib/i18n/format';
import {
	CONTENT_LANGUAGES,
	courseFrontmatterSchema,
	courseTranslationFrontmatterSchema,
	isContentLanguage,
	lessonFrontmatterSchema,
	quizBlockSchema,
	type ContentLanguage,
	type CourseFrontmatter,
	type QuizQuestion
} from '../../schemas/course';
import { checkMarkdown, checkYaml, yamlAliasViolation, YAML_DOCUMENT_OPTIONS, YAML_TO_JS_OPTIONS, type LimitName, type LimitViolation, violationText } from './limits';

/** A problem in a file; `limit` is set when an input limit was passed (such content is never stored). */
export type ContentIssue = { path: string; line: number; message: string; limit?: LimitName };

export function formatIssue(issue: ContentIssue): string {
	return `${issue.path}:${issue.line}: ${issue.message}`;
}

export class ContentError extends Error {
	constructor(readonly issues: ContentIssue[]) {
		super(`Invalid course content:\n${issues.map(formatIssue).join('\n')}`);
		this.name = 'ContentError';
	}
}

export type LoadedQuiz = {
	index: number;
	/** Line of the opening ```quiz fence. */
	line: number;
	questions: QuizQuestion[];
	/** Line of each question's `id:` in the file. */
	questionLines: Record<string, number>;
};

/** What a lesson file holds, in one language. */
export type LessonText = {
	fileName: string;
	title: string;
	minutes: number;
	/** Markdown after the frontmatter. */
	body: string;
	quizzes: LoadedQuiz[];
};

/** A lesson in its course's language, with its translations (`NN-slug.<language>.md`) by language. */
export type LoadedLesson = LessonText & {
	slug: string;
	translations: Partial<Record<ContentLanguage, LessonText>>;
};

/** What course.md (or a `course.<language>.md` translation) says to trainees. */
export type CourseText = { title: string; summary: string; intro: string };

export type LoadedCourse = {
	slug: string;
	/** Folder name, e.g. `02-telephone-etiquette`. */
	folder: string;
	meta: CourseFrontmatter;
	/** Markdown after course.md's frontmatter: the course introduction. */
	intro: string;
	/** The language course.md and the lesson files are written in (`meta.language`). */
	language: ContentLanguage;
	/** Translated title, summary and introduction by language (`course.<language>.md`). */
	translations: Partial<Record<ContentLanguage, CourseText>>;
	lessons: LoadedLesson[];
	/** Exact file contents by file name: what versions store and exports write. */
	files: Record<string, string>;
	contentHash: string;
};

export const COURSE_FILE = 'course.md';
export const COURSE_FOLDER_PATTERN = /^(\d{2,3})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
export const LESSON_FILE_PATTERN = /^(\d{2,3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
/** A translation beside the file it translates: `course.<language>.md` or `NN-lesson-slug.<language>.md`. */
export const TRANSLATION_FILE_PATTERN = /^(course|\d{2,3}-[a-z0-9]+(?:-[a-z0-9]+)*)\.([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)\.md$/;

/** The file a translation translates and its language tag (as written, maybe unknown); null for other names. */
export function translationOf(fileName: string): { original: string; language: string } | null {
	const found = TRANSLATION_FILE_PATTERN.exec(fileName);
	return found ? { original: `${found[1]}.md`, language: found[2] } : null;
}

/** Stable hash of a course's files (names and bytes), independent of the order they are listed in. */
export function courseContentHash(files: Record<string, string>): string {
	const hash = createHash('sha256');
	for (const name of Object.keys(files).sort()) {
		hash.update(name).update('\0').update(normalizeNewlines(files[name])).update('\0');
	}
	return hash.digest('hex');
}

export function normalizeNewlines(text: string): string {
	return text.replace(/\r\n?/g, '\n');
}

type Frontmatter = { doc: Document | null; counter: LineCounter; firstLine: number; body: string; bodyLine: number };

/** Splits `---\n yaml \n---\n body`. Line numbers are 1-based within the file. */
function splitFrontmatter(source: string, path: string, issues: ContentIssue[]): Frontmatter | null {
	const lines = normalizeNewlines(source).split('\n');
	if (lines[0]?.trim() !== '---') {
		issues.push({ path, line: 1, message: m.crs_err_no_frontmatter() });
		return null;
	}
	const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
	if (end < 0) {
		issues.push({ path, line: 1, message: m.crs_err_frontmatter_open() });
		return null;
	}
	const firstLine = 2;
	const yamlText = lines.slice(1, end).join('\n');
	const tooBig = checkYaml(yamlText);
	if (tooBig) {
		issues.push(limitIssue(path, firstLine - 1 + tooBig.line, tooBig));
		return null;
	}
	const counter = new LineCounter();
	const doc = parseDocument(yamlText, { lineCounter: counter, ...YAML_DOCUMENT_OPTIONS });
	for (const err of doc.errors) {
		issues.push({ path, line: firstLine - 1 + (err.linePos?.[0].line ?? 1), message: m.crs_err_bad_yaml({ detail: firstSentence(err.message) }) });
	}
	return {
		doc: doc.errors.length ? null : doc,
		counter,
		firstLine,
		body: lines.slice(end + 1).join('\n'),
		bodyLine: end + 2
	};
}

function limitIssue(path: string, line: number, v: LimitViolation): ContentIssue {
	return { path, line, message: violationText(v), limit: v.limit };
}

/** A document's plain value; an alias bomb (or an alias without its anchor) becomes an issue instead of a throw. */
function toJSChecked(doc: Document, path: string, line: number, issues: ContentIssue[]): { value: unknown } | null {
	try {
		return { value: doc.toJS(YAML_TO_JS_OPTIONS) ?? {} };
	} catch (e) {
		const v = yamlAliasViolation(e);
		issues.push(v ? limitIssue(path, line, v) : { path, line, message: m.crs_err_bad_yaml({ detail: firstSentence(e instanceof Error ? e.message : String(e)) }) });
		return null;
	}
}

/** yaml's message without its own position (ours is relative to the file, theirs to the block). */
function firstSentence(message: string): string {
	return message.split('\n')[0].replace(/ at line \d+, column \d+:?\s*$/, '').trim();
}

/** Line of the YAML node at `path` (or its nearest existing parent). */
function lineOf(doc: Document, counter: LineCounter, path: PropertyKey[], firstLine: number): number {
	for (let n = path.length; n >= 0; n--) {
		const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
		if (node && typeof node === 'object' && node.range) return firstLine - 1 + counter.linePos(node.range[0]).line;
	}
	return firstLine;
}

function zodIssues(
	error: z.ZodError,
	doc: Document,
	counter: LineCounter,
	firstLine: number,
	path: string,
	prefix: PropertyKey[] = []
): ContentIssue[] {
	return error.issues.map((issue) => {
		let keyPath = [...prefix, ...issue.path];
		let message = issue.message;
		if (issue.code === 'unrecognized_keys') {
			message = m.crs_err_unknown_fields({ names: issue.keys.map((k) => `"${k}"`).join(', ') });
			keyPath = [...keyPath, issue.keys[0]];
		} else if (issue.code === 'invalid_type' && doc.getIn(keyPath as (string | number)[]) === undefined) {
			message = issue.path.at(-1) === 'answer' ? m.crs_err_required_answer() : m.crs_err_required();
		}
		const field = issue.path.length ? `${issue.path.join('.')}: ` : '';
		return { path, line: lineOf(doc, counter, keyPath, firstLine), message: `${field}${message}` };
	});
}

/** ```quiz fences in document order with the 1-based line of their opening fence (within `body`). */
function findQuizFences(body: string): { text: string; line: number }[] {
	// Most bodies have no quiz: skip the lexer (tens of ms on 400 kB of pathological text) when no fence says "quiz".
	if (!/(?:`{3,}|~{3,})[ \t]*quiz/.test(body)) return [];
	// Block level only: quiz fences are blocks, and inline tokenizing is where pathological text is slow.
	const tokens = new Lexer({ gfm: true }).blockTokens(body, []);
	const found: { text: string; line: number }[] = [];
	let cursor = 0;
	const visit = (list: Token[]) => {
		for (const token of list) {
			if (token.type === 'code' && (token.lang ?? '').trim() === 'quiz') {
				const at = body.indexOf(token.raw, cursor);
				const offset = at >= 0 ? at : cursor;
				cursor = offset + token.raw.length;
				const line = body.slice(0, offset).split('\n').length;
				found.push({ text: token.text, line });
			}
			const children = (token as { tokens?: Token[] }).tokens;
			if (children) visit(children);
			const items = (token as { items?: Token[] }).items;
			if (items) visit(items);
		}
	};
	visit(tokens);
	return found;
}

function parseQuiz(
	fence: { text: string; line: number },
	index: number,
	bodyLine: number,
	path: string,
	issues: ContentIssue[]
): LoadedQuiz | null {
	// The YAML starts on the line after the opening fence.
	const firstLine = bodyLine - 1 + fence.line + 1;
	const tooBig = checkYaml(fence.text);
	if (tooBig) {
		issues.push(limitIssue(path, firstLine - 1 + tooBig.line, tooBig));
		return null;
	}
	const counter = new LineCounter();
	const doc = parseDocument(fence.text, { lineCounter: counter, ...YAML_DOCUMENT_OPTIONS });
	if (doc.errors.length) {
		for (const err of doc.errors) {
			issues.push({ path, line: firstLine - 1 + (err.linePos?.[0].line ?? 1), message: m.crs_err_bad_quiz_yaml({ detail: firstSentence(err.message) }) });
		}
		return null;
	}
	const plain = toJSChecked(doc, path, firstLine, issues);
	if (!plain) return null;
	const parsed = quizBlockSchema.safeParse(plain.value);
	if (!parsed.success) {
		for (const issue of zodIssues(parsed.error, doc, counter, firstLine, path)) {
			issues.push({ ...issue, message: m.crs_err_quiz_prefix({ message: issue.message }) });
		}
		return null;
	}
	const questionLines: Record<string, number> = {};
	parsed.data.questions.forEach((q, i) => {
		questionLines[q.id] = lineOf(doc, counter, ['questions', i, 'id'], firstLine);
	});
	return { index, line: firstLine - 1, questions: parsed.data.questions, questionLines };
}

export type CourseFile = { name: string; content: string };

/** Parses one lesson file (frontmatter + quizzes); pushes its problems onto `issues`. */
export function parseLessonFile(name: string, slug: string, source: string, path: string, issues: ContentIssue[]): LoadedLesson | null {
	const fm = splitFrontmatter(source, path, issues);
	if (!fm?.doc) return null;
	const plain = toJSChecked(fm.doc, path, fm.firstLine, issues);
	if (!plain) return null;
	const parsed = lessonFrontmatterSchema.safeParse(plain.value);
	if (!parsed.success) {
		issues.push(...zodIssues(parsed.error, fm.doc, fm.counter, fm.firstLine, path));
		return null;
	}
	const quizzes: LoadedQuiz[] = [];
	// A body past the Markdown limits is not searched for quizzes (its nesting would overflow the lexer). It is not an
	// issue here: rendering it answers the limit (an error panel where it is shown), and saving or publishing it is
	// refused by the render check (authoring's unstorableIssues), so only a version stored before that check has one.
	if (!checkMarkdown(fm.body)) findQuizFences(fm.body).forEach((fence, index) => {
		const quiz = parseQuiz(fence, index, fm.bodyLine, path, issues);
		if (quiz) quizzes.push(quiz);
	});
	return { slug, fileName: name, ...parsed.data, body: fm.body, quizzes, translations: {} };
}

/**
 * A translated lesson must keep the original's quizzes question for question (same ids, types, answers and number of
 * options or items), so an attempt means the same in every language and progress is shared.
 */
export function quizShapeIssues(original: LessonText, translated: LessonText, path: string): ContentIssue[] {
	const issues: ContentIssue[] = [];
	const orig = original.quizzes;
	const tr = translated.quizzes;
	if (orig.length !== tr.length) {
		const line = tr[orig.length]?.line ?? tr.at(-1)?.line ?? 1;
		issues.push({ path, line, message: m.crs_err_translation_quizzes({ count: formatInteger(tr.length), original: original.fileName, expected: formatInteger(orig.length) }) });
	}
	for (let i = 0; i < Math.min(orig.length, tr.length); i++) {
		const a = orig[i].questions;
		const b = tr[i].questions;
		if (a.length !== b.length) {
			issues.push({ path, line: tr[i].line, message: m.crs_err_translation_questions({ number: formatInteger(i + 1), count: formatInteger(b.length), expected: formatInteger(a.length) }) });
			continue;
		}
		a.forEach((qa, j) => {
			const qb = b[j];
			const line = tr[i].questionLines[qb.id] ?? tr[i].line;
			const differs = (what: string) => issues.push({ path, line, message: m.crs_err_translation_differs({ id: qb.id, what, original: original.fileName }) });
			if (qa.id !== qb.id) return differs(m.crs_err_differs_id({ number: formatInteger(j + 1), id: qa.id }));
			if (qa.type !== qb.type) return differs(m.crs_err_differs_type({ type: qa.type }));
			if ('answer' in qa && 'answer' in qb && JSON.stringify(qa.answer) !== JSON.stringify(qb.answer)) {
				return differs(m.crs_err_differs_answer({ answer: JSON.stringify(qa.answer) }));
			}
			if ('options' in qa && 'options' in qb && qa.options.length !== qb.options.length) {
				return differs(m.crs_err_differs_options({ count: formatInteger(qa.options.length) }));
			}
			if ('items' in qa && 'items' in qb && qa.items.length !== qb.items.length) return differs(m.crs_err_differs_items({ count: formatInteger(qa.items.length) }));
		});
	}
	return issues;
}

/** Parses `course.<language>.md`: translated title and summary, body = introduction. */
function parseCourseTranslation(source: string, path: string, issues: ContentIssue[]): CourseText | null {
	const fm = splitFrontmatter(source, path, issues);
	if (!fm?.doc) return null;
	const plain = toJSChecked(fm.doc, path, fm.firstLine, issues);
	if (!plain) return null;
	const parsed = courseTranslationFrontmatterSchema.safeParse(plain.value);
	if (!parsed.success) {
		issues.push(...zodIssues(parsed.error, fm.doc, fm.counter, fm.firstLine, path));
		return null;
	}
	return { ...parsed.data, intro: fm.body };
}

/**
 * Parses one course from its files (from disk, an upload or the editor). `dir` is how paths are
 * shown in messages, e.g. `content/courses/02-telephone-etiquette`.
 */
export function parseCourseFiles(
	folder: string,
	fileList: CourseFile[],
	dir: string
): { course: LoadedCourse | null; issues: ContentIssue[] } {
	const issues: ContentIssue[] = [];
	const folderMatch = COURSE_FOLDER_PATTERN.exec(folder);
	if (!folderMatch) {
		issues.push({ path: dir, line: 1, message: m.crs_err_folder_name() });
	}
	const slug = folderMatch?.[2] ?? folder;
	const files: Record<string, string> = {};
	for (const f of fileList) files[f.name] = normalizeNewlines(f.content);

	const courseSource = files[COURSE_FILE];
	let meta: CourseFrontmatter | null = null;
	let intro = '';
	if (courseSource === undefined) {
		issues.push({ path: `${dir}/${COURSE_FILE}`, line: 1, message: m.crs_err_course_md_missing() });
	} else {
		const path = `${dir}/${COURSE_FILE}`;
		const fm = splitFrontmatter(courseSource, path, issues);
		const plain = fm?.doc ? toJSChecked(fm.doc, path, fm.firstLine, issues) : null;
		if (fm?.doc && plain) {
			const parsed = courseFrontmatterSchema.safeParse(plain.value);
			if (parsed.success) meta = parsed.data;
			else issues.push(...zodIssues(parsed.error, fm.doc, fm.counter, fm.firstLine, path));
			intro = fm.body;
		}
		if (meta?.prerequisites.includes(slug)) {
			issues.push({ path, line: fm?.doc ? lineOf(fm.doc, fm.counter, ['prerequisites'], fm.firstLine) : 1, message: m.crs_err_own_prerequisite() });
		}
	}

	const lessons: LoadedLesson[] = [];
	const lessonNumbers = new Map<string, string>();
	const lessonSlugs = new Map<string, string>();
	const questionIds = new Map<string, string>();
	const otherNames = Object.keys(files)
		.filter((n) => n !== COURSE_FILE)
		.sort();
	const translationNames = otherNames.filter((n) => translationOf(n));
	const lessonNames = otherNames.filter((n) => !translationOf(n));
	for (const name of lessonNames) {
		const path = `${dir}/${name}`;
		const match = LESSON_FILE_PATTERN.exec(name);
		if (!match) {
			issues.push({ path, line: 1, message: m.crs_err_unexpected_file() });
			continue;
		}
		const [, number, lessonSlug] = match;
		if (lessonNumbers.has(number)) {
			issues.push({ path, line: 1, message: m.crs_err_lesson_number_used({ number: String(number), other: String(lessonNumbers.get(number)) }) });
		}
		lessonNumbers.set(number, name);
		if (lessonSlugs.has(lessonSlug)) {
			issues.push({ path, line: 1, message: m.crs_err_duplicate_lesson({ slug: lessonSlug, other: String(lessonSlugs.get(lessonSlug)) }) });
		}
		lessonSlugs.set(lessonSlug, name);

		const lesson = parseLessonFile(name, lessonSlug, files[name], path, issues);
		if (!lesson) continue;
		// Question ids must be unique within the course: attempts and answers refer to them.
		for (const quiz of lesson.quizzes) {
			for (const q of quiz.questions) {
				const line = quiz.questionLines[q.id];
				if (questionIds.has(q.id)) {
					issues.push({ path, line, message: m.crs_err_duplicate_question({ id: q.id, first: String(questionIds.get(q.id)) }) });
				} else questionIds.set(q.id, `${path}:${line}`);
			}
		}
		lessons.push(lesson);
	}
	if (lessonNames.length === 0) {
		issues.push({ path: dir, line: 1, message: m.crs_err_no_lessons() });
	}

	const language = meta?.language ?? 'en';
	const translations: LoadedCourse['translations'] = {};
	for (const name of translationNames) {
		const path = `${dir}/${name}`;
		const { original, language: tag } = translationOf(name)!;
		if (!isContentLanguage(tag)) {
			issues.push({ path, line: 1, message: m.crs_err_unknown_language({ tag, known: CONTENT_LANGUAGES.join(', ') }) });
			continue;
		}
		if (tag === language) {
			issues.push({ path, line: 1, message: m.crs_err_already_in_language({ language, original }) });
			continue;
		}
		if (original === COURSE_FILE) {
			const text = parseCourseTranslation(files[name], path, issues);
			if (text) translations[tag] = text;
			continue;
		}
		const lesson = lessons.find((l) => l.fileName === original);
		if (!lesson) {
			if (!lessonNames.includes(original)) issues.push({ path, line: 1, message: m.crs_err_translates_missing({ original }) });
			continue;
		}
		const text = parseLessonFile(name, lesson.slug, files[name], path, issues);
		if (!text) continue;
		const shapeIssues = quizShapeIssues(lesson, text, path);
		issues.push(...shapeIssues);
		if (!shapeIssues.length) lesson.translations[tag] = { fileName: name, title: text.title, minutes: text.minutes, body: text.body, quizzes: text.quizzes };
	}

	if (issues.length || !meta) return { course: null, issues };
	return {
		course: { slug, folder, meta, intro, language, translations, lessons, files, contentHash: courseContentHash(files) },
		issues
	};
}

/** Checks what only the whole catalogue can tell: duplicate slugs, unknown prerequisites, cycles. */
export function validateCourseSet(courses: { course: LoadedCourse; dir: string }[]): ContentIssue[] {
	const issues: ContentIssue[] = [];
	const bySlug = new Map<string, { course: LoadedCourse; dir: string }>();
	const prereqLine = (c: LoadedCourse) => {
		const lines = c.files[COURSE_FILE].split('\n');
		const i = lines.findIndex((l) => /^prerequisites\s*:/.test(l));
		return i >= 0 ? i + 1 : 1;
	};
	for (const entry of courses) {
		const other = bySlug.get(entry.course.slug);
		if (other) {
			issues.push({ path: `${entry.dir}/${COURSE_FILE}`, line: 1, message: m.crs_err_duplicate_course({ slug: entry.course.slug, other: other.dir }) });
		} else bySlug.set(entry.course.slug, entry);
	}
	for (const { course, dir } of courses) {
		for (const p of course.meta.prerequisites) {
			if (!bySlug.has(p)) {
				issues.push({ path: `${dir}/${COURSE_FILE}`, line: prereqLine(course), message: m.crs_err_unknown_prerequisite({ slug: p }) });
			}
		}
	}
	// Cycle detection (depth-first, reporting each cycle once from its first course).
	const state = new Map<string, 'visiting' | 'done'>();
	const reported = new Set<string>();
	const visit = (slug: string, trail: string[]) => {
		if (state.get(slug) === 'done') return;
		if (state.get(slug) === 'visiting') {
			const cycle = [...trail.slice(trail.indexOf(slug)), slug];
			const key = [...new Set(cycle)].sort().join(',');
			if (!reported.has(key)) {
				reported.add(key);
				const entry = bySlug.get(cycle[0]);
				if (entry) issues.push({ path: `${entry.dir}/${COURSE_FILE}`, line: prereqLine(entry.course), message: m.crs_err_prerequisite_cycle({ cycle: cycle.join(' → ') }) });
			}
			return;
		}
		const entry = bySlug.get(slug);
		if (!entry) return;
		state.set(slug, 'visiting');
		for (const p of entry.course.meta.prerequisites) if (p !== slug) visit(p, [...trail, slug]);
		state.set(slug, 'done');
	};
	for (const slug of bySlug.keys()) visit(slug, []);
	return issues;
}

/**
 * Reads every course folder under `root` (e.g. `content/courses`), validates it and returns the
 * courses in folder order. `displayRoot` prefixes paths in messages. Throws ContentError.
 */
export function loadCoursesFromDir(root: string, displayRoot = root): LoadedCourse[] {
	const issues: ContentIssue[] = [];
	const loaded: { course: LoadedCourse; dir: string }[] = [];
	let folders: string[];
	try {
		folders = readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory()).sort();
	} catch {
		throw new ContentError([{ path: displayRoot, line: 1, message: m.crs_err_folder_not_found() }]);
	}
	for (const folder of folders) {
		const dir = `${displayRoot}/${folder}`;
		const fileList = readdirSync(join(root, folder))
			.filter((n) => statSync(join(root, folder, n)).isFile())
			.map((name) => ({ name, content: readFileSync(join(root, folder, name), 'utf8') }));
		const result = parseCourseFiles(folder, fileList, dir);
		issues.push(...result.issues);
		// Shipped content meets the same Markdown limits as the editor and a zip import (the render time budget is
		// the render worker's, where the files are shown).
		for (const f of fileList) {
			const v = checkMarkdown(normalizeNewlines(f.content));
			if (v) issues.push(limitIssue(`${dir}/${f.name}`, v.line, v));
		}
		if (result.course) loaded.push({ course: result.course, dir });
	}
	issues.push(...validateCourseSet(loaded));
	if (issues.length) throw new ContentError(issues);
	return loaded.map((l) => l.course);
}
