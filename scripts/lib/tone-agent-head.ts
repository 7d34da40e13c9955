// The tone model's anger head for agents' lines (model 13): what a trainee says on a call is an agent's line, and the
// general anger head, chosen on Reddit comments and customers' messages, missed most rude agents (dev portion 8:
// 43 of 117 caught by model 12). Trained by npm run train:sentiment after the general heads and the encoder block.
//
// The rule, written before the first run (model card, "Session 30"):
// - an n-gram anger head with the general head's settings and epochs, trained on GoEmotions train plus the
//   customer-service training lines and the files of agents' lines (train5, train7a, train7b; model 14 also train8; model 15 also train9a, train9b);
// - plus c times the encoder block's logit, c ∈ {0, 0.5, 1, 2};
// - c and the decision point chosen by the pooled anger F1 on the agents' lines of customer-service dev and dev
//   portions 6 and 8, among the choices that read no more of the fairness harness's careful lines as angry than the
//   general heads do at the file's threshold, and that push none of those lines the general heads read below
//   TONE_RAISES_FROM (where a line's tone may raise the simulated caller's anger) to or above it. The shift that
//   keeps that threshold the decision point is folded into the head's bias, so the app compares every anger
//   probability with the one threshold.
import type { LabelledText } from '../../src/lib/server/ml/tone-data';
import { binaryMetrics } from '../../src/lib/server/ml/tone-data';

export { isAgentLine } from '../../src/lib/server/ml/tone-data';
import { decodeToneModel, encodeHead, encoderText, predictTone, sigmoid, type ToneModelFile } from '../../src/lib/server/ml/tone-model';
import { TONE_RAISES_FROM } from '../../src/lib/domain/call/anger';
import { encodeSentence } from '../../src/lib/server/ml/sentence-encoder';
import { extractFeatures, sparseDot } from '../../src/lib/server/ml/tone-features';

export const AGENT_ENCODER_SCALES = [0, 0.5, 1, 2];

const logit = (p: number) => Math.log(p / (1 - p));

/**
 * The agent block of the model file, for `file` (general heads and encoder block as trained) and the n-gram head
 * `head` (already trained, its NB scaling folded in). `selection`: the agents' lines to choose on; `careful`: the
 * fairness harness's careful lines.
 */
export function chooseAgentAnger(o: {
	file: ToneModelFile;
	head: { b: number; w: Float32Array };
	selection: LabelledText[];
	careful: string[];
	training: Record<string, unknown>;
}): NonNullable<ToneModelFile['agent']> {
	const general = decodeToneModel({ ...o.file, agent: undefined });
	// chosen on the weights as stored (int8, one scale): the file's head is the one that must hold the careful lines
	const stored = encodeHead(0, o.head.w);
	const q = new Int8Array(Buffer.from(stored.weights, 'base64').buffer.slice(0));
	const w = Float32Array.from(q, (v) => v * stored.scale);
	const threshold = logit(general.angerThreshold);
	const encoderLogit = (text: string) => {
		const e = general.encoderAnger;
		if (!e) return 0;
		const emb = encodeSentence(encoderText(general, text));
		if (!emb) throw new Error('the sentence encoder does not run here: the agent head is chosen with it');
		return emb.reduce((z, v, j) => z + v * e.w[j], e.bias);
	};
	const score = (texts: string[]) =>
		texts.map((t) => ({ ngram: o.head.b + sparseDot(extractFeatures(t, general.hashBits, general.features), w), enc: encoderLogit(t) }));
	const sel = score(o.selection.map((r) => r.text));
	const truth = o.selection.map((r) => r.angry);
	const careful = score(o.careful);
	const carefulGeneralP = o.careful.map((t) => predictTone(general, t).anger);
	const carefulGeneral = carefulGeneralP.filter((p) => p >= general.angerThreshold).length;
	const generalF1 = binaryMetrics(truth, o.selection.map((r) => predictTone(general, r.text).anger >= general.angerThreshold)).f1;
	let best: { f1: number; c: number; t: number; carefulAngry: number } | null = null;
	for (const c of o.file.encoder ? AGENT_ENCODER_SCALES : [0]) {
		for (let i = -80; i <= 80; i++) {
			const t = i / 20;
			const carefulAngry = careful.filter((s) => s.ngram + c * s.enc >= t).length;
			if (carefulAngry > carefulGeneral) continue;
			// nor may it push a careful line to where its tone raises the caller's anger (the general heads do not)
			const raised = careful.filter((s, i) => carefulGeneralP[i] < TONE_RAISES_FROM && sigmoid(s.ngram + c * s.enc + threshold - t) >= TONE_RAISES_FROM).length;
			if (raised > 0) continue;
			const f1 = binaryMetrics(truth, sel.map((s) => s.ngram + c * s.enc >= t)).f1;
			if (!best || f1 > best.f1) best = { f1, c, t, carefulAngry };
		}
	}
	if (!best) throw new Error('no agent head reads as few careful lines as angry as the general heads');
	console.log(
		`agent: encoder scale ${best.c}, decision logit ${best.t}: pooled anger F1 on ${o.selection.length} agents' selection lines ${generalF1.toFixed(4)} (general heads) → ${best.f1.toFixed(4)}; careful lines read as angry ${carefulGeneral} → ${best.carefulAngry} of ${o.careful.length}`
	);
	return {
		anger: { ...stored, bias: o.head.b + threshold - best.t },
		encoderScale: best.c,
		training: {
			...o.training,
			encoderScale: best.c,
			decisionLogit: best.t,
			selection: `agents' lines of customer-service dev, dev 6 and dev 8 (${o.selection.length}); pooled anger F1 ${Math.round(generalF1 * 1e4) / 1e4} (general heads) → ${Math.round(best.f1 * 1e4) / 1e4}`,
			carefulLinesReadAsAngry: { of: o.careful.length, general: carefulGeneral, agent: best.carefulAngry }
		}
	};
}
