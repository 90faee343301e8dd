import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { command } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { SubmitButton } from '../../components/SubmitButton';
import { viewerQuery } from '../../data/viewer';
import { queryClient } from '../../queryClient';
import type { OpenedLink } from './auditorAccess';

/**
 * `/auditor/:token`: where an auditor's link leads. Nothing happens on loading it (a mail scanner may follow
 * links): the auditor opens the access with the button, which starts a read-only session and shows the
 * dashboard. The token goes in the request's body, never in a logged address.
 */
export function AuditorLandingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { token = '' } = useParams();
  const open = useMutation({
    mutationFn: () => command<OpenedLink>('/api/public/auditor-access/sessions', { token }),
    onSuccess: async () => {
      // Nothing read before belongs to this session's organisation.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== viewerQuery.queryKey[0] });
      await queryClient.fetchQuery({ ...viewerQuery, staleTime: 0 });
      await navigate('/', { replace: true });
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!open.isPending) open.mutate();
  };

  const title = open.isError ? t('auditorLanding.failedTitle') : t('auditorLanding.title');
  return (
    <>
      <PageTitle page={title} />
      <h1>{title}</h1>
      <ErrorAlert error={open.error} />
      <p>{t('auditorLanding.readOnly')}</p>
      <form className="form" noValidate onSubmit={onSubmit}>
        <SubmitButton pending={open.isPending}>
          {open.isError ? t('auditorLanding.retry') : t('auditorLanding.open')}
        </SubmitButton>
      </form>
      <div role="status" className="visually-hidden">
        {open.isPending && t('auditorLanding.opening')}
      </div>
    </>
  );
}
