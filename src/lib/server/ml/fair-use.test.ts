import { describe, expect, it } from 'vitest';
import { SpeechShareError } from './errors';
import { fairUseSettings, MemorySpeechShare } from './fair-use';

describe('fair use of speech (in memory)', () => {
	it('reads its limits from the environment, with defaults', () => {
		expect(fairUseSettings({})).toEqual({ requestsPerMin: 150, jobs: 2, audioSecPerMin: 120 });
		expect(fairUseSettings({ SPEECH_USER_JOBS: '3', SPEECH_USER_AUDIO_SEC: '300', SPEECH_USER_REQUESTS: 'x' })).toEqual({ requestsPerMin: 150, jobs: 3, audioSecPerMin: 300 });
	});

	it('allows each user a few jobs at once, independently of other users', async () => {
		const share = new MemorySpeechShare({ requestsPerMin: 100, jobs: 2, audioSecPerMin: 120 });
		const a1 = await share.acquire(1, 0);
		await share.acquire(1, 0);
		await expect(share.acquire(1, 0)).rejects.toSatisfy((e) => e instanceof SpeechShareError && e.code === 'speech_concurrency');
		await expect(share.acquire(2, 0)).resolves.toBeTypeOf('function');
		a1();
		a1(); // releasing twice frees one slot only
		await share.acquire(1, 0);
		await expect(share.acquire(1, 0)).rejects.toBeInstanceOf(SpeechShareError);
	});

	it('keeps final-pass audio under the budget in a sliding minute and says when it frees up', async () => {
		let now = 1_000_000;
		const share = new MemorySpeechShare({ requestsPerMin: 100, jobs: 10, audioSecPerMin: 120 }, () => now);
		(await share.acquire(1, 55))();
		now += 10_000;
		(await share.acquire(1, 55))();
		now += 5_000;
		const over = await share.acquire(1, 55).catch((e) => e);
		expect(over).toBeInstanceOf(SpeechShareError);
		expect(over.code).toBe('speech_budget');
		// the first 55 s leave the window 60 s after they were sent, 45 s from now
		expect(over.retryAfterSec).toBe(45);
		// other users and passes that skip Whisper are not affected
		await expect(share.acquire(2, 55)).resolves.toBeTypeOf('function');
		await expect(share.acquire(1, 0)).resolves.toBeTypeOf('function');
		await expect(share.acquire(1, 10)).resolves.toBeTypeOf('function');
		now += 45_000;
		await expect(share.acquire(1, 55)).resolves.toBeTypeOf('function');
	});

	it('limits requests per minute', async () => {
		let now = 0;
		const share = new MemorySpeechShare({ requestsPerMin: 3, jobs: 2, audioSecPerMin: 120 }, () => now);
		for (let i = 0; i < 3; i++) expect((await share.takeRequest(7)).allowed).toBe(true);
		expect(await share.takeRequest(7)).toEqual({ allowed: false, retryAfterSec: 60 });
		expect((await share.takeRequest(8)).allowed).toBe(true);
		now = 60_000;
		expect((await share.takeRequest(7)).allowed).toBe(true);
	});
});
