// Results of one call: the trainee's own, or (for trainers/admins) a call of a trainee they may see.
import { error, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { ApiFailure } from '$lib/server/http';
import { getCallFor } from '$lib/server/calls/service';
import { callResultView } from '$lib/server/calls/results';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	let call;
	try {
		call = getCallFor(user, event.params.id);
	} catch (err) {
		if (err instanceof ApiFailure) error(err.status, { message: err.message, code: err.code, requestId: event.locals.requestId });
		throw err;
	}
	if (call.state !== 'completed') {
		if (call.userId === user.id) redirect(303, `/calls/${call.id}`);
		error(409, { message: 'This call is not finished yet.', code: 'not_scored', requestId: event.locals.requestId });
	}
	const view = callResultView(call);
	if (!view) error(409, { message: 'This call has no score yet.', code: 'not_scored', requestId: event.locals.requestId });
	return { view, own: call.userId === user.id };
};
