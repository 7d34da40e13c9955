// CSV exports for admins: every certificate, and every trainee's progress per programme. Each is produced in
// batches (a keyset page of certificates, a slice of trainees), so the download streams with one batch in memory;
// the string forms are the same bytes, for tests and small uses.
import { listCohorts, listTraineesForExport } from '$lib/server/db/queries/users';
import { CERTIFICATE_STATUS_LABELS } from '$lib/domain/certification/status';
import { csvStream, toCsv, type CsvCell } from '$lib/server/csv';
import { m } from '$lib/paraglide/messages';
import { certificationLinks } from '$lib/components/certification/links';
import { certificateBatches, withStatus } from './certificates';
import { exportProgressForUsers, progressNames } from './progress';

/** Rows (certificates, or trainees for the progress export) per batch: each batch is one turn of the event loop. */
export const EXPORT_BATCH = 200;

const certificatesHeader = () => [
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
];

function* certificateRows(origin: string, now: Date, batch: number): Generator<CsvCell[][]> {
	const cohorts = new Map(listCohorts().map((c) => [c.id, c.name]));
	for (const rows of certificateBatches(batch)) {
		yield withStatus(rows, now).map((c) => [
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
		]);
	}
}

export function certificatesCsv(origin: string, now = new Date(), batch = EXPORT_BATCH): string {
	return toCsv(certificatesHeader(), [...certificateRows(origin, now, batch)].flat());
}

export function certificatesCsvStream(origin: string, now = new Date(), batch = EXPORT_BATCH): ReadableStream<Uint8Array> {
	return csvStream(certificatesHeader(), certificateRows(origin, now, batch));
}

const progressHeader = () => [
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
];

/**
 * Trainees in name order, `batch` at a time: the user rows are small (five columns); their progress is read per slice,
 * only the fields the cells show (exportProgressForUsers).
 */
function* progressRows(now: Date, batch: number): Generator<CsvCell[][]> {
	const trainees = listTraineesForExport();
	const names = progressNames();
	const todoOf = new Map<string, string>();
	for (let i = 0; i < trainees.length; i += batch) {
		const slice = trainees.slice(i, i + batch);
		const progress = exportProgressForUsers(
			slice.map((t) => t.id),
			now,
			names,
			todoOf
		);
		yield progress.flatMap((p, j) => {
			const t = slice[j];
			return p.programmes.map((pr) => [
				t.name,
				t.email,
				t.cohortName,
				t.active ? 'active' : 'deactivated',
				pr.title,
				pr.stateLabel,
				pr.done,
				pr.required,
				pr.todo,
				pr.status ? CERTIFICATE_STATUS_LABELS[pr.status] : '',
				pr.expiresAt
			]);
		});
	}
}

export function progressCsv(now = new Date(), batch = EXPORT_BATCH): string {
	return toCsv(progressHeader(), [...progressRows(now, batch)].flat());
}

export function progressCsvStream(now = new Date(), batch = EXPORT_BATCH): ReadableStream<Uint8Array> {
	return csvStream(progressHeader(), progressRows(now, batch));
}
