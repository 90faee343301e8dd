import { disabilityNetworkDecider } from '../../services/disability-network/decider';
import { disabilityNetworkStream } from '../../services/disability-network/events';
import { newId } from '../../services/kernel/ids';
import { addCalendarDays } from '../../services/kernel/working-days';
import { watchNoteDecider } from '../../services/watch/decider';
import {
  type CommunicationChannel,
  type WatchImpact,
  type WatchNoteContent,
  watchNoteStream,
} from '../../services/watch/events';
import {
  type WatchNoteImprovementRequested,
  watchImprovementDecider,
  watchImprovementStream,
} from '../../services/watch/improvement';
import { type Demo, day, onDay } from './context';

interface DemoNote extends Omit<WatchNoteContent, 'informationOn'> {
  daysAgo: number;
  /** Analysed so many days after it was recorded; none: the note is left unexploited. */
  analysis?: {
    after: number;
    impact: WatchImpact;
    analysis: string;
    decision: string;
    changes: string | null;
  };
  communication?: { after: number; channel: CommunicationChannel; groups: string[]; message: string | null };
  archive?: boolean;
  improvement?: string;
}

const NOTES: DemoNote[] = [
  {
    theme: 'legal_regulatory',
    title: 'Décret n° 2026-728 : nouvelle version du référentiel national qualité',
    sourceName: 'Légifrance',
    sourceUrl: 'https://www.legifrance.gouv.fr/',
    daysAgo: 120,
    summary:
      'Treize indicateurs reformulés et un indicateur 33 pour l’apprentissage, applicables au 1er novembre 2026.',
    analysis: {
      after: 6,
      impact: 'to_study',
      analysis:
        'Nous ne sommes pas CFA : l’indicateur 33 ne s’applique pas. Les reformulations touchent nos procédures de réclamation et de veille.',
      decision: 'Relire les procédures concernées avant l’audit de surveillance.',
      changes: null,
    },
    communication: {
      after: 10,
      channel: 'meeting',
      groups: ['équipe administrative', 'formateurs'],
      message: 'Point en réunion d’équipe mensuelle.',
    },
  },
  {
    theme: 'legal_regulatory',
    title: 'Mise à jour des mentions obligatoires des conventions de formation',
    sourceName: 'Centre Inffo',
    sourceUrl: 'https://www.centre-inffo.fr/',
    daysAgo: 260,
    summary: 'Rappel des mentions obligatoires des conventions et contrats de formation professionnelle.',
    analysis: {
      after: 4,
      impact: 'change_needed',
      analysis:
        'Notre modèle de convention ne mentionne pas les modalités d’accès pour les personnes handicapées.',
      decision: 'Mettre à jour le modèle de convention.',
      changes: 'Modèle de convention v4 diffusé.',
    },
    communication: { after: 9, channel: 'email', groups: ['équipe administrative'], message: null },
    archive: true,
  },
  {
    theme: 'skills_jobs',
    title: 'Métiers en tension 2026 en Auvergne-Rhône-Alpes',
    sourceName: 'France Travail — enquête Besoins en main-d’œuvre',
    sourceUrl: 'https://statistiques.francetravail.org/bmo',
    daysAgo: 200,
    summary:
      'Forte demande de chefs d’équipe dans la logistique et le BTP ; besoins en habilitations électriques.',
    analysis: {
      after: 12,
      impact: 'change_needed',
      analysis: 'Nos sessions d’habilitation électrique sont complètes trois mois à l’avance.',
      decision: 'Ouvrir une session supplémentaire par trimestre et adapter le module management au terrain.',
      changes: 'Cas pratiques logistique ajoutés au module « Management d’équipe de proximité ».',
    },
    communication: { after: 15, channel: 'meeting', groups: ['formateurs'], message: null },
  },
  {
    theme: 'innovation',
    title: 'Classes virtuelles : retours d’expérience sur l’engagement des stagiaires',
    sourceName: 'Journée régionale des organismes de formation',
    sourceUrl: null,
    daysAgo: 160,
    summary: 'Les sondages en direct et les salles de sous-groupes améliorent la participation à distance.',
    analysis: {
      after: 20,
      impact: 'change_needed',
      analysis: 'Nos classes virtuelles restent très descendantes ; les évaluations à chaud le relèvent.',
      decision: 'Former les formateurs aux outils d’animation à distance.',
      changes: null,
    },
    communication: {
      after: 25,
      channel: 'intranet',
      groups: ['formateurs'],
      message: 'Synthèse publiée sur l’intranet.',
    },
    improvement: 'Former l’équipe pédagogique à l’animation interactive des classes virtuelles',
  },
  {
    theme: 'disability',
    title: 'Guide Agefiph de l’accessibilité des formations',
    sourceName: 'Agefiph',
    sourceUrl: 'https://www.agefiph.fr/',
    daysAgo: 220,
    summary:
      'Nouvelles fiches pratiques sur la compensation du handicap en formation et les aides mobilisables.',
    analysis: {
      after: 5,
      impact: 'to_study',
      analysis:
        'Les fiches complètent notre procédure d’accueil ; le questionnaire d’inscription ne demande pas les besoins d’adaptation.',
      decision: 'Ajouter une question sur les besoins d’adaptation au questionnaire d’inscription.',
      changes: 'Question ajoutée au formulaire d’inscription.',
    },
    communication: { after: 7, channel: 'notice_board', groups: ['formateurs', 'accueil'], message: null },
  },
  {
    theme: 'skills_jobs',
    title: 'Évolution du titre professionnel de vendeur conseil',
    sourceName: 'France compétences',
    sourceUrl: 'https://www.francecompetences.fr/',
    daysAgo: 100,
    summary: 'Révision du référentiel de compétences du titre, nouvelles compétences numériques attendues.',
  },
];

