import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { getRetrainingNote, noteProgressOf, noteSummary } from '$lib/server/retraining/progress';
import { canReadNote } from '$lib/server/retraining/retraining';
import { m } from '$lib/paraglide/messages';

// A "what changed" note: the holders it asks to retrain, and trainers and admins, may read it.
export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const id = /^\d{1,9}$/.test(event.params.id) ? Number(event.params.id) : 0;
	const note = id ? getRetrainingNote(id) : undefined;
	if (!note) error(404, { message: m.retrain_note_not_found(), requestId: event.locals.requestId });
	if (!canReadNote(user, note.id)) error(403, { message: m.retrain_note_forbidden(), requestId: event.locals.requestId });
	const staff = user.roles.includes('trainer') || user.roles.includes('admin');
	return {
		note: {
			id: note.id,
			kind: note.kind,
			refSlug: note.refSlug,
			title: note.title,
			fromVersion: note.fromVersion,
			toVersion: note.toVersion,
			changes: note.changes,
			lessons: note.lessons,
			minScore: note.minScore,
			createdAt: note.createdAt
		},
		mine: noteProgressOf(note, user.id),
		summary: staff ? noteSummary(note) : null
	};
};
