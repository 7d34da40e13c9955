// Small helpers the tone trainer and its experiment scripts share: a seeded PRNG, a seeded shuffle, and the
// arithmetic their heads use. Deterministic, so `npm run train:sentiment` stays byte-identical on re-run.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseGoEmotionsTsv } from '../../src/lib/server/ml/tone-data';
import type { SparseVector } from '../../src/lib/server/ml/tone-features';

/** mulberry32: small deterministic PRNG. */
export function rng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The indices 0..n-1 in a seeded random order (Fisher–Yates). */
export function shuffled(n: number, rand: () => number): number[] {
	const order = Array.from({ length: n }, (_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	return order;
}

/** Mean of two dev sets' scores: settings must hold on Reddit and on customer-service language. */
export const mean = (...xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Index of the largest of three class scores (ties go to the lower index). */
export const argmax3 = (p: ArrayLike<number>) => (p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2);
export const sig = (z: number) => 1 / (1 + Math.exp(-z));

/** A linear head trained with AdaGrad: weights, bias, and their summed squared gradients. */
export interface AdaGradHead {
	w: Float32Array;
	b: number;
	g2: Float32Array;
	gb: number;
}

/** One AdaGrad step on a head, `g` the loss's gradient w.r.t. its logit, L2 on the touched weights. */
export function adaGradStep(h: AdaGradHead, x: SparseVector, g: number, lr: number, l2: number): void {
	for (let k = 0; k < x.idx.length; k++) {
		const i = x.idx[k];
		const grad = g * x.val[k] + l2 * h.w[i];
		h.g2[i] += grad * grad;
		h.w[i] -= (lr * grad) / Math.sqrt(h.g2[i]);
	}
	h.gb += g * g;
	h.b -= (lr * g) / Math.sqrt(h.gb);
}

/**
 * The tone sets the experiment scripts compare on: GoEmotions train/dev, the customer-service training lines (both
 * writers' files, as `npm run train:sentiment` reads them) and dev / dev 2 / dev 3.
 */
export function readToneSets(dataDir: string) {
	const read = (p: string) => parseGoEmotionsTsv(readFileSync(p, 'utf8'), p);
	return {
		train: read(resolve(dataDir, 'goemotions/train.tsv')),
		dev: read(resolve(dataDir, 'goemotions/dev.tsv')),
		csTrain: [...read('data/tone/customer-service-train.tsv'), ...read('data/tone/customer-service-train2.tsv')],
		csDev: read('data/tone/customer-service-dev.tsv'),
		csDev2: read('data/tone/customer-service-dev2.tsv'),
		csDev3: read('data/tone/customer-service-dev3.tsv')
	};
}
