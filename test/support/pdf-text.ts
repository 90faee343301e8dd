import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether poppler's pdftotext is installed (`.ci/run` installs poppler-utils). */
export const hasPdfText = !spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error;

/** A PDF's text as it reads, whatever the line breaks and ligatures of the extraction (pdftotext, UTF-8). */
export const pdfText = (pdf: Buffer): string => {
  const directory = mkdtempSync(join(tmpdir(), 'pdf-text-'));
  try {
    const file = join(directory, 'document.pdf');
    writeFileSync(file, pdf);
    const result = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
    return result.stdout.normalize('NFKC').replace(/\s+/g, ' ').trim();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};
