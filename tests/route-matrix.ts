// Expected HTTP status of every route for every kind of visitor. A route without an entry fails
// tests/unit/route-matrix.test.ts; tests/e2e/route-matrix.e2e.ts requests each one as each role.
// Statuses are those of the first response (redirects are not followed): 303 = sent to sign-in (or onwards).

export type Visitor = 'anon' | 'trainee' | 'trainer' | 'admin';
export type Expectation = Record<Visitor, number>;

export interface RouteCase {
	/** A concrete URL for the route (fill dynamic params with a sample value). */
	path: string;
	method?: 'GET' | 'POST';
	/** JSON body for POST cases. */
	body?: unknown;
	expect: Expectation;
}

/** Page in (app): any signed-in user. */
export const appPage = (path: string): RouteCase => ({ path, expect: { anon: 303, trainee: 200, trainer: 200, admin: 200 } });
/** Page in (trainer): trainers and admins. */
export const trainerPage = (path: string): RouteCase => ({ path, expect: { anon: 303, trainee: 403, trainer: 200, admin: 200 } });
/** Page in (admin): admins only. */
export const adminPage = (path: string): RouteCase => ({ path, expect: { anon: 303, trainee: 403, trainer: 403, admin: 200 } });
/** Any case with explicit statuses. */
export const custom = (path: string, expect: Expectation, method: 'GET' | 'POST' = 'GET', body?: unknown): RouteCase => ({
	path,
	method,
	body,
	expect
});

/** A well-formed call id that exists nowhere. */
const NO_CALL = '00000000-0000-4000-8000-000000000000';

