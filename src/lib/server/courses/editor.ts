// The lesson/course editor's server side: resolve the edited file, compose it from form fields,
// and produce the live preview (same renderer as trainees see) with validation issues.
import { error } from '@sveltejs/kit';
import { COURSE_FILE, parseLessonFile, type ContentIssue } from '$lib/server/content/courses';
import type { RenderedMarkdown } from '$lib/server/content/markdown';
import { renderUntrusted } from '$lib/server/content/render-pool';
import type { QuizQuestion } from '$lib/schemas/course';
import { composeFile, decomposeFile, findLessonFile, lessonSlugOf, translationFileName, type Files } from './course-files';
import { issuesForFile, issuesOf, type FileIssue } from './authoring';
import type { CourseRow } from './versions';
import { m } from '$lib/paraglide/messages';

export const COURSE_FIELDS = ['title', 'summary', 'level', 'minutes', 'prerequisites', 'passMark', 'revealAnswersAfter', 'language'] as const;
export const COURSE_TRANSLATION_FIELDS = ['title', 'summary'] as const;
export const LESSON_FIELDS = ['title', 'minutes'] as const;

/** A file the editor edits; `language` is set for a translation (`course.bn.md`, `01-x.bn.md`). */
export type EditTarget = { key: string; fileName: string; kind: 'course' | 'lesson' | 'course-translation'; language?: string };

/**
 * `course` edits course.md; any other key is a lesson slug; `<course|slug>.<language>` is that file's translation.
 * 404 if the file does not exist.
 */
export function resolveTarget(files: Files, key: string): EditTarget {
	const [base, language, ...rest] = key.split('.');
	const notFound = () => error(404, { message: m.srv_no_lesson_in_course(), code: 'not_found' });
	if (rest.length) notFound();
	const original = base === 'course' ? COURSE_FILE : findLessonFile(files, base);
	if (!original) notFound();
	if (language === undefined) return { key, fileName: original!, kind: base === 'course' ? 'course' : 'lesson' };
	const fileName = translationFileName(original!, language);
	if (!Object.hasOwn(files, fileName)) notFound();
	return { key, fileName, kind: base === 'course' ? 'course-translation' : 'lesson', language };
}

function fieldNames(target: EditTarget): readonly string[] {
	return target.kind === 'course' ? COURSE_FIELDS : target.kind === 'course-translation' ? COURSE_TRANSLATION_FIELDS : LESSON_FIELDS;
}

export type EditorFields = Record<string, string | string[]>;

/**
 * The file's new text from the editor's fields. `current` is the file as stored: a course's `language` the form did
 * not send is kept, and English (the default) is left unwritten.
 */
export function composeTarget(target: EditTarget, fields: EditorFields, body: string, current = ''): string {
	const values = { ...fields };
	if (target.kind === 'course') {
		if (values.language === undefined) values.language = String(decomposeFile(current).fields.language ?? '');
		if (values.language === 'en') values.language = '';
	}
	return composeFile(
		fieldNames(target).map((n) => [n, n === 'prerequisites' ? [values[n] ?? []].flat() : String(values[n] ?? '')]),
		body
	);
}

/** Form values of a file for the editor (strings, prerequisites as a list). */
export function fieldsOf(source: string): { fields: EditorFields; body: string; bodyLine: number } {
	const d = decomposeFile(source);
	const fields: EditorFields = {};
	for (const [k, v] of Object.entries(d.fields)) {
		fields[k] = Array.isArray(v) ? v.map(String) : v == null ? '' : String(v);
	}
	return { fields, body: d.body, bodyLine: d.bodyLine };
}

export type EditorPreview = {
	rendered: RenderedMarkdown;
	quizzes: QuizQuestion[][];
	issues: FileIssue[];
	bodyLine: number;
};

/** Preview + validation of `files` where `target` has the given source (rendered in the worker pool). */
export async function previewTarget(row: CourseRow, files: Files, target: EditTarget): Promise<EditorPreview> {
	const source = files[target.fileName];
	const { body, bodyLine } = fieldsOf(source);
	const issues: ContentIssue[] = issuesOf(row, files);
	let quizzes: QuizQuestion[][] = [];
	if (target.kind === 'lesson') {
		const lesson = parseLessonFile(target.fileName, lessonSlugOf(target.fileName) ?? target.key, source, target.fileName, []);
		quizzes = lesson?.quizzes.map((q) => q.questions) ?? [];
	}
	return { rendered: await renderUntrusted(body), quizzes, issues: issuesForFile(issues, target.fileName), bodyLine };
}
