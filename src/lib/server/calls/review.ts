// Trainer review of a finished call: comments and section-score overrides (history kept, audit-logged).
import { z } from 'zod';
import { decimalText } from '$lib/schemas/number';
import { displayText } from '$lib/schemas/text';
import { optionalMoment } from '$lib/schemas/moment';
import { db } from '$lib/server/db';
import { callComments, callScoreOverrides } from '$lib/server/db/schema/calls';
import { recordAudit } from '$lib/server/audit';
import { SCORE_SECTIONS } from '$lib/domain/call';
import type { CallScore } from '$lib/scoring/types';
import { applyOverrides, overridesOf, refreshTotals } from './scoring';
import { refreshCallStats } from './stats';
import type { CallRow } from './service';
import { evaluateAndIssueSafely } from '$lib/server/certification/auto-issue';
import { inRecipientLanguage, notify } from '$lib/server/notifications/notify';
import { m } from '$lib/paraglide/messages';
import { formatInteger } from '$lib/i18n/format';

export const commentSchema = z.object({
	body: displayText({ min: 1, minMessage: () => m.review_comment_empty(), max: 2000, maxMessage: () => m.review_comment_too_long({ max: formatInteger(2000) }), multiline: true }),
	/** Pin the comment to a moment of the call (m:ss); empty: the whole call. */
	at: optionalMoment(() => m.zod_moment())
});

export const overrideSchema = z.object({
	section: z.enum(SCORE_SECTIONS, { error: () => m.zod_choose_section() }),
	score: decimalText(() => m.zod_score_range()).pipe(z.number().min(0, { error: () => m.zod_score_min() }).max(100, { error: () => m.zod_score_max() })),
	reason: z.string().trim().min(5, { error: () => m.zod_reason_min() }).max(1000, { error: () => m.zod_reason_max({ max: formatInteger(1000) }) })
});

export function addComment(authorId: number, call: CallRow, body: string, now = new Date(), atMs: number | null = null): void {
	const row = db.insert(callComments).values({ callId: call.id, authorId, body, atMs, createdAt: now }).returning().get();
	refreshCallStats(call.userId); // the call no longer waits for review
	recordAudit({ actorId: authorId, action: 'call.comment', entityType: 'call', entityId: call.id, after: { commentId: row.id, body, atMs } }, now);
	if (authorId !== call.userId) {
		notify(
			[
				inRecipientLanguage(call.userId, () => ({
					userId: call.userId,
					kind: 'call-comment' as const,
					title: m.notif_call_comment_title({ title: call.scenarioTitle ?? call.scenarioSlug }),
					body: body.length > 300 ? `${body.slice(0, 300)}…` : body,
					href: `/calls/${call.id}/result`,
					dedupeKey: `comment:${row.id}`
				}))
			],
			now
		);
	}
}

export function overrideSectionScore(
	trainerId: number,
	call: CallRow,
	input: z.infer<typeof overrideSchema>,
	now = new Date()
): void {
	const score = call.score as CallScore | null;
	if (!score) throw new Error('Only scored calls can be overridden.');
	const current = applyOverrides(score, overridesOf(call.id)).sections[input.section];
	const newScore = Math.round(input.score * 10) / 10;
	db.insert(callScoreOverrides)
		.values({ callId: call.id, trainerId, section: input.section, oldScore: current, newScore, reason: input.reason, createdAt: now })
		.run();
	refreshTotals(call.id);
	evaluateAndIssueSafely(call.userId, now); // certification: a raised score may complete a programme (never revokes)
	recordAudit(
		{
			actorId: trainerId,
			action: 'score.override',
			entityType: 'call',
			entityId: call.id,
			before: { section: input.section, score: current },
			after: { section: input.section, score: newScore, reason: input.reason }
		},
		now
	);
}
