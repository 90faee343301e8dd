import type { Messages } from '../../locales/messages';

/** What the public complaint page says (loaded by its own page, web/complaint-form.html, and by the app). */
const fr = {
  complaintPage: {
    title: 'Déposer une réclamation',
    intro:
      '{{organisation}} prend en compte chaque réclamation : décrivez ce qui s’est passé, nous vous répondrons.',
    required: 'obligatoire',
    optional: 'facultatif',
    group: 'Vous êtes',
    anonymous: 'Je souhaite rester anonyme',
    anonymousHint:
      'Sans nom ni moyen de vous joindre, votre réclamation sera traitée mais nous ne pourrons pas vous répondre.',
    name: 'Nom et prénom',
    email: 'Adresse électronique',
    emailHint: 'Pour recevoir l’accusé de réception et la réponse.',
    phone: 'Téléphone',
    contactHint: 'Indiquez au moins une adresse électronique ou un téléphone.',
    about: 'Objet',
    aboutHint: 'La formation, la session ou le lieu concernés, si vous les connaissez.',
    text: 'Votre réclamation',
    textHint: 'Décrivez les faits, les dates et ce que vous attendez.',
    counter: '{{count, number}} caractère(s) sur {{max, number}}',
    attachments: 'Pièces jointes',
    attachmentsHint:
      'Jusqu’à {{count, number}} fichier(s) de {{size}} chacun au plus : PDF, image (PNG, JPEG, WebP), texte ou document bureautique (Word, Excel, OpenDocument).',
    chosen: 'Fichiers choisis',
    remove: 'Retirer {{name}}',
    submit: 'Envoyer ma réclamation',
    kept: 'Ce que vous avez saisi est conservé sur cette page : réessayez dans un instant.',
    sending: 'Envoi en cours : {{percent, number}} %',
    missingGroup: 'Choisissez qui vous êtes.',
    missingName: 'Indiquez votre nom.',
    missingContact: 'Indiquez une adresse électronique ou un téléphone.',
    invalidEmail: 'Cette adresse électronique n’est pas valable.',
    missingText: 'Décrivez votre réclamation.',
    textTooLong: 'Votre texte dépasse {{max, number}} caractères.',
    tooManyFiles: 'Joignez au plus {{count, number}} fichier(s).',
    fileTooLarge: '« {{name}} » dépasse {{size}}.',
    fileTypeRefused:
      '« {{name}} » n’est pas accepté : joignez un PDF, une image (PNG, JPEG, WebP), un texte ou un document Word, Excel ou OpenDocument sans macros.',
    fileEmpty: '« {{name}} » est vide.',
    fixBelow: 'Certains champs sont à compléter ou corriger : voir les champs signalés.',
    thanksTitle: 'Votre réclamation est enregistrée',
    reference: 'Sa référence : {{reference}}',
    referenceLater: 'Elle a bien été reçue ; sa référence vous sera communiquée avec l’accusé de réception.',
    receivedOn: 'Reçue le {{date}}.',
    nextTitle: 'Et ensuite ?',
    nextAcknowledge:
      '{{organisation}} en accuse réception sous {{count, number}} jour(s) ouvré(s), puis analyse votre réclamation et vous répond.',
    nextByEmail: 'L’accusé de réception et la réponse vous seront envoyés par courriel.',
    nextAnonymous: 'Vous avez choisi de rester anonyme : vous ne recevrez pas de réponse.',
    nextOther: 'Sans adresse électronique, l’organisme vous répondra par téléphone.',
    notFoundTitle: 'Adresse introuvable',
    movedTitle: 'Cette adresse a changé',
    unavailableTitle: 'Page indisponible',
  },
  complaintPageGroups: {
    learner: 'Apprenant ou apprenante',
    funder: 'Financeur (OPCO, France Travail, région…)',
    trainer: 'Membre de l’équipe pédagogique',
    company: 'Entreprise cliente ou employeur',
    other: 'Autre',
  },
  complaintPageErrors: {
    complaint_page_not_found:
      'Aucune page de réclamation n’a cette adresse. Vérifiez-la ou demandez-la à l’organisme.',
    complaint_page_moved_organisation:
      'La page de réclamation de {{organisation}} a une nouvelle adresse : demandez-la à l’organisme (site internet, documents remis).',
    anonymous_with_identity: 'Une réclamation anonyme ne porte ni nom ni coordonnées.',
    too_many_files: 'Trop de fichiers joints.',
    file_too_large: 'Un fichier est trop volumineux.',
    file_type_unsupported:
      'Un fichier n’est pas accepté : joignez un PDF, une image (PNG, JPEG, WebP), un texte ou un document Word, Excel ou OpenDocument sans macros.',
    attachment_type_refused:
      'Un fichier n’est pas accepté : joignez un PDF, une image (PNG, JPEG, WebP), un texte ou un document Word, Excel ou OpenDocument sans macros.',
  },
};

