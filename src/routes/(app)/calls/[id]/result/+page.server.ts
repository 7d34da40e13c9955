// Results of one call: the trainee's own, or (for trainers/admins) a call of a trainee they may see.
import { m } from '$lib/paraglide/messages.js';
import { error, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { callForPage } from '$lib/server/calls/api';
import { callResultPage } from '$lib/server/calls/results';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const call = callForPage(event, user);
	if (call.state !== 'completed') {
		if (call.userId === user.id) redirect(303, `/calls/${call.id}`);
		error(409, { message: m.srv_call_not_finished(), code: 'not_scored', requestId: event.locals.requestId });
	}
	const view = callResultPage(call, event.url.searchParams.get('timeline') === 'all');
	if (!view) error(409, { message: m.srv_call_no_score(), code: 'not_scored', requestId: event.locals.requestId });
	return { view, own: call.userId === user.id };
};
