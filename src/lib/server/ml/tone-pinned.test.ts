// Pinned call-centre utterances (agent and customer) whose labels the tone model must get right.
// The table (data/tone/call-centre-pinned.tsv) was written with the customer-service dev set, by the
// labelling guide (docs/tone-labelling-guide.md), before the final model was chosen; it is never trained on.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAgentLine, parseGoEmotionsTsv, SENTIMENT_CLASSES } from './tone-data';
import { analyseTextTone, angerThreshold } from './tone';
import { TONE_RAISES_FROM } from '../../domain/call/anger';
import { carefulEnglishLines } from '../../../../tests/fixtures/fairness/harness';
import { sentenceEncoderAvailable } from './sentence-encoder';
import modelFile from './tone-model.json';
import { decodeToneModel, predictTone, type ToneModelFile } from './tone-model';

const rows = parseGoEmotionsTsv(readFileSync(new URL('../../../../data/tone/call-centre-pinned.tsv', import.meta.url), 'utf8'), 'call-centre-pinned.tsv');

describe('pinned call-centre utterances', () => {
	it('pins at least 40 lines from both agents and customers, every class and both anger labels', () => {
		expect(rows.length).toBeGreaterThanOrEqual(40);
		for (const c of [0, 1, 2]) expect(rows.filter((r) => r.sentiment === c).length).toBeGreaterThanOrEqual(8);
		expect(rows.filter((r) => r.angry).length).toBeGreaterThanOrEqual(10);
	});

	it.each(rows.map((r) => [r.text, r] as const))('%s', (_text, row) => {
		const t = analyseTextTone(row.text);
		expect(t.status).toBe('ok');
		expect({ text: row.text, sentiment: t.label }).toEqual({ text: row.text, sentiment: SENTIMENT_CLASSES[row.sentiment as number] });
		expect({ text: row.text, angry: t.anger >= angerThreshold() }).toEqual({ text: row.text, angry: row.angry });
	});

	// what the simulator reads for a trainee: the agents' lines through the agent anger head (since model 13)
	it.each(rows.filter(isAgentLine).map((r) => [r.text, r] as const))("as an agent's line: %s", (_text, row) => {
		const t = analyseTextTone(row.text, { speaker: 'agent' });
		expect({ text: row.text, angry: t.anger >= angerThreshold() }).toEqual({ text: row.text, angry: row.angry });
	});
});

describe("careful agents' lines (the fairness harness's English calls, never trained on)", () => {
	it('the sentence encoder blend reads no more of them as angry than the n-gram heads alone', () => {
		const model = decodeToneModel(modelFile as unknown as ToneModelFile);
		const lines = carefulEnglishLines();
		expect(lines.length).toBeGreaterThanOrEqual(300);
		// with the encoder off the blend would equal the n-gram heads and the comparison would say nothing
		expect(model.encoderAnger).toBeTruthy();
		expect(sentenceEncoderAvailable()).toBe(true);
		const angry = (embedding?: null) => lines.filter((t) => predictTone(model, t, embedding).anger >= model.angerThreshold);
		expect(angry().length).toBeLessThanOrEqual(angry(null).length);
	});

	it('the agent anger head reads no more of them as angry than the general heads, and pushes none to where tone raises the caller’s anger', () => {
		const model = decodeToneModel(modelFile as unknown as ToneModelFile);
		expect(model.agentAnger).toBeTruthy();
		const lines = carefulEnglishLines();
		const general = lines.map((t) => predictTone(model, t).anger);
		const agent = lines.map((t) => predictTone(model, t, undefined, 'agent').anger);
		expect(agent.filter((p) => p >= model.angerThreshold).length).toBeLessThanOrEqual(general.filter((p) => p >= model.angerThreshold).length);
		expect(lines.filter((_, i) => general[i] < TONE_RAISES_FROM && agent[i] >= TONE_RAISES_FROM)).toEqual([]);
	});
});
