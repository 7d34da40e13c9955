// Programme storage: listing, the catalogue rules are checked against, and saving an edit —
// validated, versioned, audited, then recomputed (issuing new certificates; revoking only if asked).
import { asc, eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { certificates, programmes } from '$lib/server/db/schema/certification';
import { recordAudit } from '$lib/server/audit';
import { evaluateProgramme } from '$lib/domain/certification/evaluate';
import { validateProgramme, type ProgrammeDefinition, type RuleCatalogue, type RuleProblem } from '$lib/domain/certification/rules';
import { isInForce } from '$lib/domain/certification/status';
import { loadEvidence, loadEvidenceCatalogue } from './evidence';
import { reevaluateInBackground } from './auto-issue';
import { heldCertificates, programmeDefinition, type ProgrammeRow } from './issue';
import { revokeCertificate } from './certificates';

export function listProgrammes(): ProgrammeRow[] {
	return allProgrammes().all();
}
const allProgrammes = lazy(() => db.select().from(programmes).orderBy(asc(programmes.id)).prepare());

export function getProgramme(slug: string): ProgrammeRow | undefined {
	return db.select().from(programmes).where(eq(programmes.slug, slug)).get();
}

export function ruleCatalogue(): RuleCatalogue {
	const { courses, scenarios } = loadEvidenceCatalogue();
	return {
		courses,
		scenarios,
		programmes: listProgrammes().map((p) => ({ slug: p.slug, title: p.title, prerequisites: p.rules.prerequisites }))
	};
}

export type SaveResult =
	| { ok: false; problems: RuleProblem[] }
	| { ok: true; programme: ProgrammeRow; revoked: number; reevaluation: Promise<number> };

/**
 * Creates (existing = undefined) or updates a programme. Refuses rules that could never be met.
 * After saving, every trainee is re-evaluated in the background (`reevaluation` resolves to the certificates it
 * issued); with revokeNonMatching, certificates in force whose holders no longer meet the new rules are revoked,
 * in the request, with a reason naming the new version.
 */
export function saveProgramme(
	def: ProgrammeDefinition & { description: string; retrainingDays?: number },
	actorId: number,
	existing?: ProgrammeRow,
	options: { revokeNonMatching?: boolean; now?: Date } = {}
): SaveResult {
	const now = options.now ?? new Date();
	const catalogue = ruleCatalogue();
	const problems = validateProgramme(def, catalogue);
	const clash = getProgramme(def.slug);
	if (clash && clash.id !== existing?.id) {
		problems.unshift({ path: 'slug', message: m.programme_slug_taken({ slug: def.slug }) });
	}
	if (problems.length) return { ok: false, problems };

	let programme: ProgrammeRow;
	if (existing) {
		programme = db
			.update(programmes)
			.set({
				slug: def.slug,
				title: def.title,
				description: def.description,
				rules: def.rules,
				retrainingDays: def.retrainingDays ?? existing.retrainingDays,
				version: existing.version + 1,
				updatedAt: now
			})
			.where(eq(programmes.id, existing.id))
			.returning()
			.get();
		recordAudit(
			{
				actorId,
				action: 'programme.update',
				entityType: 'programme',
				entityId: programme.id,
				before: snapshot(existing),
				after: { ...snapshot(programme), revokeNonMatching: !!options.revokeNonMatching }
			},
			now
		);
	} else {
		programme = db
			.insert(programmes)
			.values({ slug: def.slug, title: def.title, description: def.description, rules: def.rules, retrainingDays: def.retrainingDays, createdAt: now, updatedAt: now })
			.returning()
			.get();
		recordAudit({ actorId, action: 'programme.create', entityType: 'programme', entityId: programme.id, after: snapshot(programme) }, now);
	}

	const revoked = options.revokeNonMatching ? revokeNoLongerMatching(programme, actorId, now) : 0;
	return { ok: true, programme, revoked, reevaluation: reevaluateInBackground() };
}

function snapshot(p: ProgrammeRow) {
	return { slug: p.slug, title: p.title, description: p.description, rules: p.rules, retrainingDays: p.retrainingDays, version: p.version };
}

/** Revokes in-force certificates of `programme` whose holders do not meet its current rules. */
function revokeNoLongerMatching(programme: ProgrammeRow, actorId: number, now: Date): number {
	const all = listProgrammes();
	const inForce = db
		.select()
		.from(certificates)
		.where(eq(certificates.programmeId, programme.id))
		.all()
		.filter((c) => isInForce(c, now));
	let revoked = 0;
	for (const cert of inForce) {
		const others = db.select().from(certificates).where(eq(certificates.userId, cert.userId)).all();
		// Judge the holder as if this programme's certificates did not exist yet.
		const held = heldCertificates(others.filter((c) => c.programmeId !== programme.id), all);
		const evaluation = evaluateProgramme(programmeDefinition(programme), loadEvidence(cert.userId), held, now);
		if (evaluation.eligible) continue;
		const reason = `Programme rules changed (version ${programme.version}); the holder no longer meets them.`;
		if (revokeCertificate(cert.id, reason, actorId, now)) revoked++;
	}
	return revoked;
}
