// POST /trainer/courses/:course/draft — live preview of the file being edited, and autosave into the draft.
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { requireRole } from '$lib/server/auth/guards';
import { apiHandler, parseJsonBody } from '$lib/server/http';
import { requireEditableCourse, saveDraft, workingFiles } from '$lib/server/courses/authoring';
import { composeTarget, previewTarget, resolveTarget } from '$lib/server/courses/editor';
import { editorBodySchema, editorListSchema, editorTextSchema } from '$lib/schemas/course';

const bodySchema = z.strictObject({
	file: z.string().min(1).max(120),
	fields: z.record(z.string().max(40), z.union([editorTextSchema, editorListSchema])),
	body: editorBodySchema,
	save: z.boolean()
});

export const POST = apiHandler(async (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const row = requireEditableCourse(user, event.params.course ?? '');
	const input = await parseJsonBody(event, bodySchema);
	const { files } = workingFiles(row);
	const target = resolveTarget(files, input.file);
	const source = composeTarget(target, input.fields, input.body);
	const next = { ...files, [target.fileName]: source };
	let savedAt: string | null = null;
	if (input.save && source !== files[target.fileName]) {
		saveDraft(user, row, next, 'course.edit', { file: target.fileName });
		savedAt = new Date().toISOString();
	}
	return json({ ...previewTarget(row, next, target), savedAt });
});
