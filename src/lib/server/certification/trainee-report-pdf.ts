// The per-trainee report as an A4 PDF (text, tables as aligned columns), paginated as it fills, in the
// reader's language.
import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { certificateStatusLabel } from '$lib/domain/certification/status';
import { formatDuration } from '$lib/domain/certification/kpis';
import { embedPdfFonts, type PdfFonts } from './pdf-fonts';
import { drawableText, drawText, fitText, wrapText } from './pdf-text';
import { formatDigits, formatInteger, formatLongDate, formatPercent } from '$lib/i18n/format';
import { BASE_LOCALE, INTL_LOCALE, type Locale } from '$lib/i18n/locales';
import { m } from '$lib/paraglide/messages';
import type { TraineeReport } from './trainee-report';

const MARGIN = 50;
const INK = rgb(0.1, 0.13, 0.2);
const MUTED = rgb(0.38, 0.42, 0.5);

class Writer {
	page!: PDFPage;
	y = 0;
	constructor(
		private doc: PDFDocument,
		private fonts: PdfFonts
	) {
		this.newPage();
	}
	newPage() {
		this.page = this.doc.addPage([595, 842]);
		this.y = 842 - MARGIN;
	}
	ensure(height: number) {
		if (this.y - height < MARGIN) this.newPage();
	}
	text(text: string, opts: { size?: number; bold?: boolean; muted?: boolean; x?: number; gap?: number } = {}) {
		const size = opts.size ?? 10;
		const font = opts.bold ? this.fonts.bold : this.fonts.regular;
		const x = MARGIN + (opts.x ?? 0);
		for (const line of wrapText(font, drawableText(font, text), size, 595 - MARGIN - x)) {
			this.ensure(size + 4);
			this.y -= size + 4;
			drawText(this.page, font, line, { x, y: this.y, size, color: opts.muted ? MUTED : INK });
		}
		this.y -= opts.gap ?? 0;
	}
	columns(cells: string[], widths: number[], bold = false) {
		const font = bold ? this.fonts.bold : this.fonts.regular;
		this.ensure(14);
		this.y -= 14;
		let x = MARGIN;
		cells.forEach((cell, i) => {
			drawText(this.page, font, fitText(font, drawableText(font, cell), 9, widths[i] - 6), { x, y: this.y, size: 9, color: INK });
			x += widths[i];
		});
	}
	heading(text: string) {
		this.ensure(40);
		this.y -= 10;
		this.text(text, { size: 13, bold: true, gap: 2 });
	}
}

/** The report in `locale` (the reader's language: labels, digits and dates). */
export async function renderTraineeReportPdf(report: TraineeReport, locale: Locale = BASE_LOCALE): Promise<Uint8Array> {
	const t = { locale };
	const date = (d: Date) => formatLongDate(d, locale);
	const int = (n: number) => formatInteger(Math.round(n), locale);
	const doc = await PDFDocument.create();
	doc.setTitle(m.pdf_report_title({ name: report.trainee.name }, t));
	doc.setAuthor('CallCraft');
	doc.setLanguage(INTL_LOCALE[locale]);
	const w = new Writer(doc, await embedPdfFonts(doc));

	w.text(m.pdf_report_brand({}, t), { size: 9, muted: true });
	w.text(report.trainee.name, { size: 20, bold: true, gap: 2 });
	w.text(m.pdf_report_meta({ email: report.trainee.email, cohort: report.trainee.cohort ?? m.pdf_report_no_cohort({}, t), date: date(report.generatedAt) }, t), { muted: true, gap: 6 });

	w.heading(m.pdf_report_programmes({}, t));
	for (const p of report.programmes) {
		w.text(m.pdf_report_programme_line({ title: p.title, state: p.stateLabel, done: int(p.done), required: int(p.required) }, t), { bold: true });
		for (const item of p.items) w.text(`${item.met ? '✓' : '○'} ${item.label} — ${item.counter}${item.redo ? ' ' + m.pdf_report_redo({}, t) : ''}`, { x: 12 });
		w.y -= 4;
	}
	if (!report.programmes.length) w.text(m.pdf_report_no_programmes({}, t), { muted: true });

	w.heading(m.pdf_report_certificates({}, t));
	if (!report.certificates.length) w.text(m.pdf_report_none_yet({}, t), { muted: true });
	else {
		const widths = [220, 90, 95, 90];
		w.columns([m.pdf_report_col_programme({}, t), m.pdf_report_col_status({}, t), m.pdf_report_col_issued({}, t), m.pdf_report_col_expires({}, t)], widths, true);
		for (const c of report.certificates) {
			w.columns([c.programmeTitle, certificateStatusLabel(c.status, locale), date(c.issuedAt), c.expiresAt ? date(c.expiresAt) : m.pdf_report_never({}, t)], widths);
		}
	}

	w.heading(m.pdf_report_kpis({}, t));
	const k = report.kpis;
	const duration = (s: number | null) => formatDigits(formatDuration(s), locale);
	w.text(
		m.pdf_report_kpi_line(
			{
				calls: int(k.calls),
				score: k.averageScore === null ? '—' : int(k.averageScore),
				aht: duration(k.averageHandleSeconds),
				acw: duration(k.averageAcwSeconds),
				hold: duration(k.averageHoldSeconds),
				fcr: k.firstContactResolution === null ? '—' : formatPercent(Math.round(k.firstContactResolution * 100), 0, locale)
			},
			t
		)
	);
	if (report.skills.length) w.text(m.pdf_report_skills({ skills: report.skills.map((s) => `${s.label} ${int(s.average)}`).join(', ') }, t), { muted: true });

	w.heading(m.pdf_report_recent_calls({}, t));
	if (!report.recentCalls.length) w.text(m.pdf_report_no_calls({}, t), { muted: true });
	else {
		const widths = [95, 250, 60, 100];
		w.columns([m.pdf_report_col_date({}, t), m.pdf_report_col_scenario({}, t), m.pdf_report_col_score({}, t), m.pdf_report_col_accuracy({}, t)], widths, true);
		for (const c of report.recentCalls) {
			const scenario = c.angry ? m.pdf_report_angry({ scenario: c.scenario }, t) : c.scenario;
			w.columns([date(c.endedAt), scenario, int(c.total), c.recordAccuracy === null ? '—' : int(c.recordAccuracy)], widths);
		}
	}
	return doc.save();
}
