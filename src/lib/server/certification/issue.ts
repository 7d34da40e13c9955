// The issuing step itself, on a given connection: inside one IMMEDIATE transaction it reads what the
// trainee holds, evaluates every programme and inserts the certificates now earned. The unique
// (user, programme, cycle) index makes a racing second insert a no-op, so parallel calls — from
// requests or from other processes — never create two certificates for the same cycle.
import { eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { evaluateAll, type ProgrammeEvaluation } from '../../domain/certification/evaluate';
import type { HeldCertificate, TraineeEvidence } from '../../domain/certification/evidence';
import type { ProgrammeDefinition } from '../../domain/certification/rules';
import { expiryFor } from '../../domain/certification/status';
import { certificates, programmes } from '../db/schema/certification';
import { newCertificateCode } from './codes';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = BetterSQLite3Database<any>;
export type ProgrammeRow = typeof programmes.$inferSelect;
export type CertificateRow = typeof certificates.$inferSelect;

export const programmeDefinition = (p: ProgrammeRow): ProgrammeDefinition => ({ slug: p.slug, title: p.title, rules: p.rules });

export function heldCertificates(rows: CertificateRow[], programmeRows: ProgrammeRow[]): HeldCertificate[] {
	const slugById = new Map(programmeRows.map((p) => [p.id, p.slug]));
	return rows
		.filter((c) => slugById.has(c.programmeId))
		.map((c) => ({
			programmeSlug: slugById.get(c.programmeId)!,
			cycle: c.cycle,
			issuedAt: c.issuedAt,
			expiresAt: c.expiresAt,
			revokedAt: c.revokedAt
		}));
}

export interface IssueInput {
	userId: number;
	holderName: string;
	evidence: TraineeEvidence;
	now: Date;
	/** Runs inside the issuing transaction for each new certificate (the app records the audit entry). */
	onIssued?: (certificate: CertificateRow) => void;
}

export function issueEligible(db: AnyDb, input: IssueInput): { evaluations: ProgrammeEvaluation[]; issued: CertificateRow[] } {
	return db.transaction(
		(tx) => {
			const programmeRows = tx.select().from(programmes).all();
			const held = tx.select().from(certificates).where(eq(certificates.userId, input.userId)).all();
			const { evaluations, issue } = evaluateAll(
				programmeRows.map(programmeDefinition),
				input.evidence,
				heldCertificates(held, programmeRows),
				input.now
			);
			const issued: CertificateRow[] = [];
			for (const { programmeSlug, cycle } of issue) {
				const programme = programmeRows.find((p) => p.slug === programmeSlug)!;
				const row = tx
					.insert(certificates)
					.values({
						code: newCertificateCode(),
						userId: input.userId,
						programmeId: programme.id,
						cycle,
						programmeVersion: programme.version,
						holderName: input.holderName,
						programmeTitle: programme.title,
						issuedAt: input.now,
						expiresAt: expiryFor(input.now, programme.rules.validityMonths)
					})
					.onConflictDoNothing()
					.returning()
					.get();
				if (row) {
					issued.push(row);
					input.onIssued?.(row);
				}
			}
			return { evaluations, issued };
		},
		{ behavior: 'immediate' }
	);
}
