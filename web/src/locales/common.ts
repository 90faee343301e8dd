import type { Role } from '../data/graphql';
import type { Messages } from './messages';

/** Messages of the app's frame (layout, errors every page may show); each feature brings its own. */
const fr = {
  app: {
    name: 'Preuves Qualiopi',
    skipLink: 'Aller au contenu principal',
    loading: 'Chargement…',
    retry: 'Réessayer',
    requiredNote: 'Tous les champs sont obligatoires, sauf mention contraire.',
    notAvailable: '—',
    ratingOutOf: '{{value, rating}} / 5',
    pageTitle: '{{page}} · Preuves Qualiopi',
    dateRange: 'Du {{start}} au {{end}}',
  },
  language: {
    switch: 'English',
    switchLang: 'en',
    switchLabel: 'Switch to English',
  },
  nav: {
    label: 'Navigation principale',
  },
  header: {
    logout: 'Déconnexion',
    userLabel: 'Connecté en tant que',
  },
  roles: {
    admin: 'Administrateur',
    quality_manager: 'Responsable qualité',
    contributor: 'Contributeur',
    auditor: 'Auditeur',
  } satisfies Record<Role, string>,
  errors: {
    generic: 'Une erreur est survenue. Veuillez réessayer.',
    network_error: 'Le serveur est injoignable : vérifiez votre connexion.',
    validation_failed: 'Certains champs sont invalides. Corrigez-les puis réessayez.',
    invalid_characters:
      'Un texte contient un caractère qui ne peut pas être enregistré. Retirez-le puis réessayez.',
    unauthenticated: 'Votre session a expiré. Veuillez vous reconnecter.',
    forbidden: "Vous n'avez pas les droits nécessaires pour cette action.",
    bad_user_input: 'La demande contient une valeur invalide.',
    graphql_validation_failed: "L'application a été mise à jour : rechargez la page.",
    revision_conflict: 'Ces données ont été modifiées entre-temps. Rechargez la page puis réessayez.',
    rate_limited: 'Trop de demandes en peu de temps.',
    database_unavailable: 'Le service est momentanément indisponible.',
    overloaded: 'Le service est très sollicité en ce moment.',
    service_unavailable: 'Le service est momentanément indisponible.',
    retryIn: 'Réessayez {{seconds, delay}}.',
    retrySoon: 'Réessayez dans un instant.',
    not_found: 'Élément introuvable.',
    invalid_min_position: 'Requête de lecture invalide. Rechargez la page.',
    unsupported_media_type: 'Format de requête non pris en charge.',
    payload_too_large: 'Le contenu envoyé est trop volumineux.',
    internal_error: 'Erreur interne du serveur. Veuillez réessayer plus tard.',
  },
  validation: {
    required: 'Ce champ est obligatoire.',
    invalidCharacters:
      'Ce texte contient un caractère qui ne peut pas être enregistré (caractère nul ou invalide) : retirez-le.',
  },
  notFound: {
    title: 'Page introuvable',
    text: "L'adresse demandée ne correspond à aucune page.",
    back: "Retour à l'accueil",
  },
};

export const commonMessages: Messages<typeof fr> = {
  fr,
  en: {
    app: {
      name: 'Qualiopi Evidence',
      skipLink: 'Skip to main content',
      loading: 'Loading…',
      retry: 'Try again',
      requiredNote: 'All fields are required unless marked optional.',
      notAvailable: '—',
      ratingOutOf: '{{value, rating}} / 5',
      pageTitle: '{{page}} · Qualiopi Evidence',
      dateRange: 'From {{start}} to {{end}}',
    },
    language: {
      switch: 'Français',
      switchLang: 'fr',
      switchLabel: 'Passer en français',
    },
    nav: {
      label: 'Main navigation',
    },
    header: {
      logout: 'Log out',
      userLabel: 'Signed in as',
    },
    roles: {
      admin: 'Administrator',
      quality_manager: 'Quality manager',
      contributor: 'Contributor',
      auditor: 'Auditor',
    },
    errors: {
      generic: 'Something went wrong. Please try again.',
      network_error: 'The server cannot be reached: check your connection.',
      validation_failed: 'Some fields are invalid. Correct them and try again.',
      invalid_characters: 'A text contains a character that cannot be stored. Remove it and try again.',
      unauthenticated: 'Your session has expired. Please log in again.',
      forbidden: 'You are not allowed to do this.',
      bad_user_input: 'The request contains an invalid value.',
      graphql_validation_failed: 'The application has been updated: reload the page.',
      revision_conflict: 'This data was changed in the meantime. Reload the page and try again.',
      rate_limited: 'Too many requests in a short time.',
      database_unavailable: 'The service is temporarily unavailable.',
      overloaded: 'The service is very busy right now.',
      service_unavailable: 'The service is temporarily unavailable.',
      retryIn: 'Try again {{seconds, delay}}.',
      retrySoon: 'Try again in a moment.',
      not_found: 'Not found.',
      invalid_min_position: 'Invalid read request. Reload the page.',
      unsupported_media_type: 'Unsupported request format.',
      payload_too_large: 'What you sent is too large.',
      internal_error: 'Internal server error. Please try again later.',
    },
    validation: {
      required: 'This field is required.',
      invalidCharacters:
        'This text contains a character that cannot be stored (a null or invalid character): remove it.',
    },
    notFound: {
      title: 'Page not found',
      text: 'The requested address does not match any page.',
      back: 'Back to the home page',
    },
  },
};
