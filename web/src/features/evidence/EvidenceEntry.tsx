import { useTranslation } from 'react-i18next';
import { type FragmentOf, readFragment } from '../../data/graphql';
import { codeLabel } from '../../errorMessages';
import { formatDateTime } from '../../format';
import { EvidenceItemFields } from './evidence';

/**
 * One item of an evidence timeline: when (Paris time), what kind, title and summary. Titles and summaries are
 * written by the server in French, the language of the audit file, whatever the interface language.
 */
export function EvidenceEntry({ item: masked }: { item: FragmentOf<typeof EvidenceItemFields> }) {
  const { t, i18n } = useTranslation();
  const item = readFragment(EvidenceItemFields, masked);
  return (
    <li className="evidence-item" data-testid="evidence-item">
      <p className="evidence-meta">
        <time dateTime={item.occurredAt}>{formatDateTime(item.occurredAt, i18n.language)}</time>
        <span className="badge">{codeLabel(t, 'evidenceKinds', item.kind)}</span>
      </p>
      <p className="evidence-title" lang="fr">
        {item.title}
      </p>
      {item.summary && (
        <p className="evidence-summary" lang="fr">
          {item.summary}
        </p>
      )}
    </li>
  );
}
