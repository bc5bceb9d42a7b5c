import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The text of a PDF as poppler reads it in drawing order (a table cell's lines together), page by page. With `ERON_DOCS_DIR`
 * set, the PDF is also kept there under `name`, to render its pages (`pdftoppm -png -r 70`) and look.
 */
export function pdfPages(pdf: Buffer, name = 'document.pdf'): string[] {
  if (process.env.ERON_DOCS_DIR) {
    mkdirSync(process.env.ERON_DOCS_DIR, { recursive: true });
    writeFileSync(join(process.env.ERON_DOCS_DIR, name), pdf);
  }
  const dir = mkdtempSync(join(tmpdir(), 'eron-doc-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-raw', join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' });
    return text.split('\f').filter((p) => p.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
