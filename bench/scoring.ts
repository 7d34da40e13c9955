// Times scoreCall on a synthetic 30-minute call (goal: ≤ 5 ms per score). Run: npm run bench:scoring

import { SCRIPTS } from '../src/lib/domain/call/scripted-trainees';
import { playMoves, type TraineeMove } from '../src/lib/domain/call/dry-run';
import type { TimelineEvent } from '../src/lib/domain/call/events';
import { loadScenarios } from '../src/lib/server/content/scenarios';
import { scoreCall } from '../src/lib/scoring/score-call';

const THIRTY_MINUTES = 30 * 60 * 1000;
const scenario = loadScenarios().find((f) => f.scenario.slug === 'complaint-escalation')!.scenario;

// The perfect call, with a long middle: the caller keeps talking, the trainee keeps typing notes and
// answering, until the call lasts 30 minutes.
const perfect = SCRIPTS[scenario.slug].perfect;
const middle: TraineeMove[] = [];
const notes = 'Two missed engineer visits (3 March, 9 March); customer took unpaid leave both days. ';
for (let i = 0; i < 400; i++) {
	middle.push({ type: 'trainee_utterance', text: 'I understand. Let me note that down for the customer relations team, bear with me.' });
	middle.push({ type: 'crm_change', section: 'interaction', field: 'notes', value: notes.slice(0, 40 + (i % 4) * 10) });
	if (i % 10 === 0) middle.push({ type: 'kb_lookup', query: 'compensation for missed appointments' });
}
let timeline: TimelineEvent[] = [];
let moves = [...perfect.slice(0, 5), ...middle, ...perfect.slice(5)];
// trim the middle until the live call is just over 30 minutes
for (let n = middle.length; n > 0; n -= 10) {
	moves = [...perfect.slice(0, 5), ...middle.slice(0, n), ...perfect.slice(5)];
	timeline = playMoves(scenario, moves).timeline;
	const ended = timeline.find((e) => e.type === 'call_ended')!;
	if (ended.t <= THIRTY_MINUTES * 1.05) break;
}
const ended = timeline.find((e) => e.type === 'call_ended')!;

const WARMUP = 30;
const RUNS = 300;
// a fresh copy per run, as when a call is loaded from the database (analyses are cached per event object)
for (let i = 0; i < WARMUP; i++) scoreCall(scenario, structuredClone(timeline));
const times: number[] = [];
let total = 0;
for (let i = 0; i < RUNS; i++) {
	const events = structuredClone(timeline);
	const start = performance.now();
	total += scoreCall(scenario, events).total;
	times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
console.log(`scoreCall on a ${(ended.t / 60_000).toFixed(1)}-minute call: ${timeline.length} events, ${timeline.filter((e) => e.type.endsWith('utterance')).length} utterances`);
console.log(`median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${times.at(-1)!.toFixed(2)} ms over ${RUNS} runs (goal ≤ 5 ms); score ${(total / RUNS).toFixed(1)}`);
