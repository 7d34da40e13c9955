// A trainee works through the real "Telephone etiquette" course: a locked course first, a failed
// and then passed quiz, every lesson read, completion, the unlocked follow-up course and resume.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { account, loginAs } from './fixtures';
import { loadCoursesFromDir, type LoadedLesson } from '../../src/lib/server/content/courses';

const courses = loadCoursesFromDir('content/courses', 'content/courses');
const etiquette = courses.find((c) => c.slug === 'telephone-etiquette')!;
const anger = courses.find((c) => c.slug === 'anger-control-and-de-escalation')!;
const crm = courses.find((c) => c.slug === 'working-in-the-crm')!;

async function currentOrder(quiz: Locator, id: string): Promise<string[]> {
	return quiz.locator(`input[name="order:${id}"]`).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
}

/** Answers every question of one quiz correctly, using the course files as the answer key. */
async function answerCorrectly(quiz: Locator, lesson: LoadedLesson, index: number) {
	for (const q of lesson.quizzes[index].questions) {
		if (q.type === 'single') await quiz.locator(`input[name="q:${q.id}"][value="${q.answer}"]`).check();
		else if (q.type === 'multiple') {
			for (const a of q.answer) await quiz.locator(`input[name="q:${q.id}"][value="${a}"]`).check();
		} else if (q.type === 'truefalse') await quiz.locator(`input[name="q:${q.id}"][value="${q.answer}"]`).check();
		else {
			// Move items up into place with the keyboard-accessible buttons, one checked step at a time.
			await expect(quiz.getByRole('button', { name: /^Move “/ }).first()).toBeVisible();
			for (let step = 0; step < 100; step++) {
				const order = await currentOrder(quiz, q.id);
				const target = order.findIndex((item, i) => item !== q.items[i]);
				if (target < 0) break;
				await quiz.getByRole('button', { name: `Move “${q.items[target]}” up` }).click();
				await expect.poll(() => currentOrder(quiz, q.id)).not.toEqual(order);
			}
			expect(await currentOrder(quiz, q.id)).toEqual(q.items);
		}
	}
}

/** Answers one choice question of a quiz wrongly (an ordering left as shown is not an answer). */
async function answerOneWrongly(quiz: Locator, lesson: LoadedLesson, index: number) {
	const q = lesson.quizzes[index].questions.find((x) => x.type !== 'ordering');
	if (!q) throw new Error('the quiz needs a choice question');
	const wrong = q.type === 'truefalse' ? String(!q.answer) : q.type === 'single' ? String(q.answer === 0 ? 1 : 0) : String(q.options.findIndex((_, i) => !q.answer.includes(i)));
	await quiz.locator(`input[name="q:${q.id}"][value="${wrong}"]`).check();
}

