// Authorization checks every load, form action and API handler repeats (the hook guards whole groups first).
import { m } from '$lib/paraglide/messages.js';
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { hasAnyRole, type Role } from '../../domain/roles';
import type { SessionUser } from './session';

type Event = Pick<RequestEvent, 'locals' | 'url'>;

/** The signed-in user, or: pages are sent to sign-in (and back afterwards), APIs get 401. */
export function requireUser(event: Event): SessionUser {
	const user = event.locals.user;
	if (user) return user;
	if (event.url.pathname.startsWith('/api/')) {
		error(401, { message: m.srv_sign_in_first(), code: 'unauthenticated', requestId: event.locals.requestId });
	}
	redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
}

/** The signed-in user if they hold at least one of `roles` (none given = any signed-in user); else 403. */
export function requireRole(event: Event, ...roles: Role[]): SessionUser {
	const user = requireUser(event);
	if (!hasAnyRole(user.roles, roles)) {
		error(403, {
			message: m.srv_no_access(),
			code: 'forbidden',
			requestId: event.locals.requestId
		});
	}
	return user;
}
