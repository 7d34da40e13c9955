// The lesson/course editor's server side: resolve the edited file, compose it from form fields,
// and produce the live preview (same renderer as trainees see) with validation issues.
import { error } from '@sveltejs/kit';
import { COURSE_FILE, parseLessonFile, type ContentIssue } from '$lib/server/content/courses';
import type { RenderedMarkdown } from '$lib/server/content/markdown';
import { renderUntrusted } from '$lib/server/content/render-pool';
import type { QuizQuestion } from '$lib/schemas/course';
import { composeFile, decomposeFile, findLessonFile, lessonSlugOf, type Files } from './course-files';
import { issuesForFile, issuesOf, type FileIssue } from './authoring';
import type { CourseRow } from './versions';

export const COURSE_FIELDS = ['title', 'summary', 'level', 'minutes', 'prerequisites', 'passMark', 'revealAnswersAfter'] as const;
export const LESSON_FIELDS = ['title', 'minutes'] as const;

export type EditTarget = { key: string; fileName: string; kind: 'course' | 'lesson' };

/** `course` edits course.md; any other key is a lesson slug. 404 if the file does not exist. */
export function resolveTarget(files: Files, key: string): EditTarget {
	if (key === 'course') return { key, fileName: COURSE_FILE, kind: 'course' };
	const fileName = findLessonFile(files, key);
	if (!fileName) error(404, { message: 'There is no such lesson in this course.', code: 'not_found' });
	return { key, fileName, kind: 'lesson' };
}

export type EditorFields = Record<string, string | string[]>;

export function composeTarget(target: EditTarget, fields: EditorFields, body: string): string {
	const names = target.kind === 'course' ? COURSE_FIELDS : LESSON_FIELDS;
	return composeFile(
		names.map((n) => [n, n === 'prerequisites' ? [fields[n] ?? []].flat() : String(fields[n] ?? '')]),
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
