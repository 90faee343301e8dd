import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { StatusMessage } from '../../components/StatusMessage';
import { useViewer } from '../../data/viewer';
import { InvitationList } from './InvitationList';
import { InviteForm } from './InviteForm';
import { MemberRow } from './MemberRow';
import { useTeam } from './team';

/** `/team`: members (role, status, last sign-in), invitations, and the form to invite (administrators). */
export function TeamPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const isAdmin = viewer.data?.role === 'admin';
  const team = useTeam();
  const [notice, setNotice] = useState<string | null>(null);

  if (viewer.data && !isAdmin) {
    return (
      <>
        <PageTitle page={t('team.title')} />
        <h1>{t('team.title')}</h1>
        <ErrorAlert message={t('team.adminOnly')} />
      </>
    );
  }

  return (
    <>
      <PageTitle page={t('team.title')} />
      <h1>{t('team.title')}</h1>
      <StatusMessage>{notice}</StatusMessage>

      <section aria-labelledby="team-members">
        <h2 id="team-members">{t('team.membersTitle')}</h2>
        {team.isPending && <Loading />}
        {team.isError && <QueryError error={team.error} onRetry={() => void team.refetch()} />}
        {team.data && (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('team.name')}</th>
                  <th scope="col">{t('team.role')}</th>
                  <th scope="col">{t('team.status')}</th>
                  <th scope="col">{t('team.lastSignIn')}</th>
                  <th scope="col">{t('team.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {team.data.members.map((member) => (
                  <MemberRow
                    key={`${member.id}-${member.role}-${member.active}`}
                    member={member}
                    isViewer={member.id === viewer.data?.id}
                    onDone={setNotice}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="team-invitations">
        <h2 id="team-invitations">{t('team.invitationsTitle')}</h2>
        {team.data && <InvitationList invitations={team.data.invitations} onDone={setNotice} />}
      </section>

      <section aria-labelledby="team-invite">
        <h2 id="team-invite">{t('team.inviteTitle')}</h2>
        <InviteForm onInvited={(email) => setNotice(t('team.invited', { email }))} />
      </section>
    </>
  );
}
