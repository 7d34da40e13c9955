// Trainer review of one call: the result, comments and section-score overrides (with reason, audit-logged).
import { m } from '$lib/paraglide/messages.js';
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/http';
import { callForPage } from '$lib/server/calls/api';
import { callResultPage } from '$lib/server/calls/results';
import { nextCallWaiting } from '$lib/server/calls/review-list';
import { addComment, commentSchema, overrideSchema, overrideSectionScore } from '$lib/server/calls/review';
import { callClockMs } from '$lib/server/recordings/store';
import { clock } from '$lib/sim/mood';
import { formatDigits } from '$lib/i18n/format';
import type { Actions, PageServerLoad } from './$types';

/** The completed call, if this trainer may review it (a trainee in one of their cohorts; admins: anyone). */
function reviewableCall(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireRole(event, 'trainer', 'admin');
	const call = callForPage(event, user);
	if (call.userId === user.id) error(403, { message: m.srv_own_call(), code: 'forbidden', requestId: event.locals.requestId });
	if (call.state !== 'completed') error(409, { message: m.srv_call_not_finished(), code: 'not_scored', requestId: event.locals.requestId });
	return { user, call };
}

export const load: PageServerLoad = async (event) => {
	const { user, call } = reviewableCall(event);
	const view = callResultPage(call, event.url.searchParams.get('timeline') === 'all');
	if (!view) error(409, { message: m.srv_call_no_score(), code: 'not_scored', requestId: event.locals.requestId });
	// The newest other call waiting for review among the calls this user reviews (by index, no sort of their calls).
	const nextWaiting = nextCallWaiting(user, call.id);
	return { view, nextWaiting };
};

export const actions: Actions = {
	comment: async (event) => {
		const { user, call } = reviewableCall(event);
		const parsed = await parseForm(event.request, commentSchema);
		if (!parsed.ok) return parsed.failure;
		const durationMs = callClockMs(call);
		if (parsed.data.at !== null && parsed.data.at > durationMs) {
			return fail(400, { errors: { at: m.review_comment_after_end({ duration: formatDigits(clock(durationMs)) }) }, values: parsed.values });
		}
		addComment(user.id, call, parsed.data.body, new Date(), parsed.data.at);
		return { done: 'comment' };
	},
	override: async (event) => {
		const { user, call } = reviewableCall(event);
		const parsed = await parseForm(event.request, overrideSchema);
		if (!parsed.ok) return parsed.failure;
		if (!call.score) return fail(409, { errors: { _form: m.srv_call_no_score_to_change() }, values: parsed.values });
		overrideSectionScore(user.id, call, parsed.data);
		return { done: 'override' };
	}
};
