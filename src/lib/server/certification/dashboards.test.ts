import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { certificates } from '$lib/server/db/schema/certification';
import { createCohort, createUser } from '$lib/server/db/queries/users';
import { adminDashboard, traineeDashboard, trainerDashboard } from './dashboards';
import { getProgramme } from './programmes';
import { seedDemoProgrammes } from './seed';
import { newCertificateCode } from './codes';
import { certificatesCsv, certificatesCsvStream, progressCsv, progressCsvStream } from './exports';
import { sqlite } from '$lib/server/db';
import { traineeMonthStats } from '$lib/server/db/schema/targets';

const NOW = new Date('2026-06-15T12:00:00Z');
const DAY = 86_400_000;

const trainer = await createUser({ email: 'tr@example.test', name: 'Tess Trainer', password: 'x-password-1', roles: ['trainer'] });
const cohort = createCohort('Blue team', trainer);
const names = ['Ann Valid', 'Ben Expiring', 'Cat Expired', 'Dan Revoked', 'Eve Nothing'];
const ids: number[] = [];
for (const [i, name] of names.entries()) {
	ids.push(await createUser({ email: `t${i}@example.test`, name, password: 'x-password-1', roles: ['trainee'], cohortId: cohort }));
}
seedDemoProgrammes(NOW);
const level1 = getProgramme('crm-call-handling-level-1')!;
const issue = (userId: number, issuedAt: Date, expiresAt: Date, revokedAt: Date | null = null) =>
	db
		.insert(certificates)
		.values({
			code: newCertificateCode(),
			userId,
			programmeId: level1.id,
			cycle: 1,
			programmeVersion: 1,
			holderName: names[ids.indexOf(userId)],
			programmeTitle: level1.title,
			issuedAt,
			expiresAt,
			revokedAt,
			revokedReason: revokedAt ? 'Copied answers' : null
		})
		.run();
issue(ids[0], new Date(NOW.getTime() - 30 * DAY), new Date(NOW.getTime() + 335 * DAY));
issue(ids[1], new Date(NOW.getTime() - 345 * DAY), new Date(NOW.getTime() + 20 * DAY));
issue(ids[2], new Date(NOW.getTime() - 400 * DAY), new Date(NOW.getTime() - 35 * DAY));
issue(ids[3], new Date(NOW.getTime() - 30 * DAY), new Date(NOW.getTime() + 335 * DAY), new Date(NOW.getTime() - DAY));

describe('admin dashboard', () => {
	it('counts certificate statuses per programme, lists what expires soon and completion per cohort', () => {
		const d = adminDashboard(NOW);
		expect(d.trainees).toBe(5);
		expect(d.byProgramme.find((p) => p.slug === level1.slug)?.counts).toEqual({ valid: 1, expiring: 1, lapsed: 0, expired: 1, revoked: 1, none: 1 });
		expect(d.expiringSoon.map((c) => c.holderName)).toEqual(['Ben Expiring']);
		const blue = d.perCohort.find((c) => c.name === 'Blue team')!;
		expect(blue.programmes.find((p) => p.slug === level1.slug)).toMatchObject({ certified: 2, percent: 40 });
	});

	it("counts each cohort's month from the stored month rows: active trainees, assessment calls, certificates expiring", () => {
		db.insert(traineeMonthStats)
			.values([
				{ userId: ids[0], month: '2026-06', assessmentCalls: 3, accuracySum: 1.8, accuracyN: 3 },
				{ userId: ids[1], month: '2026-06', assessmentCalls: 0, accuracySum: 0.5, accuracyN: 1 }, // practice only: active
				{ userId: ids[2], month: '2026-05', assessmentCalls: 7, accuracySum: 6, accuracyN: 7 } // last month
			])
			.run();
		const blue = adminDashboard(NOW).perCohort.find((c) => c.name === 'Blue team')!;
		expect(blue).toMatchObject({ trainees: 5, activeThisMonth: 2, assessmentCallsThisMonth: 3, expiring: 1 });
		const plan = (sqlite.prepare("explain query plan select user_id, assessment_calls from trainee_month_stats where month = ?").all('2026-06') as { detail: string }[]).map((r) => r.detail).join('\n');
		expect(plan).toMatch(/SEARCH trainee_month_stats USING COVERING INDEX trainee_month_stats_month_idx \(month=\?\)/);
	});
});

