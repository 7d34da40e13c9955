import { m } from '$lib/paraglide/messages.js';
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/http';
import { AuthoringError, createCourse, importCourse, listCoursesForAuthoring } from '$lib/server/courses/authoring';
import { CourseZipError } from '$lib/server/content/course-zip';
import { formatIssue } from '$lib/server/content/courses';
import { MAX_IMPORT_BYTES, SLUG_PATTERN, importTooLargeMessage } from '$lib/schemas/course';
import { formatInteger } from '$lib/i18n/format';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	return {
		courses: listCoursesForAuthoring(user).map((c) => ({
			slug: c.row.slug,
			folder: c.row.folder,
			title: c.title,
			live: c.live?.number ?? null,
			draft: c.draft?.number ?? null,
			canEdit: c.canEdit,
			ownerName: c.ownerName,
			fromContent: c.row.ownerId === null
		}))
	};
};

const createSchema = z.object({
	title: z.string().trim().min(1, { error: () => m.zod_course_title() }).max(120),
	// Shown under the Slug field: a whole sentence, not the content loader's 'must be …'.
	slug: z
		.string()
		.trim()
		.min(1, { error: () => m.zod_course_slug() })
		.max(60, { error: () => m.zod_slug_max({ max: formatInteger(60) }) })
		.regex(SLUG_PATTERN, { error: () => m.zod_slug_pattern({ example: 'handling-complaints' }) })
});

export const actions: Actions = {
	create: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		const parsed = await parseForm(event.request, createSchema);
		if (!parsed.ok) return fail(400, { create: parsed.failure.data });
		try {
			const row = createCourse(user, parsed.data.title, parsed.data.slug);
			redirect(303, `/trainer/courses/${row.slug}`);
		} catch (e) {
			if (e instanceof AuthoringError) return fail(400, { create: { errors: { slug: e.message }, values: parsed.values } });
			throw e;
		}
	},
	import: async (event) => {
		const user = requireRole(event, 'trainer', 'admin');
		let file: FormDataEntryValue | null;
		try {
			file = (await event.request.formData()).get('zip');
		} catch {
			// Oversized bodies never get here (413 from the body limit); this one is not a readable upload.
			return fail(400, { import: { error: m.srv_upload_unreadable({ mb: formatInteger(MAX_IMPORT_BYTES / 1024 / 1024) }), issues: [] as string[] } });
		}
		if (!(file instanceof File) || file.size === 0) return fail(400, { import: { error: m.srv_choose_zip(), issues: [] as string[] } });
		if (file.size > MAX_IMPORT_BYTES) {
			return fail(413, { import: { error: importTooLargeMessage(file.size), issues: [] as string[] } });
		}
		let result;
		try {
			result = await importCourse(user, new Uint8Array(await file.arrayBuffer()));
		} catch (e) {
			if (e instanceof CourseZipError) return fail(400, { import: { error: e.message, issues: [] as string[] } });
			if (e instanceof AuthoringError) return fail(e.status, { import: { error: e.message, issues: e.issues.map(formatIssue) } });
			throw e;
		}
		redirect(303, `/trainer/courses/${result.row.slug}?imported=1`);
	}
};