async function finishLesson(page: Page, isLast: boolean) {
	await page.getByRole('button', { name: isLast ? /Mark as read and finish/ : /Mark as read and continue/ }).click();
	// A plain form post: wait for the next page to be interactive.
	await page.waitForLoadState('load');
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

test('a trainee meets a locked course, fails then passes a quiz, completes the course and unlocks the next', async ({ page }) => {
	await loginAs(page, 'alex', '/courses');

	// Locked: the catalogue names the missing prerequisite, and lesson URLs lead back to the course page.
	const angerCard = page.locator('li.course', { hasText: anger.meta.title });
	await expect(angerCard).toContainText('Locked');
	await expect(angerCard).toContainText(`Complete ${etiquette.meta.title} first`);
	await page.goto(`/courses/${anger.slug}/${anger.lessons[0].slug}`);
	await expect(page).toHaveURL(`/courses/${anger.slug}`);
	await expect(page.getByText('This course is locked.')).toBeVisible();
	await expect(page.getByRole('link', { name: anger.lessons[0].title })).toHaveCount(0);

	await page.goto(`/courses/${etiquette.slug}`);
	await page.getByRole('link', { name: 'Start course' }).click();

	for (const [i, lesson] of etiquette.lessons.entries()) {
		await expect(page).toHaveURL(`/courses/${etiquette.slug}/${lesson.slug}`);
		await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible();
		for (let qi = 0; qi < lesson.quizzes.length; qi++) {
			const quiz = page.locator(`#quiz-${qi}`);
			const firstQuestion = lesson.quizzes[qi].questions[0];
			// The answer key is not on the page before submission.
			expect(await page.content()).not.toContain(firstQuestion.explanation);

			if (i === 0 && qi === 0) {
				// Nothing answered is refused and does not use up an attempt.
				await quiz.getByRole('button', { name: 'Check answers' }).click();
				await expect(quiz.getByRole('alert')).toContainText('Answer at least one question');
				// Shown by the button, where the trainee is looking, not above the questions.
				await expect(quiz.getByRole('alert')).toBeInViewport();
				await expect(quiz.getByText(/\d+ attempts?\b/)).toHaveCount(0);
				// Fail first: one wrong answer.
				await answerOneWrongly(quiz, lesson, qi);
				await quiz.getByRole('button', { name: 'Check answers' }).click();
				await expect(quiz.getByText(/Not passed yet: 0%/)).toBeVisible();
				await expect(quiz.getByText(firstQuestion.explanation)).toBeVisible();
				// What was wrong is explained, but a failed attempt does not hand out the answers.
				await expect(quiz.getByTestId('correct-answer')).toHaveCount(0);
				await expect(quiz.getByText('The correct answers are shown once you pass.')).toBeVisible();
				await expect(quiz.getByText(/1 attempt/)).toBeVisible();
				await quiz.getByRole('button', { name: 'Retake quiz' }).click();
				await expect(quiz.getByRole('button', { name: 'Check answers' })).toBeVisible();
			}
			await answerCorrectly(quiz, lesson, qi);
			await quiz.getByRole('button', { name: 'Check answers' }).click();
			await expect(quiz.getByText(/Passed: 100%/)).toBeVisible();
			await expect(quiz.getByText(firstQuestion.explanation)).toBeVisible();
		}
		await finishLesson(page, i === etiquette.lessons.length - 1);
	}

	await expect(page).toHaveURL(`/courses/${etiquette.slug}`);
	await expect(page.getByText('Course completed')).toBeVisible();
	await expect(page.getByRole('progressbar', { name: 'Course progress' })).toHaveAttribute('aria-valuenow', '100');

	// The follow-up course is open now.
	await page.goto('/courses');
	await expect(page.locator('li.course', { hasText: etiquette.meta.title })).toContainText('Completed');
	await expect(page.locator('li.course', { hasText: anger.meta.title })).not.toContainText('Locked');
	await page.getByRole('link', { name: anger.meta.title }).click();
	await page.getByRole('link', { name: 'Start course' }).click();
	await expect(page.getByRole('heading', { level: 1, name: anger.lessons[0].title })).toBeVisible();
});

test('a quiz with an ordering question also works without JavaScript', async ({ browser }) => {
	const lesson = etiquette.lessons.find((l) => l.quizzes.some((q) => q.questions.some((x) => x.type === 'ordering')))!;
	const quizIndex = lesson.quizzes.findIndex((q) => q.questions.some((x) => x.type === 'ordering'));
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const alex = account('alex');
	await page.goto(`/login?redirectTo=${encodeURIComponent(`/courses/${etiquette.slug}/${lesson.slug}`)}`);
	await page.getByLabel('E-mail').fill(alex.email);
	await page.getByLabel('Password').fill(alex.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible();

	const quiz = page.locator(`#quiz-${quizIndex}`);
	for (const q of lesson.quizzes[quizIndex].questions) {
		if (q.type === 'ordering') {
			for (const [position, item] of q.items.entries()) {
				await quiz.getByLabel(item, { exact: true }).selectOption(String(position + 1));
			}
		} else if (q.type === 'multiple') {
			for (const a of q.answer) await quiz.locator(`input[name="q:${q.id}"][value="${a}"]`).check();
		} else await quiz.locator(`input[name="q:${q.id}"][value="${q.answer}"]`).check();
	}
	await quiz.getByRole('button', { name: 'Check answers' }).click();
	await expect(page.locator(`#quiz-${quizIndex}`).getByText(/Passed: 100%/)).toBeVisible();
	await context.close();
});

test('a trainee resumes a course where they left off, after signing in again', async ({ page, context }) => {
	await loginAs(page, 'alex', `/courses/${crm.slug}/${crm.lessons[2].slug}`);
	await expect(page.getByRole('heading', { level: 1, name: crm.lessons[2].title })).toBeVisible();
	await context.clearCookies();
	await loginAs(page, 'alex', `/courses/${crm.slug}`);
	await page.getByRole('link', { name: `Continue: ${crm.lessons[2].title}` }).click();
	await expect(page).toHaveURL(`/courses/${crm.slug}/${crm.lessons[2].slug}`);
	// Previous/next navigation between lessons.
	await page.getByRole('link', { name: /Previous/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: crm.lessons[1].title })).toBeVisible();
});

test('the quiz API refuses an answer to a question that does not exist, and a quiz with no answer', async ({ page }) => {
	await loginAs(page, 'alex', '/courses');
	const lesson = crm.lessons[0];
	const res = await page.request.post(`/api/courses/${crm.slug}/${lesson.slug}/quiz`, {
		data: { quiz: 0, answers: { 'no-such-question': 1 } }
	});
	expect(res.status()).toBe(400);
	expect((await res.json()).error.code).toBe('unknown_question');
	const blank = await page.request.post(`/api/courses/${crm.slug}/${lesson.slug}/quiz`, {
		data: { quiz: 0, answers: {} }
	});
	expect(blank.status()).toBe(400);
	expect((await blank.json()).error).toMatchObject({ code: 'no_answers', field: 'answers', message: expect.stringContaining('Answer at least one question') });
	const first = lesson.quizzes[0].questions[0];
	if (first.type !== 'single') throw new Error('expected a single-choice question first');
	const ok = await page.request.post(`/api/courses/${crm.slug}/${lesson.slug}/quiz`, {
		data: { quiz: 0, answers: { [first.id]: first.answer === 0 ? 1 : 0 } }
	});
	expect(ok.status()).toBe(200);
	expect(await ok.json()).toMatchObject({ score: 0, passed: false });
});