describe('trainer dashboard', () => {
	it('shows the cohort as trainees × courses and programmes, with KPIs per trainee', () => {
		const [view] = trainerDashboard(trainer, NOW).cohorts;
		expect(view.name).toBe('Blue team');
		expect(view.rows.map((r) => r.name)).toEqual(names);
		const col = view.columns.programmes.findIndex((c) => c.slug === level1.slug);
		expect(view.rows.map((r) => r.programmes[col].state)).toEqual([
			'certified',
			'renewal-due',
			'expired',
			'revoked',
			'in-progress'
		]);
		expect(view.rows[4].kpis).toEqual({ calls: 0, handle: null, acw: null, hold: null, firstContactResolution: null });
		// the counter only while in progress; a course cell is null until the course is completed
		expect(view.rows.map((r) => r.programmes[col].done !== undefined)).toEqual([false, false, false, false, true]);
		expect(view.rows[4].courses.every((c) => c === null)).toBe(true);
		expect(view.weakest).toEqual([]);
	});

	it('is empty for a trainer without cohorts', async () => {
		const other = await createUser({ email: 'tr2@example.test', name: 'Other', password: 'x-password-1', roles: ['trainer'] });
		expect(trainerDashboard(other, NOW).cohorts).toEqual([]);
	});
});

describe('trainee dashboard', () => {
	it('lists the trainee’s certificates with status and every programme with counters', () => {
		const d = traineeDashboard(ids[1], NOW);
		expect(d.certificates.map((c) => [c.programmeTitle, c.status])).toEqual([[level1.title, 'expiring']]);
		const p = d.programmes.find((x) => x.slug === level1.slug)!;
		expect(p.state).toBe('renewal-due');
		expect(p.recertify).toEqual(['3 calls scoring ≥ 75 with record accuracy ≥ 80 again', '1 angry-caller call scoring ≥ 75 again']);
		expect(d.trend).toEqual([]);
	});
});

describe('CSV exports', () => {
	it('exports every certificate with status and verify URL, and progress per trainee and programme', () => {
		const certs = certificatesCsv('https://cc.example', NOW).split('\r\n');
		expect(certs).toHaveLength(1 + 4 + 1);
		expect(certs.find((l) => l.startsWith('Dan Revoked'))).toMatch(/Revoked.*Copied answers.*https:\/\/cc\.example\/verify\/[A-Z2-7]{32}$/);
		const progress = progressCsv(NOW).split('\r\n');
		expect(progress[0]).toBe('\uFEFFTrainee,E-mail,Cohort,Account,Programme,State,Requirements met,Requirements total,Still to do,Certificate,Expires');
		expect(progress.filter((l) => l.startsWith('Eve Nothing'))).toHaveLength(2);
	});

	it('writes Bengali headers for a Bengali reader, same columns, dates still ISO 8601 and codes unchanged', async () => {
		const { getLocale, overwriteGetLocale } = await import('$lib/paraglide/runtime');
		const english = getLocale;
		const before = certificatesCsv('https://cc.example', NOW).split('\r\n');
		overwriteGetLocale(() => 'bn');
		try {
			const certs = certificatesCsv('https://cc.example', NOW).split('\r\n');
			expect(certs[0]).toBe('\uFEFFসনদধারী,ই-মেইল,ব্যাচ,প্রোগ্রাম,চক্র,অবস্থা,ইস্যুর তারিখ,মেয়াদ শেষ,বাতিলের তারিখ,বাতিলের কারণ,পুনঃপ্রশিক্ষণের হালনাগাদের শেষ তারিখ,কোড,যাচাইয়ের URL');
			expect(certs).toHaveLength(before.length);
			const dan = certs.find((l) => l.startsWith('Dan Revoked'))!;
			expect(dan).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/);
			expect(dan).toMatch(/https:\/\/cc\.example\/verify\/[A-Z2-7]{32}$/);
			expect(certs.join('\n')).not.toMatch(/[০-৯]/);
			const progress = progressCsv(NOW).split('\r\n');
			expect(progress[0]).toBe('\uFEFFপ্রশিক্ষণার্থী,ই-মেইল,ব্যাচ,অ্যাকাউন্ট,প্রোগ্রাম,অবস্থা,পূরণ হওয়া শর্ত,মোট শর্ত,যা বাকি,সনদ,মেয়াদ শেষ');
		} finally {
			overwriteGetLocale(english);
		}
	});
});

