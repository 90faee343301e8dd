import { renderBinderPdf } from './render-pdf';
import { binderTables } from './render-tables';
import type { BinderWriter } from './runner';
import { binderSigner, type SigningDeps } from './signing';
import { writeBinder } from './writer';

/**
 * The binder as the product writes it: the French PDF and the tables packed by the ZIP writer, signed with the
 * organisation's key (created on its first binder).
 */
export const productBinderWriter =
  (deps: SigningDeps): BinderWriter =>
  async (source, out, onProgress) => {
    const signer = await binderSigner(deps, source.request.organisationId);
    const written = await writeBinder(
      source,
      { pdf: renderBinderPdf, tables: binderTables },
      signer,
      out,
      onProgress,
    );
    return {
      sha256: written.sha256,
      bytes: written.bytes,
      fingerprint: signer.fingerprint,
      items: source.indicators.reduce((sum, indicator) => sum + indicator.itemCount, 0),
      events: written.manifest.events.count,
    };
  };
