import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

// Roboto as pdfmake ships it (é, œ, €, « » and the no-break space): our documents never depend on the fonts of the
// machine they are written on, so they look, and hash, the same everywhere.
const require = createRequire(import.meta.url);
const FONT_FILES = {
  normal: require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'),
  bold: require.resolve('pdfmake/fonts/Roboto/Roboto-Medium.ttf'),
  italics: require.resolve('pdfmake/fonts/Roboto/Roboto-Italic.ttf'),
  bolditalics: require.resolve('pdfmake/fonts/Roboto/Roboto-MediumItalic.ttf'),
};
const ALLOWED_FILES = new Set(Object.values(FONT_FILES));

/** pdfmake's printer is one object per process: we give it our fonts and let it fetch nothing else. */
export const pdfPrinter = () => {
  pdfmake.setFonts({ Roboto: { ...FONT_FILES } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => ALLOWED_FILES.has(path));
  return pdfmake;
};

/** A small document rendered whole in memory (a binder streams instead: see services/binder/render-pdf.ts). */
export const pdfBuffer = async (definition: TDocumentDefinitions): Promise<Buffer> =>
  Buffer.from(await pdfPrinter().createPdf(definition).getBuffer());
