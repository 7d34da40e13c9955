// Reading the tone model's labelled data (GoEmotions TSV, Stanford politeness CSV), the label
// mapping to our targets, and the metrics reported in docs/tone-model-card.md. No model code here.

/** GoEmotions label ids (line index in emotions.txt). */
export const GOEMOTIONS_LABELS = [
	'admiration', 'amusement', 'anger', 'annoyance', 'approval', 'caring', 'confusion', 'curiosity',
	'desire', 'disappointment', 'disapproval', 'disgust', 'embarrassment', 'excitement', 'fear',
	'gratitude', 'grief', 'joy', 'love', 'nervousness', 'optimism', 'pride', 'realization', 'relief',
	'remorse', 'sadness', 'surprise', 'neutral'
] as const;

/** GoEmotions' own grouping (data/goemotions/sentiment_dict.json); neutral is its own class. */
const POSITIVE = new Set(['amusement', 'excitement', 'joy', 'love', 'desire', 'optimism', 'caring', 'pride', 'admiration', 'gratitude', 'relief', 'approval']);
const NEGATIVE = new Set(['fear', 'nervousness', 'remorse', 'embarrassment', 'disappointment', 'sadness', 'grief', 'disgust', 'anger', 'annoyance', 'disapproval']);
const AMBIGUOUS = new Set(['realization', 'surprise', 'curiosity', 'confusion']);

export const SENTIMENT_CLASSES = ['negative', 'neutral', 'positive'] as const;
export type SentimentClass = (typeof SENTIMENT_CLASSES)[number];

export interface LabelledText {
	text: string;
	labels: number[];
	/** anger (2) or annoyance (3) among the labels. */
	angry: boolean;
	/** 0 negative, 1 neutral, 2 positive; null when the row has no single sentiment (see sentimentOf). */
	sentiment: 0 | 1 | 2 | null;
	/** The row's id (third column), when it has one: our files' ids end in `-a` (an agent's line) or `-c` (a customer's). */
	id?: string;
}

/**
 * The row's 3-class sentiment. Ambiguous emotions (surprise, curiosity, confusion, realization)
 * carry no polarity and are ignored when the row has other labels. A row keeps a class only if its
 * remaining labels all fall in one group; rows with only ambiguous labels or with labels from two
 * groups (e.g. joy + sadness, or neutral + anger) get null and are left out of sentiment training
 * and of the 3-class metric.
 */
export function sentimentOf(labels: number[]): 0 | 1 | 2 | null {
	const groups = new Set<number>();
	for (const id of labels) {
		const name = GOEMOTIONS_LABELS[id];
		if (name === 'neutral') groups.add(1);
		else if (POSITIVE.has(name)) groups.add(2);
		else if (NEGATIVE.has(name)) groups.add(0);
		else if (!AMBIGUOUS.has(name)) throw new Error(`unknown GoEmotions label id ${id}`);
	}
	if (groups.size !== 1) return null;
	return [...groups][0] as 0 | 1 | 2;
}

/** Undo the upstream CSV quoting of some texts ("…""…" → …"…). */
function unquote(text: string): string {
	if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1).replace(/""/g, '"');
	return text;
}

/** Parse a GoEmotions-format TSV (text, comma-separated label ids, id; no header). Throws with line numbers. */
export function parseGoEmotionsTsv(content: string, fileName = 'input'): LabelledText[] {
	const rows: LabelledText[] = [];
	const lines = content.split(/\r?\n/);
	lines.forEach((line, i) => {
		if (line.trim() === '') return;
		const cols = line.split('\t');
		if (cols.length < 2) throw new Error(`${fileName}:${i + 1}: expected "text<TAB>label ids[<TAB>id]"`);
		const labels = cols[1].split(',').map((s) => Number(s.trim()));
		if (labels.length === 0 || labels.some((n) => !Number.isInteger(n) || n < 0 || n >= GOEMOTIONS_LABELS.length)) {
			throw new Error(`${fileName}:${i + 1}: label ids must be integers 0–27, got "${cols[1]}"`);
		}
		const id = cols[2]?.trim();
		rows.push({ text: unquote(cols[0]), labels, angry: labels.includes(2) || labels.includes(3), sentiment: sentimentOf(labels), ...(id ? { id } : {}) });
	});
	return rows;
}

/** Lower-case letters and digits only: how our training lines are compared with dev, pinned and harness lines. */
export const squashText = (t: string) => t.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Whether a labelled line is an agent's: our files' ids end in `-a` (`-c`: a customer's). */
export const isAgentLine = (r: Pick<LabelledText, 'id'>) => /-a$/.test(r.id ?? '');

/** Minimal RFC-4180 CSV parser (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(content: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < content.length; i++) {
		const ch = content[i];
		if (quoted) {
			if (ch === '"') {
				if (content[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(field);
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && content[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += ch;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

export interface PolitenessExample {
	text: string;
	/** true = top quartile (polite), false = bottom quartile (impolite) of its file. */
	polite: boolean;
}

/**
 * The paper's binary setup: within each file, requests in the top quartile of the normalised score
 * are polite, the bottom quartile impolite, the middle half is dropped.
 */
export function politenessExamples(csv: string): PolitenessExample[] {
	const [header, ...rows] = parseCsv(csv).filter((r) => r.length > 1);
	const ti = header.indexOf('Request');
	const si = header.indexOf('Normalized Score');
	if (ti < 0 || si < 0) throw new Error('politeness CSV needs Request and Normalized Score columns');
	const scored = rows.map((r) => ({ text: r[ti], score: Number(r[si]) })).filter((r) => Number.isFinite(r.score));
	const sorted = scored.map((r) => r.score).sort((a, b) => a - b);
	const q = (p: number) => sorted[Math.floor(p * (sorted.length - 1))];
	const q1 = q(0.25);
	const q3 = q(0.75);
	return scored.filter((r) => r.score <= q1 || r.score >= q3).map((r) => ({ text: r.text, polite: r.score >= q3 }));
}

export interface BinaryMetrics {
	precision: number;
	recall: number;
	f1: number;
	support: number;
}

export function binaryMetrics(truth: boolean[], pred: boolean[]): BinaryMetrics {
	let tp = 0;
	let fp = 0;
	let fn = 0;
	for (let i = 0; i < truth.length; i++) {
		if (pred[i] && truth[i]) tp++;
		else if (pred[i]) fp++;
		else if (truth[i]) fn++;
	}
	const precision = tp + fp ? tp / (tp + fp) : 0;
	const recall = tp + fn ? tp / (tp + fn) : 0;
	const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
	return { precision, recall, f1, support: tp + fn };
}

export interface MulticlassMetrics {
	macroF1: number;
	accuracy: number;
	perClass: Record<SentimentClass, BinaryMetrics>;
	n: number;
}

export function sentimentMetrics(truth: number[], pred: number[]): MulticlassMetrics {
	const perClass = {} as Record<SentimentClass, BinaryMetrics>;
	SENTIMENT_CLASSES.forEach((name, c) => {
		perClass[name] = binaryMetrics(truth.map((t) => t === c), pred.map((p) => p === c));
	});
	const macroF1 = SENTIMENT_CLASSES.reduce((s, n) => s + perClass[n].f1, 0) / SENTIMENT_CLASSES.length;
	const correct = truth.filter((t, i) => t === pred[i]).length;
	return { macroF1, accuracy: truth.length ? correct / truth.length : 0, perClass, n: truth.length };
}
