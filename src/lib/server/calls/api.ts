// Shared pieces of the /api/calls handlers and the call pages: who may touch a call, and body parsing with the
// API's status codes.
import { error, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { requireUser } from '$lib/server/auth/guards';
import { ApiFailure, parseJsonBody } from '$lib/server/http';
import type { SessionUser } from '$lib/server/auth/session';
import { getCallFor, type CallRow } from './service';

/** The signed-in user's own call (trainees act only on their own calls; nobody acts on another's). */
export function ownCall(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>): CallRow {
	const user = requireUser(event);
	return getCallFor(user, event.params.id ?? '', { ownOnly: true });
}

/** `getCallFor` for a page load or action: its 404/403 becomes the error page (with the request id), not a 500. */
export function callForPage(
	event: Pick<RequestEvent, 'locals' | 'params'>,
	user: Pick<SessionUser, 'id' | 'roles'>,
	opts: { ownOnly?: boolean } = {}
): CallRow {
	try {
		return getCallFor(user, event.params.id ?? '', opts);
	} catch (err) {
		if (err instanceof ApiFailure) error(err.status, { message: err.message, code: err.code, requestId: event.locals.requestId });
		throw err;
	}
}

/** Parse a JSON body; a body that does not match the schema is a 400 with the field and reason. */
export async function parseCallBody<S extends z.ZodType>(event: Pick<RequestEvent, 'request'>, schema: S): Promise<z.infer<S>> {
	try {
		return await parseJsonBody(event, schema);
	} catch (err) {
		if (err instanceof ApiFailure && err.status === 422) throw new ApiFailure(400, err.code, err.message, err.field);
		throw err;
	}
}
