import { describe, expect, it } from 'vitest';
import { db, sqlite } from './db';
import { users } from './db/schema/users';
import { recordAudit } from './audit';
import { auditCsv, auditFacets, auditPage } from './audit-log';
import { auditFilterFromUrl } from '$lib/schemas/audit';

const admin = db.insert(users).values({ email: 'a@example.test', name: 'Ada Admin', passwordHash: 'x', createdAt: new Date() }).returning().get().id;
const trainer = db.insert(users).values({ email: 't@example.test', name: 'Theo Trainer', passwordHash: 'x', createdAt: new Date() }).returning().get().id;

recordAudit({ actorId: admin, action: 'user.create', entityType: 'user', entityId: 7, after: { name: '=HYPERLINK("x")' } }, new Date('2026-03-01T10:00:00Z'));
recordAudit({ actorId: trainer, action: 'score.override', entityType: 'call', entityId: 'c1', before: { total: 60 }, after: { total: 70 } }, new Date('2026-03-02T10:00:00Z'));
recordAudit({ actorId: null, action: 'certificate.issue', entityType: 'certificate', entityId: 1 }, new Date('2026-03-03T23:59:00Z'));

const filter = (query: string) => auditFilterFromUrl(new URL(`http://x/admin/audit?${query}`));

describe('audit log viewer', () => {
	it('lists newest first with actor names, and filters by actor, action, entity and dates', () => {
		expect(auditPage(filter('').filter).rows.map((r) => r.action)).toEqual(['certificate.issue', 'score.override', 'user.create']);
		expect(auditPage(filter(`actor=${trainer}`).filter).rows.map((r) => r.actorName)).toEqual(['Theo Trainer']);
		expect(auditPage(filter('action=user.create').filter).total).toBe(1);
		expect(auditPage(filter('entityType=call&entityId=c1').filter).total).toBe(1);
		expect(auditPage(filter('from=2026-03-02&to=2026-03-03').filter).rows.map((r) => r.action)).toEqual(['certificate.issue', 'score.override']);
	});

	it('reports bad filter values and ignores them instead of failing', () => {
		const { filter: f, errors } = filter('from=yesterday&action=user.create');
		expect(errors).toEqual({ from: 'Use a date like 2026-05-31.' });
		expect(auditPage(f).total).toBe(1);
	});

	it('offers the actors, actions and entities present', () => {
		const facets = auditFacets();
		expect(facets.actions).toEqual(['certificate.issue', 'score.override', 'user.create']);
		expect(facets.actors.map((a) => a.name)).toEqual(['Ada Admin', 'Theo Trainer']);
	});

	it('exports CSV oldest first with before/after as JSON', () => {
		const csv = auditCsv(filter('').filter);
		const lines = csv.split('\r\n');
		expect(lines[0]).toBe('\uFEFFWhen (UTC),Actor,Actor id,Action,Entity,Entity id,Before,After');
		expect(lines[1]).toContain('Ada Admin');
		expect(lines[1]).toContain(`"{""name"":""=HYPERLINK(\\""x\\"")""}"`);
		expect(lines[3]).toContain('system');
	});

	it('exports Bengali headers to a Bengali reader; times stay ISO 8601 UTC', async () => {
		const { getLocale, overwriteGetLocale } = await import('$lib/paraglide/runtime');
		const english = getLocale;
		overwriteGetLocale(() => 'bn');
		try {
			const lines = auditCsv(filter('').filter).split('\r\n');
			expect(lines[0]).toBe('\uFEFFসময় (UTC),কে করেছেন,কর্তার আইডি,কাজ,বিষয়,বিষয়ের আইডি,আগে,পরে');
			expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z,Ada Admin,/);
		} finally {
			overwriteGetLocale(english);
		}
	});

	it('is append-only: the database refuses updates and deletes', () => {
		expect(() => sqlite.prepare('update audit_log set action = ?').run('tampered')).toThrow(/append-only/);
		expect(() => sqlite.prepare('delete from audit_log').run()).toThrow(/append-only/);
		expect(auditPage(filter('').filter).total).toBe(3);
	});
});