describe('streamed CSV exports', () => {
	const read = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

	it('stream the same bytes as the whole export whatever the batch size, each certificate once, ties on issue time kept', async () => {
		const whole = certificatesCsv('https://cc.example', NOW);
		for (const batch of [1, 2, 3, 500]) {
			// the BOM is part of the file: Response.text() would drop it, so compare the raw bytes
			const bytes = new Uint8Array(await new Response(certificatesCsvStream('https://cc.example', NOW, batch)).arrayBuffer());
			expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(whole);
			expect(certificatesCsv('https://cc.example', NOW, batch)).toBe(whole);
		}
		const lines = whole.split('\r\n').slice(1, -1);
		expect(lines).toHaveLength(4);
		expect(new Set(lines.map((l) => l.split(',')[0]))).toEqual(new Set(['Ann Valid', 'Ben Expiring', 'Cat Expired', 'Dan Revoked']));
		// newest first; Ann and Dan were issued at the same instant and still both appear
		expect(lines.map((l) => l.split(',')[0]).slice(2)).toEqual(['Ben Expiring', 'Cat Expired']);
		const progress = progressCsv(NOW);
		for (const batch of [1, 2, 500]) {
			const text = await read(progressCsvStream(NOW, batch));
			expect('\uFEFF' + text).toBe(progress);
		}
	});

	it('each certificate batch is an index range scan, not a scan and sort', async () => {
		const { certificateBatchQuery } = await import('./certificates');
		const q = certificateBatchQuery({ issuedAt: NOW, id: 10 }, 500).toSQL();
		const plan = sqlite
			.prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
			.all(...(q.params as unknown[]))
			.map((r) => (r as { detail: string }).detail)
			.join('\n');
		expect(plan).toContain('USING INDEX certificates_issued_idx (issued_at<?)');
		expect(plan).not.toContain('TEMP B-TREE');
	});

	it('write later batches in the language of the request that opened the stream', async () => {
		const { getLocale, overwriteGetLocale } = await import('$lib/paraglide/runtime');
		const english = getLocale;
		overwriteGetLocale(() => 'bn');
		let stream: ReadableStream<Uint8Array>;
		try {
			stream = certificatesCsvStream('https://cc.example', NOW, 1);
		} finally {
			overwriteGetLocale(english);
		}
		// read after the reader's locale is gone, as the adapter does once the handler has returned
		const text = await read(stream);
		const dan = text.split('\r\n').find((l) => l.startsWith('Dan Revoked'))!;
		expect(dan).toContain(',বাতিল,');
		expect(text).not.toMatch(/,Revoked,/);
	});
});

describe('admin certificate list in SQL pages', () => {
	it('filters each status with the same boundaries as certificateStatus, and pages through all of them', async () => {
		const { certificatesPage, countCertificates } = await import('./certificates');
		const { certificateStatus, CERTIFICATE_STATUSES } = await import('$lib/domain/certification/status');
		const all = certificatesPage({}, NOW, { limit: 100, offset: 0 });
		expect(countCertificates({}, NOW)).toBe(all.length);
		for (const status of CERTIFICATE_STATUSES) {
			// Also at the boundaries: the moment the renewal window opens and the moment of expiry.
			for (const at of [NOW, new Date(NOW.getTime() + 20 * DAY - 30 * DAY), new Date(NOW.getTime() + 20 * DAY)]) {
				const rows = certificatesPage({ status }, at, { limit: 100, offset: 0 });
				expect(rows.map((c) => c.id).sort()).toEqual(all.filter((c) => certificateStatus(c, at) === status).map((c) => c.id).sort());
				expect(countCertificates({ status }, at)).toBe(rows.length);
			}
		}
		expect(certificatesPage({ q: 'ben exp' }, NOW, { limit: 100, offset: 0 }).map((c) => c.holderName)).toEqual(['Ben Expiring']);
		expect(certificatesPage({ q: '100%_' }, NOW, { limit: 100, offset: 0 })).toEqual([]);
		const paged = [0, 1, 2, 3].flatMap((i) => certificatesPage({}, NOW, { limit: 1, offset: i }).map((c) => c.id));
		expect(paged).toEqual(all.map((c) => c.id));
	});
});
