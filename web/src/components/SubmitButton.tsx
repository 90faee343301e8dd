import type { ReactNode } from 'react';

/**
 * The submit button of a form. While the request runs it is only `aria-disabled` (it keeps the focus);
 * forms ignore a submit while pending.
 */
export function SubmitButton({ pending, children }: { pending: boolean; children: ReactNode }) {
  return (
    <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
      {children}
    </button>
  );
}