/** A watch note on each theme (23–25, and disability for 26): source, analysis, communication, a change. */
const seedWatchNotes = async (demo: Demo) => {
  const requests: WatchNoteImprovementRequested['data'][] = [];
  const improvementDays: string[] = [];
  for (const note of NOTES) {
    const { daysAgo, analysis, communication, archive, improvement, ...content } = note;
    const noteId = newId();
    const stream = watchNoteStream(noteId);
    const recordedOn = day(demo.daysAgo(daysAgo));
    await demo.run(onDay(demo, recordedOn, 10), watchNoteDecider, stream, {
      type: 'RecordNote',
      noteId,
      content: { ...content, informationOn: addCalendarDays(recordedOn, -2) },
      by: demo.userId,
      today: recordedOn,
    });
    if (!analysis) continue; // left unexploited: the minor non-conformity to warn about
    const analysedOn = addCalendarDays(recordedOn, analysis.after);
    const { after: _, ...analysed } = analysis;
    await demo.run(onDay(demo, analysedOn, 14), watchNoteDecider, stream, {
      type: 'AnalyseNote',
      ...analysed,
      by: demo.userId,
      today: analysedOn,
    });
    if (communication) {
      const communicatedOn = addCalendarDays(recordedOn, communication.after);
      await demo.run(onDay(demo, communicatedOn, 15), watchNoteDecider, stream, {
        type: 'CommunicateNote',
        communicationId: newId(),
        audience: { memberIds: [demo.userId], groups: communication.groups },
        channel: communication.channel,
        communicatedOn,
        message: communication.message,
        by: demo.userId,
        today: communicatedOn,
      });
    }
    if (archive) {
      await demo.run(onDay(demo, addCalendarDays(analysedOn, 30), 9), watchNoteDecider, stream, {
        type: 'ArchiveNote',
        by: demo.userId,
      });
    }
    if (improvement) {
      requests.push({ noteId, requestId: newId(), title: improvement, requestedBy: demo.userId });
      improvementDays.push(analysedOn);
    }
  }
  return { notes: NOTES.length, requests, improvementDays };
};

/** Records a note's improvement request once its action is planned. */
export const recordWatchRequest = (demo: Demo, request: WatchNoteImprovementRequested['data'], on: string) =>
  demo.run(onDay(demo, on, 16), watchImprovementDecider, watchImprovementStream(request.noteId), {
    type: 'RequestImprovement',
    ...request,
  });

/** The disability network (26): its partners, the referent and their training, a meeting held. */
const seedDisabilityNetwork = async (demo: Demo) => {
  const stream = disabilityNetworkStream(demo.organisationId);
  const capEmploi = newId();
  const partners = [
    {
      partnerId: capEmploi,
      kind: 'cap_emploi' as const,
      name: 'Cap emploi 69',
      contacts: [
        {
          name: 'Valérie Chevalier',
          role: 'Chargée de mission',
          email: 'v.chevalier@capemploi69.example',
          phone: '04 78 00 00 01',
        },
      ],
    },
    {
      partnerId: newId(),
      kind: 'mdph' as const,
      name: 'MDPH du Rhône',
      contacts: [
        { name: 'Accueil des professionnels', role: null, email: 'pro@mdph69.example', phone: null },
      ],
    },
    {
      partnerId: newId(),
      kind: 'agefiph' as const,
      name: 'Agefiph Auvergne-Rhône-Alpes',
      contacts: [{ name: 'Olivier Blanc', role: 'Conseiller', email: null, phone: '04 72 00 00 02' }],
    },
    {
      partnerId: newId(),
      kind: 'other' as const,
      name: 'Ressource handicap formation (RHF) AURA',
      contacts: [
        { name: 'Laure Mercier', role: 'Référente', email: 'l.mercier@rhf-aura.example', phone: null },
      ],
    },
  ];
  for (const partner of partners) {
    await demo.run(demo.daysAgo(340), disabilityNetworkDecider, stream, { type: 'ListPartner', partner });
  }
  const trainedOn = day(demo.daysAgo(300));
  await demo.run(demo.daysAgo(290), disabilityNetworkDecider, stream, {
    type: 'SetReferent',
    referentId: newId(),
    memberId: demo.userId,
    name: null,
    trainings: [
      {
        title: 'Référent handicap en organisme de formation',
        on: trainedOn,
        provider: 'Ressource handicap formation AURA',
      },
    ],
    today: day(demo.daysAgo(290)),
  });
  const meetings = [
    {
      daysAgo: 150,
      partnerId: capEmploi,
      subject: 'Accueil d’un stagiaire malvoyant en formation Excel',
      outcome: 'Adaptations validées : supports en gros caractères et logiciel de grossissement.',
    },
    {
      daysAgo: 45,
      partnerId: partners[3]!.partnerId,
      subject: 'Rencontre annuelle des référents handicap',
      outcome: 'Nouvelle fiche d’aménagement des évaluations partagée avec l’équipe.',
    },
  ];
  for (const meeting of meetings) {
    const on = day(demo.daysAgo(meeting.daysAgo));
    await demo.run(onDay(demo, on, 16), disabilityNetworkDecider, stream, {
      type: 'RecordMeeting',
      meetingId: newId(),
      partnerId: meeting.partnerId,
      on,
      subject: meeting.subject,
      outcome: meeting.outcome,
      today: on,
    });
  }
  return { partners: partners.length, meetings: meetings.length };
};

/** Criterion 6: the watch and the disability network. */
export const seedWatch = async (demo: Demo) => {
  const watch = await seedWatchNotes(demo);
  const network = await seedDisabilityNetwork(demo);
  return { ...watch, ...network };
};
