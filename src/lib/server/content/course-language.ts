// Picks the text of a course or lesson in the trainee's language: the course's own language, else a translation
// beside it, else the original with a note saying so. Pure: no I/O, no SvelteKit.
import { CONTENT_LANGUAGES, DEFAULT_CONTENT_LANGUAGE, isContentLanguage, type ContentLanguage } from '$lib/schemas/course';
import type { CourseText, LoadedCourse, LoadedLesson } from './courses';

/** Where the shown text came from: its language, and whether it is not the one the trainee asked for. */
export type LanguageChoice = { language: ContentLanguage; fallback: boolean };

/** The lesson as the trainee sees it (title, body and quizzes in the chosen language; slug and translations kept). */
export function lessonIn(lesson: LoadedLesson, courseLanguage: ContentLanguage, wanted: ContentLanguage): LoadedLesson & LanguageChoice {
	const text = wanted === courseLanguage ? undefined : lesson.translations[wanted];
	if (!text) return { ...lesson, language: courseLanguage, fallback: wanted !== courseLanguage };
	return { ...lesson, ...text, language: wanted, fallback: false };
}

/** Title, summary and introduction of a course in the trainee's language when there is a `course.<language>.md`. */
export function courseIn(course: LoadedCourse, wanted: ContentLanguage): CourseText & LanguageChoice {
	const text = wanted === course.language ? undefined : course.translations[wanted];
	if (!text) return { title: course.meta.title, summary: course.meta.summary, intro: course.intro, language: course.language, fallback: wanted !== course.language };
	return { ...text, language: wanted, fallback: false };
}

/** Languages a lesson can be read in: the course's own first, then its translations. */
export function lessonLanguages(lesson: LoadedLesson, courseLanguage: ContentLanguage): ContentLanguage[] {
	return [courseLanguage, ...CONTENT_LANGUAGES.filter((l) => l !== courseLanguage && lesson.translations[l])];
}

/** Names of the content languages, in each content language. */
const LANGUAGE_NAMES: Record<ContentLanguage, Record<ContentLanguage, string>> = {
	en: { en: 'English', bn: 'Bengali (বাংলা)' },
	bn: { en: 'ইংরেজি', bn: 'বাংলা' }
};

const NOTES: Record<ContentLanguage, (what: 'lesson' | 'course', shown: string) => string> = {
	en: (what, shown) => `This ${what} is not available in English yet, so it is shown in ${shown}.`,
	bn: (what, shown) => `${what === 'lesson' ? 'এই পাঠটি' : 'এই কোর্সটি'} এখনও বাংলায় পাওয়া যায় না, তাই ${shown}তে দেখানো হচ্ছে।`
};

/** The note shown above text that is not in the trainee's language (written in the trainee's language), else null. */
export function languageNote(choice: LanguageChoice, wanted: ContentLanguage, what: 'lesson' | 'course'): string | null {
	if (!choice.fallback) return null;
	return NOTES[wanted](what, LANGUAGE_NAMES[wanted][choice.language]);
}

/** A note with the language it is written in (for the element's `lang`), or null. */
export function noteIn(text: string | null, language: ContentLanguage): { text: string; lang: ContentLanguage } | null {
	return text ? { text, lang: language } : null;
}

export function languageName(language: ContentLanguage, inLanguage: ContentLanguage = language): string {
	return LANGUAGE_NAMES[inLanguage][language];
}

/** A content language from a locale tag (`bn-BD` → `bn`); anything unknown → the default (English). */
export function contentLanguageOf(locale: unknown): ContentLanguage {
	if (typeof locale !== 'string') return DEFAULT_CONTENT_LANGUAGE;
	const primary = locale.trim().toLowerCase().split(/[-_]/)[0];
	return isContentLanguage(primary) ? primary : DEFAULT_CONTENT_LANGUAGE;
}
