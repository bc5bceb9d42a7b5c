import PDFDocument from 'pdfkit';
import { formatDateTimeEs } from './format';

/** A column of a document's table: its heading, share of the width, and alignment. */
export interface Column {
  header: string;
  /** Relative width (the widths of a table are scaled to the page). */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface Table {
  /** A caption above the table (e.g. the account). */
  caption?: string;
  columns: Column[];
  rows: string[][];
  /** The totals line, bold, under a rule; one cell per column ('' for none). */
  totals?: string[];
  /** Printed instead of the rows when there are none. */
  empty?: string;
}

export interface Section {
  heading: string;
  /** Paragraphs of text. */
  paragraphs?: string[];
  /** Label–value pairs, one per line. */
  facts?: [label: string, value: string][];
  tables?: Table[];
}

/**
 * What every document of the suite is made of (statements, actas, certificates, receipts): the
 * letterhead with INPEC and the establishment, a title, the facts that identify it, sections with
 * tables, signature lines, and a footer with the date and officer of issue, the page "1 de N"
 * and, where it can be checked, the verification code.
 */
export interface DocumentSpec {
  title: string;
  subtitle?: string;
  establishment: { code: string; name?: string };
  /** Identifying facts under the title (PPL, NUI, period, acta number…). */
  facts?: [label: string, value: string][];
  sections: Section[];
  /**
   * The closing words the signatures follow (an acta's "leída y aprobada, se firma…"): printed after
   * the sections and kept on one page with the signature lines, so no page holds signatures alone.
   */
  closing?: string[];
  /** Who signs: a line each, with name and position; the block is never split across pages when it fits on one. */
  signatures?: { name?: string; position: string }[];
  issued: { at: Date; by: string };
  verification?: { code: string; where: string };
}

const MARGIN = 48;
const FOOTER_SPACE = 54;
const INK = '#111111';
const MUTED = '#555555';
const RULE = '#999999';
const SHADE = '#e9ecef';

/** Renders a document to one PDF buffer (pdfkit, Letter size, the PDF's standard fonts). */
export function renderPdf(spec: DocumentSpec): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN },
    bufferPages: true,
    info: { Title: spec.title, Author: `INPEC — ${establishmentLine(spec.establishment)}`, Creator: 'ERON' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.on('pageAdded', () => letterhead(doc, spec, false));

  letterhead(doc, spec, true);
  if (spec.facts?.length) facts(doc, spec.facts);
  for (const section of spec.sections) renderSection(doc, section);
  if (spec.closing?.length || spec.signatures?.length) closingAndSignatures(doc, spec.closing ?? [], spec.signatures ?? []);
  footers(doc, spec);
  doc.end();
  return done;
}

const establishmentLine = (e: DocumentSpec['establishment']) => (e.name ? `${e.name} (${e.code})` : `Establecimiento ${e.code}`);
const width = (doc: PDFKit.PDFDocument) => doc.page.width - MARGIN * 2;
const bottom = (doc: PDFKit.PDFDocument) => doc.page.height - MARGIN - FOOTER_SPACE;

