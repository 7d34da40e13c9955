// A scenario's phrases compiled once for fast, repeatable matching (cached per scenario object).

import type { Scenario } from '../../schemas/scenario';
import { banglishIndex, respellBanglish, type BanglishIndex } from './banglish';
import { BUILTIN_INTENTS, BUILTIN_JARGON, BUILTIN_SYNONYMS } from './phrases';
import { BENGALI_INTENTS, BENGALI_SYNONYMS } from './phrases-bn';
import { Vocabulary, compilePhraseSet, phraseMatchesAt, type CompiledPhrase, type CompiledPhraseSet } from './text-match';

export interface CompiledScenario {
	vocabulary: Vocabulary;
	/** built-in intents extended (not replaced) by the scenario's own */
	intents: Map<string, CompiledPhraseSet>;
	jargon: CompiledPhraseSet;
	protectedFacts: CompiledPhraseSet;
	/** every phrase of every set, by its first word, so an utterance is scanned once */
	byFirstWord: Map<string, IndexedPhrase[]>;
	/** analyses of trainee utterance events, shared by the engine and the scorer within one run */
	analyses: WeakMap<object, UtteranceAnalysis>;
	/** a Bengali scenario's Banglish respelling (banglish.ts); null in other languages */
	banglish: BanglishIndex | null;
}

interface IndexedPhrase {
	kind: 'intent' | 'jargon' | 'protected';
	name: string;
	text: string;
	words: CompiledPhrase;
}

const cache = new WeakMap<Scenario, CompiledScenario>();
/** Intents that are faults of the agent: Banglish is never respelled into their words (banglish.ts). */
const FAULT_INTENTS = ['blame', 'calm_down', 'informal_address'] as const;

export function compileScenario(scenario: Scenario): CompiledScenario {
	const cached = cache.get(scenario);
	if (cached) return cached;
	const vocabulary = new Vocabulary(scenario.vocabulary.synonyms, scenario.language);
	const intents = new Map<string, CompiledPhraseSet>();
	const texts: string[] = [];
	// a Bengali scenario understands the Bengali phrases as well as the English ones (agents mix the two)
	const local: Record<string, readonly string[] | undefined> = scenario.language === 'bn' ? BENGALI_INTENTS : {};
	for (const name of new Set([...Object.keys(BUILTIN_INTENTS), ...Object.keys(local)])) {
		const builtin: readonly string[] = BUILTIN_INTENTS[name as keyof typeof BUILTIN_INTENTS] ?? [];
		const extra = scenario.vocabulary.intents[name]?.phrases ?? [];
		intents.set(name, compilePhraseSet(vocabulary, name, [...builtin, ...(local[name] ?? []), ...extra]));
		texts.push(...builtin, ...(local[name] ?? []), ...extra);
	}
	for (const [name, def] of Object.entries(scenario.vocabulary.intents)) {
		if (!intents.has(name)) intents.set(name, compilePhraseSet(vocabulary, name, def.phrases));
		texts.push(...def.phrases);
	}
	const jargon = compilePhraseSet(vocabulary, 'jargon', [...BUILTIN_JARGON, ...scenario.vocabulary.jargon]);
	const protectedFacts = compilePhraseSet(vocabulary, 'protectedFacts', scenario.identity.protectedFacts);
	const byFirstWord = new Map<string, IndexedPhrase[]>();
	const index = (kind: IndexedPhrase['kind'], set: CompiledPhraseSet) => {
		for (const p of set.phrases) {
			const first = p.words[0][0][0];
			const list = byFirstWord.get(first) ?? [];
			list.push({ kind, name: set.name, text: p.text, words: p.words });
			byFirstWord.set(first, list);
		}
	};
	for (const set of intents.values()) index('intent', set);
	index('jargon', jargon);
	index('protected', protectedFacts);
	const compiled: CompiledScenario = {
		vocabulary,
		intents,
		jargon,
		protectedFacts,
		byFirstWord,
		analyses: new WeakMap(),
		banglish: scenario.language === 'bn' ? banglishOf(scenario, texts) : null
	};
	cache.set(scenario, compiled);
	return compiled;
}

/** A Bengali scenario's Banglish index: every word its phrases, jargon, protected facts and synonyms use. */
function banglishOf(scenario: Scenario, intentPhrases: readonly string[]): BanglishIndex {
	const synonyms = [BUILTIN_SYNONYMS, BENGALI_SYNONYMS, scenario.vocabulary.synonyms].flatMap((table) =>
		Object.entries(table).flatMap(([canonical, alternatives]) => [canonical, ...alternatives])
	);
	const faults = FAULT_INTENTS.flatMap((name) => [...(BENGALI_INTENTS[name] ?? []), ...(scenario.vocabulary.intents[name]?.phrases ?? [])]);
	return banglishIndex([...intentPhrases, ...BUILTIN_JARGON, ...scenario.vocabulary.jargon, ...scenario.identity.protectedFacts, ...synonyms], faults);
}

/** What one trainee utterance says, in intents: name → the phrase that matched. */
export interface UtteranceAnalysis {
	words: string[];
	intents: Map<string, string>;
	/** every distinct jargon phrase used */
	jargon: string[];
	/** protected account facts spoken */
	disclosed: string[];
}

/** Intents, jargon and protected facts in a text; each phrase is tried only where its first word occurs. */
export function analyseUtterance(compiled: CompiledScenario, text: string): UtteranceAnalysis {
	const words = compiled.vocabulary.words(compiled.banglish ? respellBanglish(compiled.banglish, text) : text);
	const intents = new Map<string, string>();
	const jargon = new Set<string>();
	const disclosed = new Set<string>();
	for (let i = 0; i < words.length; i++) {
		const candidates = compiled.byFirstWord.get(words[i]);
		if (!candidates) continue;
		for (const p of candidates) {
			if (p.kind === 'intent' ? intents.has(p.name) : (p.kind === 'jargon' ? jargon : disclosed).has(p.text)) continue;
			if (!phraseMatchesAt(words, i, p.words)) continue;
			if (p.kind === 'intent') intents.set(p.name, p.text);
			else (p.kind === 'jargon' ? jargon : disclosed).add(p.text);
		}
	}
	// a line that asks for a hold is not the thanks after one ("Thanks, would you mind holding?")
	if (intents.has('ask_hold')) intents.delete('thank_for_holding');
	return { words, intents, jargon: [...jargon], disclosed: [...disclosed] };
}

/** The analysis of a trainee utterance event, computed once per event object. */
export function analyseEvent(compiled: CompiledScenario, event: { text: string }): UtteranceAnalysis {
	let analysis = compiled.analyses.get(event);
	if (!analysis) {
		analysis = analyseUtterance(compiled, event.text);
		compiled.analyses.set(event, analysis);
	}
	return analysis;
}
