import type { Messages } from '../../locales/messages';

const fr = {
  setup: {
    title: 'Installation',
    intro: 'Créez votre organisme de formation et votre compte responsable.',
    organisationName: "Nom de l'organisme",
    name: 'Votre nom',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    passwordHint: 'Au moins 12 caractères. Une phrase de passe facile à retenir convient très bien.',
    confirmPassword: 'Confirmer le mot de passe',
    submit: "Créer l'organisme",
    notNeeded: 'Cet espace est déjà installé.',
    goToLogin: 'Aller à la page de connexion',
    missingToken:
      "Le lien d'installation est incomplet : il manque le jeton. Utilisez le lien affiché au premier démarrage du serveur.",
  },
  login: {
    title: 'Connexion',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    submit: 'Se connecter',
  },
  validation: {
    email: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.',
    passwordTooShort: 'Le mot de passe doit contenir au moins 12 caractères.',
    passwordMismatch: 'Les deux mots de passe ne correspondent pas.',
  },
  errors: {
    invalid_credentials: 'Adresse e-mail ou mot de passe incorrect.',
    setup_token_invalid: "Ce lien d'installation n'est pas valide ou a déjà été utilisé.",
  },
};

export const accessMessages: Messages<typeof fr> = {
  fr,
  en: {
    setup: {
      title: 'Setup',
      intro: 'Create your training organisation and your owner account.',
      organisationName: 'Organisation name',
      name: 'Your name',
      email: 'Email address',
      password: 'Password',
      passwordHint: 'At least 12 characters. An easy-to-remember passphrase works well.',
      confirmPassword: 'Confirm password',
      submit: 'Create the organisation',
      notNeeded: 'This workspace is already set up.',
      goToLogin: 'Go to the login page',
      missingToken:
        'The setup link is incomplete: the token is missing. Use the link shown when the server first starts.',
    },
    login: {
      title: 'Log in',
      email: 'Email address',
      password: 'Password',
      submit: 'Log in',
    },
    validation: {
      email: 'Enter a valid email address, for example name@example.com.',
      passwordTooShort: 'The password must be at least 12 characters long.',
      passwordMismatch: 'The two passwords do not match.',
    },
    errors: {
      invalid_credentials: 'Wrong email address or password.',
      setup_token_invalid: 'This setup link is not valid or was already used.',
    },
  },
};
