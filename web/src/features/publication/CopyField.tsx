import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A read-only text (an address, a code to paste) with a button that copies it; the result is announced. */
export function CopyField({
  id,
  label,
  hint,
  value,
  buttonLabel,
  multiline = false,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  buttonLabel: string;
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const hintId = hint ? `${id}-hint` : undefined;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      field.current?.focus();
      field.current?.select();
      setState('failed');
    }
  };

  const shared = {
    ref: field,
    id,
    readOnly: true,
    value,
    'aria-describedby': hintId,
    onFocus: (event: { target: { select(): void } }) => event.target.select(),
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <div className="copy-row">
        {multiline ? <textarea {...shared} rows={4} /> : <input {...shared} type="url" />}
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          {buttonLabel}
        </button>
      </div>
      <p role="status" className={state === 'idle' ? 'visually-hidden' : 'copy-status'}>
        {state === 'copied' && t('publication.copied')}
        {state === 'failed' && t('publication.copyFailed')}
      </p>
    </div>
  );
}
