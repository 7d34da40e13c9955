// Files that may still hand English messages to error()/fail()/zod (tests/i18n/english-messages.ts), with how many
// each has and why. The counts are exact and may only go down: convert a message to Paraglide ({ error: () => m.key() })
// and lower the count (or drop the entry); a new English message anywhere fails tests/unit/i18n-english-messages.test.ts.
// Regenerate the counts with: npx tsx scripts/i18n-english-messages.ts --allowlist
export const ENGLISH_MESSAGES_ALLOWED: Record<string, { count: number; reason: string }> = {
	'src/lib/schemas/call-api.ts': { count: 4, reason: 'JSON API field details for API clients (docs/api.md); the pages never send these values' },
	'src/lib/schemas/call-event.ts': { count: 3, reason: 'JSON API field details for API clients (docs/api.md); the pages never send these values' },
	'src/lib/schemas/recording.ts': { count: 4, reason: 'JSON API field details of the recording upload (sent by our own script, never typed)' },
	'src/lib/schemas/speech.ts': { count: 3, reason: 'JSON API field details of the speech endpoints (sent by our own script, never typed)' },
	'src/lib/scoring/after-call-work.ts': { count: 4, reason: 'stored English detail; pages show the Paraglide text for note.code (src/lib/sim/score-labels.ts)' },
	'src/lib/scoring/coaching.ts': { count: 2, reason: 'stored English detail; the coach shows the Paraglide text for the cue kind (src/lib/sim/coach-text.ts)' },
	'src/lib/scoring/consistency.ts': { count: 1, reason: 'stored English detail; pages show the Paraglide text for note.code (src/lib/sim/score-labels.ts)' },
	'src/lib/scoring/record-accuracy.ts': { count: 3, reason: 'stored English detail; pages show the Paraglide text for note.code (src/lib/sim/score-labels.ts)' },
	'src/lib/server/ml/redis-queue.ts': { count: 1, reason: 'speech worker wire error between processes, logged; never shown as it is' },
	'src/lib/sim/outbox.svelte.ts': { count: 1, reason: 'fallback retry reason of the call outbox, logged for the retry; the page shows its own text' }
};
