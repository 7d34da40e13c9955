// CSV exports for admins: every certificate, and every trainee's progress per programme.
import { listCohorts, listUsers } from '$lib/server/db/queries/users';
import { certificateStatus, CERTIFICATE_STATUS_LABELS } from '$lib/domain/certification/status';
import { toCsv } from '$lib/server/csv';
import { certificationLinks } from '$lib/components/certification/links';
import { allCertificates } from './certificates';
import { storedProgressForUsers } from './progress';

export function certificatesCsv(origin: string, now = new Date()): string {
	const cohorts = new Map(listCohorts().map((c) => [c.id, c.name]));
	return toCsv(
		['Holder', 'E-mail', 'Cohort', 'Programme', 'Cycle', 'Status', 'Issued', 'Expires', 'Revoked', 'Revocation reason', 'Code', 'Verify URL'],
		allCertificates().map((c) => [
			c.holderName,
			c.holderEmail,
			c.cohortId ? cohorts.get(c.cohortId) : '',
			c.programmeTitle,
			c.cycle,
			CERTIFICATE_STATUS_LABELS[certificateStatus(c, now)],
			c.issuedAt,
			c.expiresAt,
			c.revokedAt,
			c.revokedReason,
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
		['Trainee', 'E-mail', 'Cohort', 'Account', 'Programme', 'State', 'Requirements met', 'Requirements total', 'Still to do', 'Certificate', 'Expires'],
		rows
	);
}
