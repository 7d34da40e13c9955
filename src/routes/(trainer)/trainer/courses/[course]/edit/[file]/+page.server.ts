import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/http';
import { assertStorable, AuthoringError, requireEditableCourse, saveDraft, workingFiles } from '$lib/server/courses/authoring';
import { composeTarget, fieldsOf, previewTarget, resolveTarget } from '$lib/server/courses/editor';
import { lessonFiles, lessonSlugOf, translationFiles } from '$lib/server/courses/course-files';
import { listPublishedCourses } from '$lib/server/courses/catalogue';
import { titleOf } from '$lib/server/courses/versions';
import { CONTENT_LANGUAGES, COURSE_LEVELS, editorBodySchema, editorListSchema, editorTextSchema } from '$lib/schemas/course';
import { m } from '$lib/paraglide/messages';
import { formatInteger } from '$lib/i18n/format';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const row = requireEditableCourse(user, event.params.course);
	const { files, draft } = workingFiles(row);
	const target = resolveTarget(files, event.params.file);
	const { fields, body } = fieldsOf(files[target.fileName]);
	return {
		course: { slug: row.slug, folder: row.folder, title: titleOf(files['course.md'], row.slug) },
		draft: draft ? { number: draft.number, updatedAt: draft.updatedAt } : null,
		target,
		fields,
		body,
		preview: await previewTarget(row, files, target),
		lessons: lessonFiles(files).map((n) => ({
			slug: lessonSlugOf(n) ?? n,
			title: titleOf(files[n], n),
			translations: translationFiles(files, n).map((t) => t.language)
		})),
		courseTranslations: translationFiles(files, 'course.md').map((t) => t.language),
		levels: COURSE_LEVELS,
		languages: CONTENT_LANGUAGES,
		otherCourses: listPublishedCourses()
			.filter((p) => p.row.slug !== row.slug)
			.map((p) => ({ slug: p.row.slug, title: p.course.meta.title }))
	};
};

/** The editor form as sent without JavaScript: a title and the body always, the other fields of course.md when editing it. */
const saveSchema = z.object({
	title: editorTextSchema,
	summary: editorTextSchema.optional(),
	level: editorTextSchema.optional(),
	passMark: editorTextSchema.optional(),
	minutes: editorTextSchema.optional(),
	revealAnswersAfter: editorTextSchema.optional(),
	language: editorTextSchema.optional(),
	prerequisites: z.union([z.string().max(200, { error: () => m.zod_at_most_chars({ max: formatInteger(200) }) }), editorListSchema]).optional(),
	body: editorBodySchema
});

export const actions: Actions = {
	// Without JavaScript: the whole form is saved into the draft and the page shows the new preview.
	save: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const row = requireEditableCourse(user, event.params.course);
		const parsed = await parseForm(event.request, saveSchema);
		if (!parsed.ok) return parsed.failure;
		const { files } = workingFiles(row);
		const target = resolveTarget(files, event.params.file);
		const { body, ...fields } = parsed.data;
		const source = composeTarget(target, fields, body, files[target.fileName]);
		if (source !== files[target.fileName]) {
			const next = { ...files, [target.fileName]: source };
			try {
				await assertStorable(row.folder, next);
			} catch (e) {
				if (e instanceof AuthoringError) return fail(e.status, { errors: { _form: e.message }, values: parsed.values });
				throw e;
			}
			saveDraft(user, row, next, 'course.edit', { file: target.fileName });
		}
		return { saved: true };
	}
};