export const ROUTE_MATRIX: Record<string, RouteCase> = {
	'/(public)/login': custom('/login', { anon: 200, trainee: 303, trainer: 303, admin: 303 }),
	'/(public)/logout': custom('/logout', { anon: 405, trainee: 405, trainer: 405, admin: 405 }),
	'/(public)/language': custom('/language', { anon: 200, trainee: 200, trainer: 200, admin: 200 }),
	'/(public)/healthz': custom('/healthz', { anon: 200, trainee: 200, trainer: 200, admin: 200 }),
	'/(app)': appPage('/'),
	'/(app)/account/password': appPage('/account/password'),
	'/(app)/notifications': appPage('/notifications'),
	// A "what changed" note: the sample id names no note (404); a trainee not asked by a note gets 403 (retraining.e2e).
	'/(app)/retraining/[id]': custom('/retraining/999999', { anon: 303, trainee: 404, trainer: 404, admin: 404 }),
	'/(app)/practice/voice-check': appPage('/practice/voice-check'),
	// Speech and tone API: signed-in users only; a JSON body is not a WAV file (415).
	'/(app)/api/speech/status': custom('/api/speech/status', { anon: 401, trainee: 200, trainer: 200, admin: 200 }),
	'/(app)/api/speech/transcribe': custom('/api/speech/transcribe', { anon: 401, trainee: 415, trainer: 415, admin: 415 }, 'POST', {}),
	'/(app)/api/speech/analyze': custom('/api/speech/analyze', { anon: 401, trainee: 415, trainer: 415, admin: 415 }, 'POST', {}),
	'/(app)/api/speech/streams': custom('/api/speech/streams', { anon: 401, trainee: 201, trainer: 201, admin: 201 }, 'POST', {}),
	'/(app)/api/speech/streams/[id]': custom('/api/speech/streams/no-such-stream?seq=0', { anon: 401, trainee: 415, trainer: 415, admin: 415 }, 'POST', {}),
	'/(app)/api/text/tone': custom('/api/text/tone', { anon: 401, trainee: 200, trainer: 200, admin: 200 }, 'POST', { text: 'Thanks for your patience.' }),
	'/(trainer)/trainer/trainees': trainerPage('/trainer/trainees'),
	// Assignments: the sample cohort id names no cohort (404); another trainer's cohort is 403 (authorization.e2e / assignments.e2e).
	'/(trainer)/trainer/assignments': trainerPage('/trainer/assignments'),
	'/(trainer)/trainer/assignments/[cohort]': custom('/trainer/assignments/999999', { anon: 303, trainee: 403, trainer: 404, admin: 404 }),
	'/(trainer)/trainer/assignments/[cohort]/export': custom('/trainer/assignments/999999/export', { anon: 303, trainee: 403, trainer: 404, admin: 404 }),
	// Trainee reports: the sample id names no user (404); trainers get 403 for trainees outside their cohorts.
	'/(trainer)/trainer/trainees/[id]/report': custom('/trainer/trainees/999999/report', { anon: 303, trainee: 403, trainer: 404, admin: 404 }),
	'/(trainer)/trainer/trainees/[id]/report/pdf': custom('/trainer/trainees/999999/report/pdf', { anon: 303, trainee: 403, trainer: 404, admin: 404 }),
	// The report's old admin address answers admins with a permanent redirect to the one above, whatever the id.
	'/(admin)/admin/trainees/[id]/report': custom('/admin/trainees/999999/report', { anon: 303, trainee: 403, trainer: 403, admin: 308 }),
	'/(admin)/admin/trainees/[id]/report/pdf': custom('/admin/trainees/999999/report/pdf', { anon: 303, trainee: 403, trainer: 403, admin: 308 }),
	// Mock calls. The sample id names no call: pages answer 404, the APIs 404 as JSON.
	'/(app)/calls': appPage('/calls'),
	'/(app)/calls/[id]': custom(`/calls/${NO_CALL}`, { anon: 303, trainee: 404, trainer: 404, admin: 404 }),
	'/(app)/calls/[id]/result': custom(`/calls/${NO_CALL}/result`, { anon: 303, trainee: 404, trainer: 404, admin: 404 }),
	'/(app)/api/calls': custom('/api/calls', { anon: 401, trainee: 200, trainer: 200, admin: 200 }),
	'/(app)/api/calls/[id]': custom(`/api/calls/${NO_CALL}`, { anon: 401, trainee: 404, trainer: 404, admin: 404 }),
	'/(app)/api/calls/[id]/answer': custom(`/api/calls/${NO_CALL}/answer`, { anon: 401, trainee: 404, trainer: 404, admin: 404 }, 'POST', {}),
	'/(app)/api/calls/[id]/events': custom(
		`/api/calls/${NO_CALL}/events`,
		{ anon: 401, trainee: 404, trainer: 404, admin: 404 },
		'POST',
		{ clientId: 'x1', event: { type: 'hold_start', t: 0 } }
	),
	'/(app)/api/calls/[id]/silence': custom(`/api/calls/${NO_CALL}/silence`, { anon: 401, trainee: 404, trainer: 404, admin: 404 }, 'POST', {}),
	'/(app)/api/calls/[id]/end': custom(`/api/calls/${NO_CALL}/end`, { anon: 401, trainee: 404, trainer: 404, admin: 404 }, 'POST', {}),
	'/(app)/api/calls/[id]/acw': custom(`/api/calls/${NO_CALL}/acw`, { anon: 401, trainee: 404, trainer: 404, admin: 404 }, 'POST', { email: null }),
	'/(app)/api/calls/[id]/result': custom(`/api/calls/${NO_CALL}/result`, { anon: 401, trainee: 404, trainer: 404, admin: 404 }),
	'/(app)/api/calls/[id]/recording': custom(`/api/calls/${NO_CALL}/recording`, { anon: 401, trainee: 404, trainer: 404, admin: 404 }),
	'/(trainer)/trainer/calls': trainerPage('/trainer/calls'),
	'/(trainer)/trainer/calls/[id]': custom(`/trainer/calls/${NO_CALL}`, { anon: 303, trainee: 403, trainer: 404, admin: 404 }),
	'/(admin)/admin/users': adminPage('/admin/users'),
	'/(admin)/admin/users/new': adminPage('/admin/users/new'),
	'/(admin)/admin/users/[id]': adminPage('/admin/users/1'),
	'/(admin)/admin/cohorts': adminPage('/admin/cohorts'),
	'/(admin)/admin/speech': adminPage('/admin/speech'),
	'/(admin)/admin/cohorts/[id]': adminPage('/admin/cohorts/1'),
	'/(app)/courses': appPage('/courses'),
	'/(app)/courses/[course]': appPage('/courses/working-in-the-crm'),
	'/(app)/courses/[course]/[lesson]': appPage('/courses/working-in-the-crm/customer-records'),
	'/(app)/api/courses/[course]/[lesson]/quiz': custom(
		'/api/courses/working-in-the-crm/customer-records/quiz',
		{ anon: 401, trainee: 200, trainer: 200, admin: 200 },
		'POST',
		{ quiz: 0, answers: { 'crm-records-search-first': 0 } }
	),
	'/(trainer)/trainer/courses': trainerPage('/trainer/courses'),
	'/(trainer)/trainer/scenarios': trainerPage('/trainer/scenarios'),
	'/(trainer)/trainer/scenarios/[slug]': trainerPage('/trainer/scenarios/sales-enquiry'),
	'/(trainer)/trainer/courses/[course]': trainerPage('/trainer/courses/anger-control-and-de-escalation'),
	'/(trainer)/trainer/courses/[course]/edit/[file]': trainerPage('/trainer/courses/anger-control-and-de-escalation/edit/course'),
	'/(trainer)/trainer/courses/[course]/history': trainerPage('/trainer/courses/anger-control-and-de-escalation/history'),
	'/(trainer)/trainer/courses/[course]/export': trainerPage('/trainer/courses/anger-control-and-de-escalation/export'),
	'/(trainer)/trainer/courses/[course]/draft': custom(
		'/trainer/courses/anger-control-and-de-escalation/draft',
		{ anon: 401, trainee: 403, trainer: 200, admin: 200 },
		'POST',
		{ file: 'course', fields: {}, body: '', save: false }
	),
	'/(public)/verify/[code]': custom('/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { anon: 404, trainee: 404, trainer: 404, admin: 404 }),
	'/(public)/verify/[code]/pdf': custom('/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/pdf', { anon: 404, trainee: 404, trainer: 404, admin: 404 }),
	'/(admin)/admin/programmes': adminPage('/admin/programmes'),
	'/(admin)/admin/programmes/new': adminPage('/admin/programmes/new'),
	'/(admin)/admin/programmes/[slug]': adminPage('/admin/programmes/crm-call-handling-level-1'),
	'/(admin)/admin/certificates': adminPage('/admin/certificates'),
	'/(admin)/admin/certificates/[id]': custom('/admin/certificates/999999', { anon: 303, trainee: 403, trainer: 403, admin: 404 }),
	'/(admin)/admin/certificates/export': adminPage('/admin/certificates/export'),
	'/(admin)/admin/certificates/progress-export': adminPage('/admin/certificates/progress-export'),
	'/(admin)/admin/audit': adminPage('/admin/audit'),
	'/(admin)/admin/audit/export': adminPage('/admin/audit/export')
};
