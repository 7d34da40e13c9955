// Zod schemas for course content (course.md / lesson frontmatter, ```quiz blocks) and quiz submissions.
// Shared by the content loader, the authoring forms and the quiz API.
import { z } from 'zod';
import { m } from '../paraglide/messages';
import { formatInteger } from '../i18n/format';
import { CONTENT_LANGUAGES, type ContentLanguage } from '../domain/languages';
import { LIMITS } from './limits';

export const COURSE_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type CourseLevel = (typeof COURSE_LEVELS)[number];

/**
 * Languages course content may be written in (BCP 47 primary tags). A course's own language is `language:` in course.md
 * (default `en`); a translation sits beside the file it translates as `<name>.<language>.md`. Adding a language to
 * CONTENT_LANGUAGES (src/lib/domain/languages.ts) is all the loader needs; the notes shown when a lesson is not in the trainee's language are in course-language.ts.
 */
export { CONTENT_LANGUAGES, type ContentLanguage };
export const DEFAULT_CONTENT_LANGUAGE: ContentLanguage = 'en';
export const contentLanguageSchema = z.enum(CONTENT_LANGUAGES, {
	error: () => m.crs_err_language({ values: CONTENT_LANGUAGES.join(', ') })
});
export function isContentLanguage(value: unknown): value is ContentLanguage {
	return (CONTENT_LANGUAGES as readonly unknown[]).includes(value);
}

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'ordering'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A slug: lowercase letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const slugSchema = z.string().regex(SLUG_PATTERN, { error: () => m.crs_err_slug() });

export const courseFrontmatterSchema = z.strictObject({
	title: z.string().trim().min(1, { error: () => m.crs_err_title_required() }).max(120),
	summary: z.string().trim().min(1, { error: () => m.crs_err_summary_required() }).max(600),
	level: z.enum(COURSE_LEVELS, { error: () => m.crs_err_level({ values: COURSE_LEVELS.join(', ') }) }),
	minutes: z.number().int().min(1).max(6000),
	prerequisites: z.array(slugSchema).default([]),
	passMark: z.number().int().min(0).max(100),
	/** Failed quiz attempts after which the correct answers are shown; without it only a pass shows them. */
	revealAnswersAfter: z.number().int().min(1).max(20).optional(),
	language: contentLanguageSchema.default(DEFAULT_CONTENT_LANGUAGE)
});
export type CourseFrontmatter = z.infer<typeof courseFrontmatterSchema>;

export const lessonFrontmatterSchema = z.strictObject({
	title: z.string().trim().min(1, { error: () => m.crs_err_title_required() }).max(160),
	minutes: z.number().int().min(1).max(600)
});
export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;

/** `course.<language>.md`: the translated title, summary and (body) introduction; the rest comes from course.md. */
export const courseTranslationFrontmatterSchema = z.strictObject({
	title: courseFrontmatterSchema.shape.title,
	summary: courseFrontmatterSchema.shape.summary
});
export type CourseTranslationFrontmatter = z.infer<typeof courseTranslationFrontmatterSchema>;

const questionBase = {
	id: slugSchema,
	prompt: z.string().trim().min(1, { error: () => m.crs_err_prompt_required() }),
	explanation: z.string().trim().min(1, { error: () => m.crs_err_explanation_required() })
};
const optionsSchema = z
	.array(z.string().trim().min(1))
	.min(2, { error: () => m.crs_err_two_options() })
	.refine((o) => new Set(o).size === o.length, { error: () => m.crs_err_options_distinct() });
const indexSchema = z.number().int().min(0);

export const singleQuestionSchema = z
	.strictObject({ ...questionBase, type: z.literal('single'), options: optionsSchema, answer: indexSchema })
	.refine((q) => q.answer < q.options.length, {
		error: () => m.crs_err_answer_index(),
		path: ['answer']
	});

export const multipleQuestionSchema = z
	.strictObject({
		...questionBase,
		type: z.literal('multiple'),
		options: optionsSchema,
		answer: z.array(indexSchema).min(1, { error: () => m.crs_err_one_correct() })
	})
	.refine((q) => q.answer.every((i) => i < q.options.length), {
		error: () => m.crs_err_every_answer_index(),
		path: ['answer']
	})
	.refine((q) => new Set(q.answer).size === q.answer.length, {
		error: () => m.crs_err_answer_twice(),
		path: ['answer']
	});

export const trueFalseQuestionSchema = z.strictObject({
	...questionBase,
	type: z.literal('truefalse'),
	answer: z.boolean({ error: () => m.crs_err_true_false() })
});

export const orderingQuestionSchema = z
	.strictObject({
		...questionBase,
		type: z.literal('ordering'),
		items: z.array(z.string().trim().min(1)).min(2, { error: () => m.crs_err_two_items() })
	})
	.refine((q) => new Set(q.items).size === q.items.length, {
		error: () => m.crs_err_items_distinct(),
		path: ['items']
	});

export const quizQuestionSchema = z.discriminatedUnion(
	'type',
	[singleQuestionSchema, multipleQuestionSchema, trueFalseQuestionSchema, orderingQuestionSchema],
	{ error: () => m.crs_err_question_type({ values: QUESTION_TYPES.join(', ') }) }
);
export type QuizQuestion = z.infer<typeof quizQuestionSchema>;

export const quizBlockSchema = z.strictObject({
	questions: z.array(quizQuestionSchema).min(1, { error: () => m.crs_err_one_question() })
});
export type QuizBlock = z.infer<typeof quizBlockSchema>;

/**
 * A trainee's answer to one question, as sent to the server:
 * single → option index, multiple → option indices, truefalse → boolean,
 * ordering → the item texts in the order the trainee chose.
 */
export const questionAnswerSchema = z.union([
	z.number().int().min(0),
	z.array(z.number().int().min(0)).max(50),
	z.boolean(),
	z.array(z.string().max(1000)).max(50)
]);
export type QuestionAnswer = z.infer<typeof questionAnswerSchema>;

export const quizSubmissionSchema = z.strictObject({
	answers: z.record(z.string().max(100), questionAnswerSchema)
});
export type QuizSubmission = z.infer<typeof quizSubmissionSchema>;

/** What the course editor sends, with the same limits for autosave (JSON) and the plain form: frontmatter fields as text
 * or a list (prerequisites), and the Markdown body. */
export const editorTextSchema = z.string().max(2000, { error: () => m.form_max_chars({ max: formatInteger(2000) }) });
export const editorListSchema = z
	.array(z.string().max(200, { error: () => m.form_max_chars({ max: formatInteger(200) }) }))
	.max(50, { error: () => m.form_max_choose({ max: formatInteger(50) }) });
/**
 * One frontmatter field as the editor's autosave sends it: text, a list (prerequisites), or what a number input
 * gives (a number, or null when cleared), stored as text so the preview reports a bad value with its line.
 */
export const editorFieldValueSchema = z.union([
	editorTextSchema,
	editorListSchema,
	z.number().finite().transform(String),
	z.null().transform(() => '')
]);
export const editorBodySchema = z.string().max(LIMITS.markdownChars, { error: () => m.lim_lesson_chars({ limit: formatInteger(LIMITS.markdownChars) }) });

/** Largest course zip accepted for import (upload size and unpacked size). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export function importTooLargeMessage(bytes: number): string {
	return `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`;
}
