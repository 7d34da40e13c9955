// Moved to $lib/i18n/format (the same functions, now in the reader's language). Kept as a re-export so code
// written against the old path still builds; import from '$lib/i18n/format' in new code.
export { formatDate, formatDateTime, formatDayMonth, formatLongDate, formatWeekdayDate } from './i18n/format';
