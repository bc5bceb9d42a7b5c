import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The text of a PDF as poppler reads it, pages split by form feeds: `layout` keeps the page's
 * columns (a table row on one line), `raw` the drawing order (a table cell's lines together). With
 * `ERON_DOCS_DIR` set, the PDF is also kept there under `name`, to render its pages
 * (`pdftoppm -png -r 70`) and look at them.
 */
export function pdfText(pdf: Buffer, mode: 'layout' | 'raw' = 'layout', name = 'document.pdf'): string {
  if (process.env.ERON_DOCS_DIR) {
    mkdirSync(process.env.ERON_DOCS_DIR, { recursive: true });
    writeFileSync(join(process.env.ERON_DOCS_DIR, name), pdf);
  }
  const dir = mkdtempSync(join(tmpdir(), 'eron-pdf-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    return execFileSync('pdftotext', [`-${mode}`, join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pages of a PDF in drawing order, blank ones dropped. */
export const pdfPages = (pdf: Buffer, name?: string): string[] =>
  pdfText(pdf, 'raw', name)
    .split('\f')
    .filter((p) => p.trim());
