// Trainer review of a finished call: comments and section-score overrides (history kept, audit-logged).
import { z } from 'zod';
import { decimalText } from '$lib/schemas/number';
import { displayText } from '$lib/schemas/text';
import { db } from '$lib/server/db';
import { callComments, callScoreOverrides } from '$lib/server/db/schema/calls';
import { recordAudit } from '$lib/server/audit';
import { SCORE_SECTIONS } from '$lib/domain/call';
import type { CallScore } from '$lib/scoring/types';
import { applyOverrides, overridesOf, refreshTotals } from './scoring';
import { refreshCallStats } from './stats';
import type { CallRow } from './service';
import { evaluateAndIssueSafely } from '$lib/server/certification/auto-issue';

export const commentSchema = z.object({
	body: displayText({ min: 1, minMessage: 'Write a comment first.', max: 2000, maxMessage: 'Keep the comment under 2000 characters.', multiline: true })
});

export const overrideSchema = z.object({
	section: z.enum(SCORE_SECTIONS, 'Choose a section.'),
	score: decimalText('Enter a score from 0 to 100.').pipe(z.number().min(0, 'The score must be 0 or more.').max(100, 'The score must be 100 or less.')),
	reason: z.string().trim().min(5, 'Give the trainee a reason (at least 5 characters).').max(1000, 'Keep the reason under 1000 characters.')
});

export function addComment(authorId: number, call: CallRow, body: string, now = new Date()): void {
	const row = db.insert(callComments).values({ callId: call.id, authorId, body, createdAt: now }).returning().get();
	refreshCallStats(call.userId); // the call no longer waits for review
	recordAudit({ actorId: authorId, action: 'call.comment', entityType: 'call', entityId: call.id, after: { commentId: row.id, body } }, now);
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
