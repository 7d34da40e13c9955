// POST /trainer/courses/:course/draft — live preview of the file being edited, and autosave into the draft.
// A save that would store unrenderable text answers 413/422 `limit_<name>` naming the file and line.
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { requireRole } from '$lib/server/auth/guards';
import { ApiFailure, apiHandler, parseJsonBody } from '$lib/server/http';
import { assertStorable, AuthoringError, requireEditableCourse, saveDraft, workingFiles } from '$lib/server/courses/authoring';
import { composeTarget, previewTarget, resolveTarget } from '$lib/server/courses/editor';
import { editorBodySchema, editorFieldValueSchema } from '$lib/schemas/course';

const bodySchema = z.strictObject({
	file: z.string().min(1).max(120),
	fields: z.record(z.string().max(40), editorFieldValueSchema),
	body: editorBodySchema,
	save: z.boolean()
});

export const POST = apiHandler(async (event) => {
	const user = requireRole(event, 'trainer', 'admin');
	const row = requireEditableCourse(user, event.params.course ?? '');
	const input = await parseJsonBody(event, bodySchema);
	const { files } = workingFiles(row);
	const target = resolveTarget(files, input.file);
	const source = composeTarget(target, input.fields, input.body, files[target.fileName]);
	const next = { ...files, [target.fileName]: source };
	let savedAt: string | null = null;
	if (input.save && source !== files[target.fileName]) {
		// Render first: text that passes a limit (nesting, size, render time) is refused with its line, never stored.
		try {
			await assertStorable(row.folder, next);
		} catch (e) {
			if (e instanceof AuthoringError) {
				const limit = e.issues[0]?.limit;
				throw new ApiFailure(e.status, limit ? `limit_${limit}` : 'invalid_content', e.message, undefined, e.status === 503 ? { 'retry-after': '2' } : undefined);
			}
			throw e;
		}
		saveDraft(user, row, next, 'course.edit', { file: target.fileName });
		savedAt = new Date().toISOString();
	}
	return json({ ...(await previewTarget(row, next, target)), savedAt });
});