function letterhead(doc: PDFKit.PDFDocument, spec: DocumentSpec, first: boolean): void {
  const top = MARGIN;
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor(INK)
    .text('INSTITUTO NACIONAL PENITENCIARIO Y CARCELARIO — INPEC', MARGIN, top, {
      width: width(doc),
      align: 'center',
    });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(MUTED)
    .text(establishmentLine(spec.establishment), { width: width(doc), align: 'center' });
  const ruleY = doc.y + 4;
  doc
    .moveTo(MARGIN, ruleY)
    .lineTo(MARGIN + width(doc), ruleY)
    .lineWidth(1)
    .strokeColor(INK)
    .stroke();
  doc.y = ruleY + 10;
  if (!first) {
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${spec.title} (continuación)`, MARGIN, doc.y, { width: width(doc) });
    doc.moveDown(0.6);
    return;
  }
  doc
    .font('Helvetica-Bold')
    .fontSize(15)
    .fillColor(INK)
    .text(spec.title, MARGIN, doc.y, { width: width(doc), align: 'center' });
  if (spec.subtitle)
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor(MUTED)
      .text(spec.subtitle, { width: width(doc), align: 'center' });
  doc.moveDown(0.8);
}

function facts(doc: PDFKit.PDFDocument, pairs: [string, string][]): void {
  const labelWidth = 150;
  for (const [label, value] of pairs) {
    ensureRoom(doc, 14);
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(9).fillColor(INK).text(`${label}:`, MARGIN, y, { width: labelWidth });
    const afterLabel = doc.y;
    doc.font('Helvetica').text(value, MARGIN + labelWidth, y, { width: width(doc) - labelWidth });
    doc.y = Math.max(afterLabel, doc.y) + 1;
  }
  doc.moveDown(0.6);
}

function renderSection(doc: PDFKit.PDFDocument, section: Section): void {
  ensureRoom(doc, 40);
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor(INK)
    .text(section.heading, MARGIN, doc.y, { width: width(doc) });
  doc.moveDown(0.3);
  for (const p of section.paragraphs ?? []) paragraph(doc, p);
  if (section.facts?.length) facts(doc, section.facts);
  for (const t of section.tables ?? []) table(doc, t);
  doc.moveDown(0.6);
}

const CELL_PAD = 3;

function table(doc: PDFKit.PDFDocument, t: Table): void {
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const widths = t.columns.map((c) => (c.width / total) * width(doc));
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((s, w) => s + w, 0));
  if (t.caption) {
    ensureRoom(doc, 50);
    doc
      .font('Helvetica-Bold')
      .fontSize(9.5)
      .fillColor(INK)
      .text(t.caption, MARGIN, doc.y, { width: width(doc) });
    doc.moveDown(0.2);
  }
  const header = () =>
    row(
      doc,
      t.columns.map((c) => c.header),
      { xs, widths, columns: t.columns, bold: true, shade: true },
    );
  ensureRoom(doc, 30);
  header();
  if (t.rows.length === 0 && t.empty) {
    doc
      .font('Helvetica-Oblique')
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(t.empty, MARGIN + CELL_PAD, doc.y + 2, { width: width(doc) });
    doc.moveDown(0.3);
  }
  for (const cells of t.rows) {
    if (doc.y + rowHeight(doc, cells, widths, false) > bottom(doc)) {
      doc.addPage();
      header();
    }
    row(doc, cells, { xs, widths, columns: t.columns, bold: false, shade: false });
  }
  if (t.totals) {
    ensureRoom(doc, 18);
    const y = doc.y;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + width(doc), y)
      .lineWidth(0.8)
      .strokeColor(INK)
      .stroke();
    row(doc, t.totals, { xs, widths, columns: t.columns, bold: true, shade: false });
  }
  doc.x = MARGIN;
  doc.moveDown(0.4);
}

function rowHeight(doc: PDFKit.PDFDocument, cells: string[], widths: number[], bold: boolean): number {
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
  return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - CELL_PAD * 2 }))) + CELL_PAD * 2;
}

function row(
  doc: PDFKit.PDFDocument,
  cells: string[],
  o: { xs: number[]; widths: number[]; columns: Column[]; bold: boolean; shade: boolean },
): void {
  const y = doc.y;
  const h = rowHeight(doc, cells, o.widths, o.bold);
  if (o.shade) doc.rect(MARGIN, y, width(doc), h).fillColor(SHADE).fill();
  doc
    .font(o.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(8.5)
    .fillColor(INK);
  cells.forEach((c, i) => {
    doc.text(c, o.xs[i]! + CELL_PAD, y + CELL_PAD, { width: o.widths[i]! - CELL_PAD * 2, align: o.columns[i]?.align ?? 'left' });
  });
  doc
    .moveTo(MARGIN, y + h)
    .lineTo(MARGIN + width(doc), y + h)
    .lineWidth(0.3)
    .strokeColor(RULE)
    .stroke();
  doc.x = MARGIN;
  doc.y = y + h;
}

const SIGNATURE_ROW = 80;

/** The closing paragraphs and the signature lines, moved together to a new page when they do not fit on this one. */
function paragraph(doc: PDFKit.PDFDocument, text: string): void {
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(INK)
    .text(text, MARGIN, doc.y, { width: width(doc), align: 'justify' });
  doc.moveDown(0.4);
}

function closingAndSignatures(doc: PDFKit.PDFDocument, closing: string[], people: { name?: string; position: string }[]): void {
  doc.font('Helvetica').fontSize(9);
  const text = closing.reduce((h, p) => h + doc.heightOfString(p, { width: width(doc), align: 'justify' }) + 6, 0);
  const rows = people.length === 0 ? 0 : Math.ceil(people.length / Math.min(3, people.length));
  ensureRoom(doc, text + rows * SIGNATURE_ROW);
  for (const p of closing) paragraph(doc, p);
  if (people.length) signatures(doc, people);
}

function signatures(doc: PDFKit.PDFDocument, people: { name?: string; position: string }[]): void {
  const perRow = Math.min(3, people.length);
  const slot = width(doc) / perRow;
  for (let i = 0; i < people.length; i += perRow) {
    ensureRoom(doc, SIGNATURE_ROW);
    const y = doc.y + 40;
    people.slice(i, i + perRow).forEach((p, j) => {
      const x = MARGIN + j * slot + 10;
      doc
        .moveTo(x, y)
        .lineTo(x + slot - 20, y)
        .lineWidth(0.6)
        .strokeColor(INK)
        .stroke();
      doc
        .font('Helvetica-Bold')
        .fontSize(8.5)
        .fillColor(INK)
        .text(p.name ?? ' ', x, y + 4, { width: slot - 20, align: 'center' });
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor(MUTED)
        .text(p.position, x, doc.y, { width: slot - 20, align: 'center' });
    });
    doc.x = MARGIN;
    doc.y = y + 36;
  }
}

function footers(doc: PDFKit.PDFDocument, spec: DocumentSpec): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would add a page: lift it while the footer is drawn.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 30;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + width(doc), y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    const issued = `Expedido el ${formatDateTimeEs(spec.issued.at)} por ${spec.issued.by}`;
    doc
      .font('Helvetica')
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(issued, MARGIN, y + 5, { width: width(doc) * 0.75, lineBreak: false });
    doc.text(`Página ${i - range.start + 1} de ${range.count}`, MARGIN, y + 5, { width: width(doc), align: 'right', lineBreak: false });
    if (spec.verification) {
      doc.text(`Código de verificación ${spec.verification.code} — ${spec.verification.where}`, MARGIN, y + 16, {
        width: width(doc),
        lineBreak: false,
      });
    }
    doc.page.margins.bottom = margin;
  }
}

function ensureRoom(doc: PDFKit.PDFDocument, needed: number): void {
  if (doc.y + needed > bottom(doc)) doc.addPage();
}
