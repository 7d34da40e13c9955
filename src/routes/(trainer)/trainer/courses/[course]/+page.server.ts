import { formatDigits, formatInteger } from '$lib/i18n/format';
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { errorSummary, parseForm, type FormFailure, type FormValues } from '$lib/server/http';
import {
	AuthoringError,
	discardDraft,
	grantEditing,
	issuesOf,
	lastPublishedVersion,
	listGrants,
	PlaceholderTextError,
	publishDraft,
	republishCourse,
	requireEditableCourse,
	revokeEditing,
	saveDraft,
	unpublishCourse,
	workingFiles
} from '$lib/server/courses/authoring';
import { describePlaceholders } from '$lib/domain/placeholder-text';
import { listTrainers } from '$lib/server/db/queries/users';
import {
	addLesson,
	addTranslation,
	courseLanguageOf,
	findLessonFile,
	lessonFiles,
	lessonSlugOf,
	moveLesson,
	removeLesson,
	translationFileName,
	translationFiles
} from '$lib/server/courses/course-files';
import { fieldsOf } from '$lib/server/courses/editor';
import { getVersion, titleOf } from '$lib/server/courses/versions';
import { formatIssue } from '$lib/server/content/courses';
import { CONTENT_LANGUAGES, contentLanguageSchema, SLUG_PATTERN } from '$lib/schemas/course';
import { CHANGE_LEVELS, lessonsToRetrain } from '$lib/domain/retraining/what-changed';
import { isoDay } from '$lib/domain/assignments/assignments';
import { courseDraftChanges, retrainingReach, startRetraining } from '$lib/server/retraining/retraining';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const row = requireEditableCourse(user, event.params.course);
	const { files, draft } = workingFiles(row);
	const live = row.publishedVersionId ? getVersion(row.publishedVersionId) : undefined;
	const isAdmin = user.roles.includes('admin');
	return {
		course: { slug: row.slug, folder: row.folder, title: titleOf(files['course.md'], row.slug) },
		live: live ? { number: live.number, publishedAt: live.publishedAt } : null,
		/** After an unpublish: the version "Publish again" brings back. */
		unpublished: live ? null : (lastPublishedVersion(row.id)?.number ?? null),
		draft: draft ? { number: draft.number, updatedAt: draft.updatedAt, note: draft.note } : null,
		lessons: lessonFiles(files).map((fileName) => {
			const { body } = fieldsOf(files[fileName]);
			// A blank or broken title still leaves a link to click (and fix) in the editor.
			return {
				slug: lessonSlugOf(fileName) ?? fileName,
				fileName,
				title: titleOf(files[fileName], fileName),
				words: body.split(/\s+/).filter(Boolean).length,
				translations: translationFiles(files, fileName).map((t) => t.language)
			};
		}),
		language: courseLanguageOf(files),
		languages: CONTENT_LANGUAGES,
		courseTranslations: translationFiles(files, 'course.md').map((t) => t.language),
		issues: draft ? issuesOf(row, files).map(formatIssue) : [],
		/** A version was live before: publishing asks whether the change is minor or significant. */
		retraining: draft && (live || lastPublishedVersion(row.id)) ? retrainingReach('course', row.slug) : null,
		admin: isAdmin ? { grants: listGrants(row.id), trainers: listTrainers() } : null
	};
};

function failWith(e: unknown, values: FormValues = {}) {
	if (e instanceof AuthoringError) return fail(400, { error: e.message, issues: e.issues.map(formatIssue), values });
	throw e;
}

/** A refused form in this page's shape: one line with each problem, and the values sent. */
const refuse = ({ errors, values }: FormFailure) => fail(400, { error: errorSummary(errors), issues: [] as string[], values });
/** The Add a lesson form refused: its problems go under its fields, not to the top of a long page. */
const refuseLesson = (addLesson: FormFailure) => fail(400, { addLesson });

/** Shown under the Add a lesson fields, like the New course form's. */
const lessonSchema = z.object({
	title: z.string().trim().min(1, { error: () => m.zod_lesson_title() }).max(160, { error: () => m.zod_title_max({ max: formatInteger(160) }) }),
	slug: z
		.string()
		.trim()
		.min(1, { error: () => m.zod_lesson_slug() })
		.max(60, { error: () => m.zod_slug_max({ max: formatInteger(60) }) })
		.regex(SLUG_PATTERN, { error: () => m.zod_slug_pattern({ example: 'hold-and-transfer' }) })
		// "course" names the course settings in editor addresses.
		.refine((s) => s !== 'course', { error: () => m.zod_slug_reserved() })
});
const lessonRefSchema = z.object({ lesson: z.string({ error: () => m.zod_no_lesson() }).max(200) });
const moveSchema = lessonRefSchema.extend({ direction: z.enum(['up', 'down'], { error: () => m.zod_move_lesson() }) });
const translationSchema = z.object({
	lesson: z.string({ error: () => m.zod_no_lesson() }).max(200),
	language: contentLanguageSchema
});
/** "Publish anyway" after the placeholder warning sends confirm=placeholders. */
const publishSchema = z.object({
	confirm: z.literal('placeholders', { error: () => m.zod_publish_buttons() }).optional(),
	/** A significant change asks dependent certificate holders to retrain. */
	change: z.enum(CHANGE_LEVELS, { error: () => m.zod_change_level() }).default('minor')
});
const trainerSchema = z.object({ userId: z.string({ error: () => m.zod_choose_trainer() }).regex(/^\d{1,9}$/, { error: () => m.zod_choose_trainer() }).transform(Number) });

