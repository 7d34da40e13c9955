// Words and colours for the caller's anger (0 calm … 1 furious), shared by the live meter and the results chart.
import { m } from '../paraglide/messages';

// Labels are getters over messages/*.json: reading one gives the current interface language.
export const MOOD_BANDS = [
	{ below: 0.2, get label() { return m.mood_calm(); }, tone: 'calm' },
	{ below: 0.4, get label() { return m.mood_uneasy(); }, tone: 'uneasy' },
	{ below: 0.6, get label() { return m.mood_annoyed(); }, tone: 'annoyed' },
	{ below: 0.8, get label() { return m.mood_angry(); }, tone: 'angry' },
	{ below: Infinity, get label() { return m.mood_furious(); }, tone: 'furious' }
] as const;

export type MoodBand = (typeof MOOD_BANDS)[number];

export function moodBand(anger: number): MoodBand {
	return MOOD_BANDS.find((b) => anger < b.below) ?? MOOD_BANDS[MOOD_BANDS.length - 1];
}

/** Green → amber → red along the anger scale (text on white uses a darker lightness, 26, for contrast). */
export function moodColour(anger: number, lightness = 40): string {
	const a = Math.min(1, Math.max(0, anger));
	const hue = Math.round(130 - 130 * a);
	return `hsl(${hue} 70% ${lightness}%)`;
}

/** mm:ss (or h:mm:ss) of a duration in ms. */
export function clock(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const mm = String(m).padStart(h ? 2 : 2, '0');
	return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
