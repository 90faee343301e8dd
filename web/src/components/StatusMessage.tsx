import type { ReactNode } from 'react';

/** A polite live region for confirmations (“Session créée.”); always rendered so updates are announced. */
export function StatusMessage({ children }: { children?: ReactNode }) {
  return (
    <div className={children ? 'alert alert-success' : 'visually-hidden'} role="status">
      {children}
    </div>
  );
}
