// The speech API's refusals: each speech-service error keeps its status and code, and its message is worded in the
// reader's language from the code and numbers the error carries (not the English text it was made with).
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '$lib/server/http';
import { inLocale } from '$lib/server/in-locale';
import { speechFailure } from './api';
import { PoisonJobError, SpeechJobError, SpeechShareError, SpeechUnavailableError } from './errors';
import { budgetError, concurrencyError } from './fair-use';
import { JobTimeoutError, QueueFullError } from './queue';
import { StreamError } from './streams';

function answer(e: unknown, locale: 'en' | 'bn') {
	try {
		inLocale(locale, () => speechFailure(e));
	} catch (failure) {
		if (failure instanceof ApiFailure) return { status: failure.status, code: failure.code, message: failure.message };
		throw failure;
	}
	throw new Error('not refused');
}

const fairUse = { jobs: 2, audioSecPerMin: 120, requestsPerMin: 120 };

describe('speechFailure', () => {
	it('words every speech-service refusal in Bengali for a Bengali reader, with Bengali digits', () => {
		const cases: [unknown, number, string, string][] = [
			[new SpeechUnavailableError('loading', 'The speech models are still loading'), 503, 'voice_loading', 'কথা চেনার মডেলগুলো এখনো লোড হচ্ছে; কয়েক সেকেন্ড পরে আবার চেষ্টা করুন।'],
			[new SpeechUnavailableError('unavailable', 'Voice mode is off: no speech worker is running'), 503, 'voice_unavailable', 'ভয়েস মোড আপাতত বন্ধ: কথা চেনার সার্ভিসে পৌঁছানো যাচ্ছে না। টাইপ করে উত্তর দেওয়া যাবে।'],
			[new SpeechUnavailableError('disabled', 'Voice mode is disabled on this server: SPEECH_DISABLED=1'), 503, 'voice_disabled', 'এই সার্ভারে ভয়েস মোড বন্ধ রাখা হয়েছে। উত্তরগুলো টাইপ করে লিখুন।'],
			[new QueueFullError(3), 503, 'busy', 'কথা চেনার সার্ভিসটি এখন ব্যস্ত; একটু পরে আবার চেষ্টা করুন।'],
			[concurrencyError(fairUse), 429, 'speech_concurrency', 'আপনার ২টি কথা চেনার অনুরোধ এখনো চলছে; সেগুলো শেষ হওয়া পর্যন্ত অপেক্ষা করুন।'],
			[budgetError(fairUse, 17), 429, 'speech_budget', 'গত এক মিনিটে আপনি ১২০ সেকেন্ডের উত্তর লেখায় রূপান্তরের জন্য পাঠিয়েছেন; ১৭ সেকেন্ড পরে আবার চেষ্টা করুন।'],
			[new PoisonJobError(), 422, 'audio_unprocessable', 'এই অডিওটি প্রসেস করতে গিয়ে কথা চেনার সার্ভিসটি দুবার থেমে গেছে, তাই আর চেষ্টা করা হয়নি। উত্তরটি আবার রেকর্ড করুন, অথবা টাইপ করে লিখুন।'],
			[new JobTimeoutError(30_000), 503, 'timeout', 'কথা চেনার কাজটি ৩০ সেকেন্ডের মধ্যে শেষ হয়নি।'],
			[new StreamError(404, 'stream_not_found', 'gone'), 404, 'stream_not_found', 'এই অডিও স্ট্রিমটি নেই বা এর মেয়াদ শেষ হয়ে গেছে; নতুন একটি শুরু করুন।'],
			[new StreamError(409, 'out_of_order', 'early', 2, { seq: 4 }), 409, 'out_of_order', '২ নম্বর অংশের আগেই ৪ নম্বর অংশ এসে গেছে; এরপর ২ নম্বর অংশটি পাঠান।'],
			[new StreamError(413, 'too_long', 'long', undefined, { seconds: 61.25 }), 413, 'too_long', 'স্ট্রিমটি ৬১.৩ সেকেন্ড লম্বা হয়ে যাবে; সীমা ৬০ সেকেন্ড।']
		];
		for (const [error, status, code, message] of cases) expect(answer(error, 'bn')).toEqual({ status, code, message });
	});

	it('keeps the English answers the simulator and the API documentation show', () => {
		expect(answer(budgetError(fairUse, 17), 'en').message).toBe('You have sent 120 s of answers for transcription in the last minute; try again in 17 s.');
		expect(answer(new StreamError(409, 'out_of_order', 'early', 2, { seq: 4 }), 'en').message).toBe('Chunk 4 arrived before chunk 2; send chunk 2 next.');
		expect(answer(new StreamError(413, 'too_long', 'long', undefined, { seconds: 61.25 }), 'en').message).toBe('The stream would be 61.3 s long; the limit is 60 s.');
		// The worker's own reason is technical: passed on as it came, after a sentence in the reader's language.
		expect(answer(new SpeechJobError('ONNX session failed'), 'en')).toEqual({ status: 500, code: 'speech_failed', message: 'The speech worker could not process this audio: ONNX session failed' });
		expect(answer(new SpeechJobError('ONNX session failed'), 'bn').message).toBe('কথা চেনার সার্ভিসটি এই অডিওটি প্রসেস করতে পারেনি: ONNX session failed');
		expect(answer(new SpeechShareError('speech_concurrency', 'x', 2, 3), 'en').message).toBe('You already have 3 speech requests in progress; wait for them to finish.');
	});

	it('passes anything else on untouched (a 500 with the request id)', () => {
		const other = new Error('disk full');
		expect(() => speechFailure(other)).toThrow(other);
	});
});
