import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, sqlite } from '../db';
import { sessions } from '../db/schema/users';
import { createUser, setUserActive, updateUser } from '../db/queries/users';
import { recordStatements } from '../db/record-statements';
import { createSession, validateSessionToken, SESSION_TTL_MS, invalidateSession, sweepExpiredSessions, EXPIRED_SESSIONS_SQL } from './session';

let n = 0;
const newUser = () => createUser({ email: `s${++n}@t.test`, name: 'S', password: 'password-123', roles: ['trainee'] });

describe('sessions', () => {
	it('stores only a hash of the secret, never the token', async () => {
		const id = await newUser();
		const { token, session } = createSession(id);
		const row = db.select().from(sessions).where(eq(sessions.id, session.id)).get()!;
		const secret = token.split('.')[1];
		expect(row.secretHash).not.toContain(secret);
		expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('validates a token and returns the user with roles', async () => {
		const id = await newUser();
		const { token } = createSession(id);
		const result = validateSessionToken(token);
		expect(result?.user.id).toBe(id);
		expect(result?.user.roles).toEqual(['trainee']);
	});

	it('reads every role in the session’s one statement, in name order, and sees a change of roles on the next request', async () => {
		const id = await createUser({ email: `s${++n}@t.test`, name: 'Many Hats', password: 'password-123', roles: ['trainer', 'trainee', 'admin'] });
		const { token } = createSession(id);
		expect(validateSessionToken(token)?.user.roles).toEqual(['admin', 'trainee', 'trainer']);
		updateUser(id, { name: 'Many Hats', roles: ['trainer'], cohortId: null });
		expect(validateSessionToken(token)?.user.roles).toEqual(['trainer']);
		const { statements } = recordStatements(() => validateSessionToken(token));
		expect(statements.map((s) => s.sql).filter((q) => /user_roles/.test(q))).toHaveLength(1);
		expect(statements).toHaveLength(1);
	});

	it('rejects a token whose secret was tampered with', async () => {
		const { token } = createSession(await newUser());
		const [sid, secret] = token.split('.');
		const tampered = `${sid}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
		expect(validateSessionToken(tampered)).toBeNull();
		expect(validateSessionToken('garbage')).toBeNull();
		expect(validateSessionToken(`${sid}.${secret}.x`)).toBeNull();
	});

	it('renews the expiry at most once an hour (sliding 30 days)', async () => {
		const t0 = new Date('2026-01-01T00:00:00Z');
		const { token, session } = createSession(await newUser(), t0);
		const after30min = validateSessionToken(token, new Date(t0.getTime() + 30 * 60_000));
		expect(after30min?.session.expiresAt.getTime()).toBe(session.expiresAt.getTime());
		const later = new Date(t0.getTime() + 2 * 60 * 60_000);
		const after2h = validateSessionToken(token, later);
		expect(after2h?.session.expiresAt.getTime()).toBe(later.getTime() + SESSION_TTL_MS);
	});

	it('expires after 30 days without use', async () => {
		const t0 = new Date('2026-01-01T00:00:00Z');
		const { token } = createSession(await newUser(), t0);
		expect(validateSessionToken(token, new Date(t0.getTime() + SESSION_TTL_MS + 1))).toBeNull();
	});

	it('ends every session of a deactivated user at once', async () => {
		const id = await newUser();
		const a = createSession(id).token;
		const b = createSession(id).token;
		setUserActive(id, false);
		expect(validateSessionToken(a)).toBeNull();
		expect(validateSessionToken(b)).toBeNull();
	});

	it('forgets an invalidated session', async () => {
		const { token, session } = createSession(await newUser());
		invalidateSession(session.id);
		expect(validateSessionToken(token)).toBeNull();
	});

	it('sweeps expired sessions in batches and keeps the live ones', async () => {
		// Sessions of the year 2000: nothing else in this file's database expires that early.
		const day = 24 * 60 * 60_000;
		const t0 = new Date('2000-01-01T00:00:00Z');
		const expired = await Promise.all(Array.from({ length: 5 }, async (_, i) => createSession(await newUser(), new Date(t0.getTime() + i * 60_000)).session.id));
		const now = new Date(t0.getTime() + SESSION_TTL_MS + 10 * day);
		// one expiring exactly now: expired, as validateSessionToken has it
		const boundary = createSession(await newUser(), new Date(now.getTime() - SESSION_TTL_MS)).session.id;
		const live = createSession(await newUser(), new Date(now.getTime() - day));
		const count = () => db.select().from(sessions).all().length;
		const before = count();
		expect(await sweepExpiredSessions(now, 2)).toBe(6);
		expect(count()).toBe(before - 6);
		for (const id of [...expired, boundary]) expect(db.select().from(sessions).where(eq(sessions.id, id)).get()).toBeUndefined();
		expect(validateSessionToken(live.token, now)?.session.id).toBe(live.session.id);
		expect(await sweepExpiredSessions(now, 2)).toBe(0);
	});

	it('reads the expired sessions from their index, not the whole table', () => {
		const plan = sqlite
			.prepare('EXPLAIN QUERY PLAN ' + EXPIRED_SESSIONS_SQL)
			.all(Date.now(), 1000)
			.map((r) => (r as { detail: string }).detail)
			.join(' | ');
		expect(plan).toContain('sessions_expires_idx');
		expect(plan).not.toMatch(/SCAN sessions(?! USING)/);
		expect(plan).not.toContain('TEMP B-TREE');
	});
});
