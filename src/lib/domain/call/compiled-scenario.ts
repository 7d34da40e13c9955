// A scenario's phrases compiled once for fast, repeatable matching (cached per scenario object).

import type { Scenario } from '../../schemas/scenario';
import { BUILTIN_INTENTS, BUILTIN_JARGON } from './phrases';
import { Vocabulary, compilePhraseSet, findPhrase, type CompiledPhraseSet } from './text-match';

export interface CompiledScenario {
	vocabulary: Vocabulary;
	/** built-in intents extended (not replaced) by the scenario's own */
	intents: Map<string, CompiledPhraseSet>;
	jargon: CompiledPhraseSet;
	protectedFacts: CompiledPhraseSet;
}

const cache = new WeakMap<Scenario, CompiledScenario>();

export function compileScenario(scenario: Scenario): CompiledScenario {
	const cached = cache.get(scenario);
	if (cached) return cached;
	const vocabulary = new Vocabulary(scenario.vocabulary.synonyms);
	const intents = new Map<string, CompiledPhraseSet>();
	for (const [name, phrases] of Object.entries(BUILTIN_INTENTS)) {
		const extra = scenario.vocabulary.intents[name]?.phrases ?? [];
		intents.set(name, compilePhraseSet(vocabulary, name, [...phrases, ...extra]));
	}
	for (const [name, def] of Object.entries(scenario.vocabulary.intents)) {
		if (!intents.has(name)) intents.set(name, compilePhraseSet(vocabulary, name, def.phrases));
	}
	const compiled: CompiledScenario = {
		vocabulary,
		intents,
		jargon: compilePhraseSet(vocabulary, 'jargon', [...BUILTIN_JARGON, ...scenario.vocabulary.jargon]),
		protectedFacts: compilePhraseSet(vocabulary, 'protectedFacts', scenario.identity.protectedFacts)
	};
	cache.set(scenario, compiled);
	return compiled;
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

export function analyseUtterance(compiled: CompiledScenario, text: string): UtteranceAnalysis {
	const words = compiled.vocabulary.words(text);
	const intents = new Map<string, string>();
	for (const [name, set] of compiled.intents) {
		for (const p of set.phrases) {
			if (findPhrase(words, p.words)) {
				intents.set(name, p.text);
				break;
			}
		}
	}
	return {
		words,
		intents,
		jargon: allMatches(words, compiled.jargon),
		disclosed: allMatches(words, compiled.protectedFacts)
	};
}

function allMatches(words: string[], set: CompiledPhraseSet): string[] {
	return set.phrases.filter((p) => findPhrase(words, p.words)).map((p) => p.text);
}
