// Date wording used on screens, in PDFs and exports: British style, always in UTC so a server-rendered
// page and the hydrated page agree.

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const longDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

const weekdayLong = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Wednesday 25 November 2026" */
export const formatWeekdayDate = (d: Date) => weekdayLong.format(d).replace(',', '');
/** "25 Nov 2026" */
export const formatDate = (d: Date) => day.format(d);
/** "25 November 2026" */
export const formatLongDate = (d: Date) => longDay.format(d);
/** "25 Nov" */
export const formatDayMonth = (d: Date) => dayMonth.format(d);
/** "25 Nov 2026, 08:41 UTC" */
export const formatDateTime = (d: Date) => `${dayTime.format(d)} UTC`;
