// The per-trainee report as an A4 PDF (text, tables as aligned columns), paginated as it fills.
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { CERTIFICATE_STATUS_LABELS } from '$lib/domain/certification/status';
import { formatDuration } from '$lib/domain/certification/kpis';
import { embedPdfFonts } from './pdf-fonts';
import { drawableText, wrapText } from './pdf-text';
import { formatLongDate } from '$lib/i18n/format';
import type { TraineeReport } from './trainee-report';

const MARGIN = 50;
const INK = rgb(0.1, 0.13, 0.2);
const MUTED = rgb(0.38, 0.42, 0.5);

class Writer {
	page!: PDFPage;
	y = 0;
	constructor(
		private doc: PDFDocument,
		private regular: PDFFont,
		private bold: PDFFont
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
		const font = opts.bold ? this.bold : this.regular;
		const x = MARGIN + (opts.x ?? 0);
		for (const line of wrapText(font, drawableText(font, text), size, 595 - MARGIN - x)) {
			this.ensure(size + 4);
			this.y -= size + 4;
			this.page.drawText(line, { x, y: this.y, size, font, color: opts.muted ? MUTED : INK });
		}
		this.y -= opts.gap ?? 0;
	}
	columns(cells: string[], widths: number[], bold = false) {
		const font = bold ? this.bold : this.regular;
		this.ensure(14);
		this.y -= 14;
		let x = MARGIN;
		cells.forEach((cell, i) => {
			let t = drawableText(font, cell);
			while (t.length > 1 && font.widthOfTextAtSize(t, 9) > widths[i] - 6) t = t.slice(0, -2) + '…';
			this.page.drawText(t, { x, y: this.y, size: 9, font, color: INK });
			x += widths[i];
		});
	}
	heading(text: string) {
		this.ensure(40);
		this.y -= 10;
		this.text(text, { size: 13, bold: true, gap: 2 });
	}
}

export async function renderTraineeReportPdf(report: TraineeReport): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	const { regular, bold } = await embedPdfFonts(doc);
	doc.setTitle(`Certification report — ${report.trainee.name}`);
	doc.setAuthor('CallCraft');
	const w = new Writer(doc, regular, bold);

	w.text('CallCraft certification report', { size: 9, muted: true });
	w.text(report.trainee.name, { size: 20, bold: true, gap: 2 });
	w.text(`${report.trainee.email} · Cohort: ${report.trainee.cohort ?? 'none'} · Generated ${formatLongDate(report.generatedAt)}`, { muted: true, gap: 6 });

	w.heading('Programmes');
	for (const p of report.programmes) {
		w.text(`${p.title} — ${p.stateLabel} (${p.done} of ${p.required} requirements)`, { bold: true });
		for (const item of p.items) w.text(`${item.met ? '✓' : '○'} ${item.label} — ${item.counter}${item.redo ? ' (redo)' : ''}`, { x: 12 });
		w.y -= 4;
	}
	if (!report.programmes.length) w.text('No programmes defined.', { muted: true });

	w.heading('Certificates');
	if (!report.certificates.length) w.text('None yet.', { muted: true });
	else {
		w.columns(['Programme', 'Status', 'Issued', 'Expires'], [220, 90, 95, 90], true);
		for (const c of report.certificates) {
			w.columns([c.programmeTitle, CERTIFICATE_STATUS_LABELS[c.status], formatLongDate(c.issuedAt), c.expiresAt ? formatLongDate(c.expiresAt) : 'Never'], [220, 90, 95, 90]);
		}
	}

	w.heading('Simulator KPIs');
	const k = report.kpis;
	w.text(
		`${k.calls} calls · average score ${k.averageScore === null ? '—' : Math.round(k.averageScore)} · AHT ${formatDuration(k.averageHandleSeconds)} · ACW ${formatDuration(k.averageAcwSeconds)} · hold ${formatDuration(k.averageHoldSeconds)} · FCR ${k.firstContactResolution === null ? '—' : Math.round(k.firstContactResolution * 100) + '%'}`
	);
	if (report.skills.length) w.text(`Skills, weakest first: ${report.skills.map((s) => `${s.label} ${Math.round(s.average)}`).join(', ')}`, { muted: true });

	w.heading('Recent calls');
	if (!report.recentCalls.length) w.text('No calls yet.', { muted: true });
	else {
		w.columns(['Date', 'Scenario', 'Score', 'Record accuracy'], [95, 250, 60, 100], true);
		for (const c of report.recentCalls) {
			w.columns([formatLongDate(c.endedAt), c.scenario + (c.angry ? ' (angry)' : ''), String(Math.round(c.total)), c.recordAccuracy === null ? '—' : String(Math.round(c.recordAccuracy))], [95, 250, 60, 100]);
		}
	}
	return doc.save();
}
