// npm run bench:bengali — how well Whisper tiny and base recognise Bengali (issue #13): espeak-ng's Bengali voice
// (espeak-ng -v bn) reads call-centre sentences, Whisper transcribes them with language "bengali", and the
// character error rate (CER, Levenshtein over NFC characters, spaces and punctuation ignored) is reported per model.
// espeak-ng is a formant synthesiser, so this is a lower bound on what a human voice would get, not a prediction.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { readWav, spokenWav } from '../tests/fixtures/speech';
import { parseWav } from '../src/lib/server/ml/wav';
import { SpeechModelRegistry, speechConfig } from '../src/lib/server/ml/models';
import { transcribe } from '../src/lib/server/ml/speech';
import { levenshtein } from '../src/lib/scoring/comparators';
import { latinDigits } from '../src/lib/domain/bengali';

export const BENGALI_SENTENCES = [
	'আসসালামু আলাইকুম, আলো পাওয়ারে ফোন করার জন্য ধন্যবাদ।',
	'আপনার জন্ম তারিখটা একটু বলবেন?',
	'আপনাকে কি এক মিনিট হোল্ডে রাখতে পারি?',
	'অপেক্ষা করার জন্য ধন্যবাদ।',
	'এই ঝামেলার জন্য আমি আন্তরিকভাবে দুঃখিত।',
	'আপনার বিলটা আনুমানিক রিডিংয়ে করা হয়েছে।',
	'নতুন বিল পাঁচ কার্যদিবসের মধ্যে পেয়ে যাবেন।',
	'আর কোনো বিষয়ে সাহায্য করতে পারি?',
	'ভালো থাকবেন, আল্লাহ হাফেজ।',
	'আমি আপনার জন্য একটা টিকেট খুলে দিচ্ছি।'
];

const chars = (s: string) => [...latinDigits(s).normalize('NFC').replace(/[\s\p{P}]/gu, '')];

/** Character error rate of a hypothesis against the reference, 0 … (can exceed 1 with many insertions). */
export function characterErrorRate(reference: string, hypothesis: string): number {
	const r = chars(reference);
	const h = chars(hypothesis);
	return r.length === 0 ? (h.length === 0 ? 0 : 1) : levenshtein(r.join(''), h.join('')) / r.length;
}

async function main() {
	execFileSync('espeak-ng', ['--version']);
	const clips = BENGALI_SENTENCES.map((text) => ({ text, wav: parseWav(readWav(spokenWav(text, { voice: 'bn', speed: 140 }))) }));
	console.log(`machine load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; ${clips.length} espeak-ng -v bn clips`);
	for (const size of ['tiny', 'base'] as const) {
		const registry = new SpeechModelRegistry(speechConfig({ ...process.env, WHISPER_MODEL: size, WHISPER_PROMPT: '0' }));
		await registry.load();
		if (!registry.ready) throw new Error(`whisper-${size} did not load: ${registry.whisperStatus.message}`);
		let errors = 0;
		let total = 0;
		let timeouts = 0;
		for (const { text, wav } of clips) {
			// Whisper often loops on these clips until the job's time limit: that counts as everything wrong
			const t = await transcribe(wav, { pass: 'final', language: 'bn' }, registry).catch((e: Error) => {
				timeouts += 1;
				return { text: `(${e.name})` };
			});
			// capped at 100 % per clip, so a looping transcript does not outweigh the others
			const cer = Math.min(1, characterErrorRate(text, t.text));
			errors += cer * chars(text).length;
			total += chars(text).length;
			console.log(`  ${size} CER ${(100 * cer).toFixed(0).padStart(3)} %  ${text}  →  ${t.text.slice(0, 80)}`);
		}
		console.log(`whisper-${size}: CER ${((100 * errors) / total).toFixed(1)} % over ${total} characters (${timeouts} clips timed out)`);
	}
}

if (process.argv[1]?.endsWith('bengali-voice.ts')) await main();
