// The languages content (courses and scenarios) can be written in, and what each implies for a call: the region its
// phone numbers are read in and the language Whisper is told to expect. One source of truth for the course and
// scenario schemas, the comparators and the speech path (pure, so domain code can use it).

import type { CountryCode } from 'libphonenumber-js';

export const CONTENT_LANGUAGES = ['en', 'bn'] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

export const CONTENT_LANGUAGE_NAMES: Record<ContentLanguage, string> = { en: 'English', bn: 'বাংলা (Bengali)' };

/** National phone numbers (01711-223344, 0113 496 0734) are read in this region. */
export const PHONE_REGION: Record<ContentLanguage, CountryCode> = { en: 'GB', bn: 'BD' };

/** The language name Whisper takes for transcription. */
export const WHISPER_LANGUAGE: Record<ContentLanguage, string> = { en: 'english', bn: 'bengali' };