export const complaintPageMessages: Messages<typeof fr> = {
  fr,
  en: {
    complaintPage: {
      title: 'Make a complaint',
      intro: '{{organisation}} considers every complaint: describe what happened and we will answer you.',
      required: 'required',
      optional: 'optional',
      group: 'You are',
      anonymous: 'I wish to remain anonymous',
      anonymousHint:
        'Without a name or a way to reach you, your complaint will be handled but we will not be able to answer you.',
      name: 'Full name',
      email: 'E-mail address',
      emailHint: 'To receive the acknowledgement and the answer.',
      phone: 'Phone',
      contactHint: 'Give at least an e-mail address or a phone number.',
      about: 'About',
      aboutHint: 'The training, session or place concerned, if you know them.',
      text: 'Your complaint',
      textHint: 'Describe the facts, the dates and what you expect.',
      counter: '{{count, number}} of {{max, number}} characters',
      attachments: 'Attachments',
      attachmentsHint:
        'Up to {{count, number}} file(s) of at most {{size}} each: PDF, image (PNG, JPEG, WebP), text or office document (Word, Excel, OpenDocument).',
      chosen: 'Chosen files',
      remove: 'Remove {{name}}',
      submit: 'Send my complaint',
      kept: 'What you typed is kept on this page: try again in a moment.',
      sending: 'Sending: {{percent, number}} %',
      missingGroup: 'Choose who you are.',
      missingName: 'Give your name.',
      missingContact: 'Give an e-mail address or a phone number.',
      invalidEmail: 'This e-mail address is not valid.',
      missingText: 'Describe your complaint.',
      textTooLong: 'Your text is longer than {{max, number}} characters.',
      tooManyFiles: 'Attach at most {{count, number}} file(s).',
      fileTooLarge: '“{{name}}” is larger than {{size}}.',
      fileTypeRefused:
        '“{{name}}” is not accepted: attach a PDF, an image (PNG, JPEG, WebP), a text or a Word, Excel or OpenDocument file without macros.',
      fileEmpty: '“{{name}}” is empty.',
      fixBelow: 'Some fields need completing or correcting: see the fields marked.',
      thanksTitle: 'Your complaint has been recorded',
      reference: 'Its reference: {{reference}}',
      referenceLater: 'It has been received; its reference will come with the acknowledgement.',
      receivedOn: 'Received on {{date}}.',
      nextTitle: 'What happens next?',
      nextAcknowledge:
        '{{organisation}} acknowledges it within {{count, number}} working day(s), then analyses your complaint and answers you.',
      nextByEmail: 'The acknowledgement and the answer will be sent to you by e-mail.',
      nextAnonymous: 'You chose to remain anonymous: you will not receive an answer.',
      nextOther: 'Without an e-mail address, the organisation will answer you by phone.',
      notFoundTitle: 'Address not found',
      movedTitle: 'This address has changed',
      unavailableTitle: 'Page unavailable',
    },
    complaintPageGroups: {
      learner: 'A learner',
      funder: 'A funder (OPCO, France Travail, region…)',
      trainer: 'A member of the teaching team',
      company: 'A client company or employer',
      other: 'Other',
    },
    complaintPageErrors: {
      complaint_page_not_found:
        'No complaint page has this address. Check it or ask the organisation for it.',
      complaint_page_moved_organisation:
        'The complaint page of {{organisation}} has a new address: ask the organisation for it (website, documents given to you).',
      anonymous_with_identity: 'An anonymous complaint carries no name and no contact details.',
      too_many_files: 'Too many files attached.',
      file_too_large: 'A file is too large.',
      file_type_unsupported:
        'A file is not accepted: attach a PDF, an image (PNG, JPEG, WebP), a text or a Word, Excel or OpenDocument file without macros.',
      attachment_type_refused:
        'A file is not accepted: attach a PDF, an image (PNG, JPEG, WebP), a text or a Word, Excel or OpenDocument file without macros.',
    },
  },
};
