import { useTranslation } from 'react-i18next';
import type { EvidenceItem } from '../data/evidence';
import { codeLabel } from '../errorMessages';
import { formatDateTime } from '../format';

/** One item of an evidence timeline: when (Paris time), what kind, title and summary. */
export function EvidenceEntry({ item }: { item: EvidenceItem }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="evidence-item" data-testid="evidence-item">
      <p className="evidence-meta">
        <time dateTime={item.occurredAt}>{formatDateTime(item.occurredAt, i18n.language)}</time>
        <span className="badge">{codeLabel(t, 'evidenceKinds', item.kind)}</span>
      </p>
      <p className="evidence-title">{item.title}</p>
      {item.summary && <p className="evidence-summary">{item.summary}</p>}
    </li>
  );
}
