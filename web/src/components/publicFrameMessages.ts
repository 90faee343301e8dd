import type { Messages } from '../locales/messages';

/** What the frame of every public page says (PublicFrame): the organisation's contact and privacy notice. */
const fr = {
  publicFrame: {
    contact: 'Contact :',
    privacyTitle: 'Vos données personnelles',
    privacyController: 'Responsable du traitement',
    privacyPurpose: 'Finalité',
    privacyRetention: 'Durée de conservation',
    privacyContact: 'Vos droits et qui contacter',
  },
};

export const publicFrameMessages: Messages<typeof fr> = {
  fr,
  en: {
    publicFrame: {
      contact: 'Contact:',
      privacyTitle: 'Your personal data',
      privacyController: 'Data controller',
      privacyPurpose: 'Purpose',
      privacyRetention: 'Retention period',
      privacyContact: 'Your rights and whom to contact',
    },
  },
};
