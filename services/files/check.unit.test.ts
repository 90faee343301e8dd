import { describe, expect, it } from 'vitest';
import { sanitiseName } from './check';
import { attachmentDisposition } from './download';

describe('keeping a sent file name', () => {
  it('drops folders, control characters and bidirectional overrides', () => {
    expect(sanitiseName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseName('C:\\Users\\camille\\Bureau\\relevé.pdf')).toBe('relevé.pdf');
    expect(sanitiseName('facture\u202Efdp.exe')).toBe('facturefdp.exe');
    expect(sanitiseName('a\u0000b\nc.txt')).toBe('abc.txt');
  });

  it('names a file without a usable name « fichier »', () => {
    expect(sanitiseName(undefined)).toBe('fichier');
    expect(sanitiseName('  ')).toBe('fichier');
    expect(sanitiseName('...')).toBe('fichier');
  });

  it('shortens a long name to 120 characters, keeping its extension', () => {
    const name = sanitiseName(`${'é'.repeat(300)}.docx`);
    expect([...name]).toHaveLength(120);
    expect(name.endsWith('é.docx')).toBe(true);
  });
});

describe('naming a download', () => {
  it('gives an ASCII fallback and the exact name encoded as RFC 5987 asks', () => {
    expect(attachmentDisposition('Compte rendu (v2) "final".pdf')).toBe(
      `attachment; filename="Compte rendu (v2) _final_.pdf"; filename*=UTF-8''Compte%20rendu%20%28v2%29%20%22final%22.pdf`,
    );
    expect(attachmentDisposition('procès-verbal.odt')).toBe(
      `attachment; filename="proces-verbal.odt"; filename*=UTF-8''proc%C3%A8s-verbal.odt`,
    );
  });
});
