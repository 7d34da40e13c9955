// CSV exports for admins: every certificate, and every trainee's progress per programme.
import { listCohorts, listUsers } from '$lib/server/db/queries/users';
import { CERTIFICATE_STATUS_LABELS } from '$lib/domain/certification/status';
import { toCsv } from '$lib/server/csv';
import { m } from '$lib/paraglide/messages';
import { certificationLinks } from '$lib/components/certification/links';
import { allCertificates, withStatus } from './certificates';
import { storedProgressForUsers } from './progress';

export function certificatesCsv(origin: string, now = new Date()): string {
	const cohorts = new Map(listCohorts().map((c) => [c.id, c.name]));
	return toCsv(
		[
			m.csv_cert_holder(),
			m.csv_cert_email(),
			m.csv_cert_cohort(),
			m.csv_cert_programme(),
			m.csv_cert_cycle(),
			m.csv_cert_status(),
			m.csv_cert_issued(),
			m.csv_cert_expires(),
			m.csv_cert_revoked(),
			m.csv_cert_revoked_reason(),
			m.csv_cert_retraining_due(),
			m.csv_cert_code(),
			m.csv_cert_verify_url()
		],
		withStatus(allCertificates(), now).map((c) => [
			c.holderName,
			c.holderEmail,
			c.cohortId ? cohorts.get(c.cohortId) : '',
			c.programmeTitle,
			c.cycle,
			CERTIFICATE_STATUS_LABELS[c.status],
			c.issuedAt,
			c.expiresAt,
			c.revokedAt,
			c.revokedReason,
			c.updateDue?.dueAt ?? null,
			c.code,
			new URL(certificationLinks.verify(c.code), origin).href
		])
	);
}

export function progressCsv(now = new Date()): string {
	const trainees = listUsers({ role: 'trainee' });
	const { trainees: progress } = storedProgressForUsers(trainees.map((t) => t.id), now);
	const byId = new Map(trainees.map((t) => [t.id, t]));
	const rows = progress.flatMap((p) => {
		const t = byId.get(p.userId)!;
		return p.programmes.map((pr) => [
			t.name,
			t.email,
			t.cohortName,
			t.active ? 'active' : 'deactivated',
			pr.title,
			pr.stateLabel,
			pr.done,
			pr.required,
			pr.items.filter((i) => !i.met).map((i) => `${i.label} (${i.counter})`).join('; '),
			pr.current ? CERTIFICATE_STATUS_LABELS[pr.current.status] : '',
			pr.current?.expiresAt ?? null
		]);
	});
	return toCsv(
		[
			m.csv_progress_trainee(),
			m.csv_cert_email(),
			m.csv_cert_cohort(),
			m.csv_progress_account(),
			m.csv_cert_programme(),
			m.csv_progress_state(),
			m.csv_progress_met(),
			m.csv_progress_total(),
			m.csv_progress_todo(),
			m.csv_progress_certificate(),
			m.csv_cert_expires()
		],
		rows
	);
}
