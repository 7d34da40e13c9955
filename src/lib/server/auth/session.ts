// Sessions the current Lucia way: token = "<id>.<secret>", only SHA-256(secret) stored, constant-time compare,
// 30-day sliding expiry renewed at most once an hour.
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq, sql } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import { db, sqlite } from '../db';
import { lazy } from '../db/lazy';
import { sessions, users, userRoles } from '../db/schema/users';
import type { Role } from '../../domain/roles';
import type { Locale } from '../../i18n/locales';

export const SESSION_COOKIE = 'session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const SESSION_RENEW_INTERVAL_MS = 60 * 60 * 1000;

export interface SessionUser {
	id: number;
	email: string;
	name: string;
	roles: Role[];
	mustChangePassword: boolean;
	cohortId: number | null;
	/** Interface language saved on the account (null: not chosen). */
	locale?: Locale | null;
}

export interface ValidSession {
	id: string;
	userId: number;
	expiresAt: Date;
}

function randomString(bytes: number): string {
	const buf = new Uint8Array(bytes);
	crypto.getRandomValues(buf);
	return encodeBase32LowerCaseNoPadding(buf);
}

function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function createSession(userId: number, now = new Date()): { token: string; session: ValidSession } {
	const id = randomString(15);
	const secret = randomString(20);
	const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
	db.insert(sessions)
		.values({ id, secretHash: hashSecret(secret), userId, expiresAt, renewedAt: now, createdAt: now })
		.run();
	return { token: `${id}.${secret}`, session: { id, userId, expiresAt } };
}

// The query every signed-in request runs, prepared once on first use (not at import: the build imports this
// module without a migrated database) instead of being built and compiled by drizzle per request.
const sessionById = lazy(() =>
	db
		.select({
			session: sessions,
			user: users,
			// the user's roles in the same statement: one query per signed-in request, not two
			roles: sql<string | null>`(select group_concat(${userRoles.role}, ',') from ${userRoles} where ${userRoles.userId} = ${users.id})`
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare()
);

export function validateSessionToken(
	token: string,
	now = new Date()
): { session: ValidSession; user: SessionUser } | null {
	const [id, secret, extra] = token.split('.');
	if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
	const row = sessionById().get({ id });
	if (!row) return null;
	const expected = new TextEncoder().encode(row.session.secretHash);
	const given = new TextEncoder().encode(hashSecret(secret));
	if (!constantTimeEqual(expected, given)) return null;
	if (!row.user.active || row.session.expiresAt.getTime() <= now.getTime()) {
		invalidateSession(id);
		return null;
	}
	let expiresAt = row.session.expiresAt;
	if (now.getTime() - row.session.renewedAt.getTime() >= SESSION_RENEW_INTERVAL_MS) {
		expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
		db.update(sessions).set({ expiresAt, renewedAt: now }).where(eq(sessions.id, id)).run();
	}
	const u = row.user;
	return {
		session: { id, userId: u.id, expiresAt },
		user: {
			id: u.id,
			email: u.email,
			name: u.name,
			roles: row.roles ? (row.roles.split(',').sort() as Role[]) : [],
			mustChangePassword: u.mustChangePassword,
			cohortId: u.cohortId,
			locale: u.locale
		}
	};
}

export function invalidateSession(sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/**
 * Rows deleted per statement by the sweep: a median 2.3 ms per statement (5.0 ms for 1,000) when 290,000 expired
 * sessions were swept on this 2-core box; the event loop serves requests between two statements.
 */
export const SESSION_SWEEP_BATCH = 500;

/** One batch of the sweep: (now, batch size). */
export const EXPIRED_SESSIONS_SQL =
	'DELETE FROM sessions WHERE rowid IN (SELECT rowid FROM sessions WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)';
const expiredBatch = lazy(() => sqlite.prepare<[number, number]>(EXPIRED_SESSIONS_SQL));

/**
 * Delete every session past its expiry, a batch at a time, yielding to the event loop between batches; resolves to
 * how many. A session is otherwise deleted only when its token comes back (validateSessionToken) or at sign-out, so
 * the sessions of browsers that never return stayed for good. Each statement reads a range of
 * `sessions_expires_idx`, not the table.
 */
export async function sweepExpiredSessions(now = new Date(), batch = SESSION_SWEEP_BATCH): Promise<number> {
	let total = 0;
	for (;;) {
		const { changes } = expiredBatch().run(now.getTime(), batch);
		total += changes;
		if (changes < batch) return total;
		await new Promise((resolve) => setImmediate(resolve));
	}
}

export function invalidateUserSessions(userId: number): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date, secure: boolean): void {
	cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean): void {
	cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 0 });
}
