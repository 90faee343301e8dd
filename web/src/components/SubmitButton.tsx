import type { ReactNode } from 'react';

/**
 * The submit button of a form. While the request runs it is only `aria-disabled` (it keeps the focus);
 * forms ignore a submit while pending.
 */
export function SubmitButton({
  id,
  pending,
  children,
}: {
  id?: string;
  pending: boolean;
  children: ReactNode;
}) {
  return (
    <button id={id} type="submit" className="button button-primary" aria-disabled={pending || undefined}>
      {children}
    </button>
  );
}
