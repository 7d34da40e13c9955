// The triggers of migration 0026 move the 'certificate_status' counter on every write to what the admin home's
// organisation-wide figures read, and on nothing else: a write they missed would leave the page stale, a write they
// count for nothing would only cost a read.
import { describe, expect, it } from 'vitest';
import { sqlite } from '$lib/server/db';
import { createUser } from '$lib/server/db/queries/users';
import { seedDemoProgrammes } from '$lib/server/certification/seed';
import { keptPerKeyUntilChange } from './generation';

const NOW = Date.parse('2026-06-15T12:00:00Z');
seedDemoProgrammes(new Date(NOW));
const holder = await createUser({ email: 'holder@gen.test', name: 'Holder', password: 'x-password-1', roles: ['trainee'] });
const plain = await createUser({ email: 'plain@gen.test', name: 'Plain', password: 'x-password-1', roles: ['trainee'] });
const programme = sqlite.prepare('select id from cert_programmes limit 1').pluck().get() as number;

const counter = () => sqlite.prepare("select n from table_generations where name = 'certificate_status'").pluck().get() as number;
const run = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).run(...params);
const call = (id: string, userId: number) =>
	run(
		"insert into calls (id, user_id, scenario_slug, scenario_hash, scenario_version, scenario_snapshot, state, created_at) values (?, ?, 'billing', 'h', 1, '{}', 'ringing', ?)",
		id,
		userId,
		NOW
	);

describe("the 'certificate_status' counter", () => {
	it('moves on every write the organisation-wide certificate figures depend on', () => {
		const writes: [string, () => void][] = [
			['certificate issued', () => run("insert into certificates (code, user_id, programme_id, cycle, programme_version, holder_name, programme_title, issued_at, expires_at) values ('GEN-1', ?, ?, 1, 1, 'Holder', 'P', ?, ?)", holder, programme, NOW, NOW + 1e10)],
			['certificate revoked', () => run("update certificates set revoked_at = ? where code = 'GEN-1'", NOW)],
			['retraining note', () => run("insert into retraining_notes (id, kind, ref_slug, title, to_version, changes, lessons, min_score, created_at) values (900, 'scenario', 'billing', 'Billing', 2, '[]', '[]', 70, ?)", NOW)],
			['retraining update', () => run("insert into certificate_updates (certificate_id, note_id, user_id, due_at, created_at) select id, 900, user_id, ?, ? from certificates where code = 'GEN-1'", NOW, NOW)],
			['retraining update done', () => run('update certificate_updates set done_at = ?', NOW)],
			["a holder's call started", () => call('gen-call-1', holder)],
			["a holder's call completed", () => run("update calls set state = 'completed', total = 90 where id = 'gen-call-1'")],
			["a holder's call removed", () => run("delete from calls where id = 'gen-call-1'")],
			['trainee deactivated', () => run('update users set active = 0 where id = ?', plain)],
			['role given', () => run("insert into user_roles (user_id, role) values (?, 'trainer')", plain)],
			['role taken', () => run("delete from user_roles where user_id = ? and role = 'trainer'", plain)],
			['programme changed', () => run("update cert_programmes set title = title || ' (2026)' where id = ?", programme)],
			['retraining update removed', () => run('delete from certificate_updates')],
			['certificate removed', () => run("delete from certificates where code = 'GEN-1'")]
		];
		for (const [what, write] of writes) {
			const before = counter();
			write();
			expect(counter(), what).toBeGreaterThan(before);
		}
	});

	it('stands still on writes they do not read', () => {
		const before = counter();
		run("update users set name = 'Renamed' where id = ?", plain);
		call('gen-call-2', plain); // a trainee with no retraining update: their calls close nothing
		run("update calls set state = 'completed', total = 80 where id = 'gen-call-2'");
		run("insert into trainee_month_stats (user_id, month, assessment_calls, accuracy_sum, accuracy_n) values (?, '2026-06', 1, 1, 1)", plain);
		expect(counter()).toBe(before);
	});
});

describe('keptPerKeyUntilChange', () => {
	it('keeps an answer per key until the counter moves, at most maxEntries of them, and nothing read in a transaction', () => {
		const kept = keptPerKeyUntilChange<number>('certificate_status', 2);
		let reads = 0;
		const read = (value: number) => () => (reads++, value);
		expect(kept('a', read(1))).toBe(1);
		expect(kept('a', read(9))).toBe(1);
		expect(reads).toBe(1);
		expect(kept('b', read(2))).toBe(2);
		expect(kept('c', read(3))).toBe(3); // the third key: 'a', the oldest, goes
		expect(kept('b', read(9))).toBe(2);
		expect(kept('a', read(4))).toBe(4);
		expect(reads).toBe(4);
		run("insert into user_roles (user_id, role) values (?, 'trainer')", plain); // moves the counter
		expect(kept('a', read(5))).toBe(5);
		expect(kept('a', read(9))).toBe(5);
		expect(sqlite.transaction(() => kept('t', read(6)))()).toBe(6);
		expect(kept('t', read(7))).toBe(7);
		expect(kept('t', read(9))).toBe(7);
		expect(reads).toBe(7);
		run("delete from user_roles where user_id = ? and role = 'trainer'", plain);
	});
});
