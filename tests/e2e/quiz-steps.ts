// Answering a lesson's quiz from its file (the answer key) in the browser, in whatever language it is shown:
// selectors use the form's field names, never interface wording.
import { expect, type Locator, type Page } from '@playwright/test';
import type { LessonText } from '../../src/lib/server/content/courses';

const order = (quiz: Locator, id: string) =>
	quiz.locator(`input[name="order:${id}"]`).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

/** Answers every question of a quiz from its file (the answer key), moving ordering items with their up buttons. */
async function answerCorrectly(quiz: Locator, text: LessonText, index: number) {
	for (const q of text.quizzes[index].questions) {
		if (q.type === 'single' || q.type === 'truefalse') await quiz.locator(`input[name="q:${q.id}"][value="${q.answer}"]`).check();
		else if (q.type === 'multiple') for (const a of q.answer) await quiz.locator(`input[name="q:${q.id}"][value="${a}"]`).check();
		else {
			for (let step = 0; step < 100; step++) {
				const now = await order(quiz, q.id);
				const target = now.findIndex((item, i) => item !== q.items[i]);
				if (target < 0) break;
				await quiz.locator(`li:has(> input[name="order:${q.id}"][value="${q.items[target]}"]) .moves button`).first().click();
				await expect.poll(() => order(quiz, q.id)).not.toEqual(now);
			}
			expect(await order(quiz, q.id)).toEqual(q.items);
		}
	}
}

export async function passQuiz(page: Page, text: LessonText) {
	const quiz = page.locator('#quiz-0');
	await answerCorrectly(quiz, text, 0);
	await quiz.locator('button[type="submit"]').click();
	await expect(quiz.locator('.alert-success')).toContainText(/100|১০০/);
	// The graded result explains in the language the quiz was shown in.
	await expect(quiz.getByText(text.quizzes[0].questions[0].explanation)).toBeVisible();
}