export const actions: Actions = {
	publish: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const row = requireEditableCourse(user, event.params.course);
		const parsed = await parseForm(event.request, publishSchema);
		if (!parsed.ok) return refuse(parsed.failure.data);
		const change = parsed.data.change;
		// What changed is taken before publishing: afterwards the draft is the live version.
		const changed = change === 'significant' ? courseDraftChanges(row) : null;
		if (changed && !lessonsToRetrain(changed.changes).length) {
			return fail(400, { error: m.retrain_no_lesson_changed(), issues: [] as string[], values: { change } });
		}
		try {
			const v = await publishDraft(user, row, { confirmPlaceholders: parsed.data.confirm === 'placeholders' });
			if (!changed) return { message: m.srv_course_version_live({ number: formatDigits(v.number) }) };
			const started = startRetraining({ kind: 'course', slug: row.slug, title: v.title, fromVersion: changed.fromVersion, toVersion: v.number, changes: changed.changes }, user);
			return { message: `${m.srv_course_version_live({ number: formatDigits(v.number) })} ${m.retrain_started({ count: started.trainees, date: isoDay(started.dueAt) })}` };
		} catch (e) {
			if (e instanceof PlaceholderTextError) {
				return fail(409, { error: e.message, issues: [] as string[], placeholders: describePlaceholders(e.placeholders), values: { change } });
			}
			return failWith(e);
		}
	},
	unpublish: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const row = requireEditableCourse(user, event.params.course);
		try {
			unpublishCourse(user, row);
			return { message: m.srv_course_unpublished() };
		} catch (e) {
			return failWith(e);
		}
	},
	republish: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const row = requireEditableCourse(user, event.params.course);
		try {
			const v = republishCourse(user, row);
			return { message: m.srv_course_live_again({ number: formatDigits(v.number) }) };
		} catch (e) {
			return failWith(e);
		}
	},
	discard: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const row = requireEditableCourse(user, event.params.course);
		try {
			discardDraft(user, row);
			return { message: m.srv_draft_discarded() };
		} catch (e) {
			return failWith(e);
		}
	},
	move: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const row = requireEditableCourse(user, event.params.course);
		const parsed = await parseForm(event.request, moveSchema);
		if (!parsed.ok) return refuse(parsed.failure.data);
		const slug = parsed.data.lesson;
		const by = parsed.data.direction === 'up' ? -1 : 1;
		const { files } = workingFiles(row);
		if (!findLessonFile(files, slug)) return fail(400, { error: m.srv_no_lesson(), issues: [], values: parsed.values });
		saveDraft(user, row, moveLesson(files, slug, by), 'course.reorder', { lesson: slug, direction: by < 0 ? 'up' : 'down' });
		return { message: m.srv_lesson_order_saved() };
	},
	addLesson: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const row = requireEditableCourse(user, event.params.course);
		const parsed = await parseForm(event.request, lessonSchema);
		if (!parsed.ok) return refuseLesson(parsed.failure.data);
		const { files } = workingFiles(row);
		if (findLessonFile(files, parsed.data.slug)) {
			return refuseLesson({ errors: { slug: m.srv_lesson_exists({ slug: parsed.data.slug }) }, values: parsed.values });
		}
		saveDraft(user, row, addLesson(files, parsed.data.slug, parsed.data.title), 'course.add_lesson', { lesson: parsed.data.slug });
		redirect(303, `/trainer/courses/${row.slug}/edit/${parsed.data.slug}`);
	},
	removeLesson: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const row = requireEditableCourse(user, event.params.course);
		const parsed = await parseForm(event.request, lessonRefSchema);
		if (!parsed.ok) return refuse(parsed.failure.data);
		const slug = parsed.data.lesson;
		const { files } = workingFiles(row);
		if (!findLessonFile(files, slug)) return fail(400, { error: m.srv_no_lesson(), issues: [], values: parsed.values });
		saveDraft(user, row, removeLesson(files, slug), 'course.remove_lesson', { lesson: slug });
		return { message: m.srv_lesson_removed() };
	},
	addTranslation: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const row = requireEditableCourse(user, event.params.course);
		const parsed = await parseForm(event.request, translationSchema);
		if (!parsed.ok) return refuse(parsed.failure.data);
		const { lesson, language } = parsed.data;
		const { files } = workingFiles(row);
		const original = lesson === 'course' ? 'course.md' : findLessonFile(files, lesson);
		const refused = (error: string) => fail(400, { error, issues: [] as string[], values: parsed.values });
		if (!original) return refused(m.srv_no_lesson());
		if (language === courseLanguageOf(files)) return refused(m.srv_course_already_in({ language }));
		if (Object.hasOwn(files, translationFileName(original, language))) return refused(m.srv_translation_exists({ language }));
		saveDraft(user, row, addTranslation(files, original, language), 'course.add_translation', { file: original, language });
		redirect(303, `/trainer/courses/${row.slug}/edit/${lesson}.${language}`);
	},
	grant: async (event) => {
		const user = requireRole(event, 'admin');
		const row = requireEditableCourse(user, event.params.course);
		const parsed = await parseForm(event.request, trainerSchema);
		if (!parsed.ok) return refuse(parsed.failure.data);
		try {
			grantEditing(user, row, parsed.data.userId);
			return { message: m.srv_rights_granted() };
		} catch (e) {
			return failWith(e);
		}
	},
	revoke: async (event) => {
		const user = requireRole(event, 'admin');
		const row = requireEditableCourse(user, event.params.course);
		const parsed = await parseForm(event.request, trainerSchema);
		if (!parsed.ok) return refuse(parsed.failure.data);
		revokeEditing(user, row, parsed.data.userId);
		return { message: m.srv_rights_removed() };
	}
};
