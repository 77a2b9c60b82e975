// The portal's language, English or Spanish: the staff member's choice for this tab (sessionStorage, like the public
// site), else the browser's. Each view registers its texts; switching reloads the portal, so every view is drawn
// again in the new language without each one knowing how to redraw itself.
const KEY = 'chorus.portal.lang';
const saved = sessionStorage.getItem(KEY);
export const lang = saved === 'es' || saved === 'en' ? saved : (navigator.language || 'en').startsWith('es') ? 'es' : 'en';
const texts = { en: {}, es: {} };

/** Adds a view's texts; a key missing in Spanish falls back to English, then to the key itself. */
export function register(more) {
  Object.assign(texts.en, more.en);
  Object.assign(texts.es, more.es);
}

/** The text for {@code key}, {0}, {1}… replaced by the arguments. */
export function t(key, ...args) {
  const text = texts[lang][key] ?? texts.en[key] ?? key;
  return args.reduce((s, arg, i) => s.replaceAll(`{${i}}`, arg), text);
}

/** The text for {@code prefix.code}; a code this portal has no words for is shown as the service gave it. */
export function term(prefix, code) {
  if (code == null) return '';
  const key = `${prefix}.${code}`;
  return texts[lang][key] ?? texts.en[key] ?? code;
}

export const locale = () => (lang === 'es' ? 'es-US' : 'en-US');

export function switchLanguage() {
  sessionStorage.setItem(KEY, lang === 'en' ? 'es' : 'en');
  window.location.reload();
}

register({
  en: {
    portal: 'Chorus staff portal', signIn: 'Sign in', signInRest: ' with your Chorus staff account.',
    signInFailed: 'Sign-in did not succeed. Please try again.', signedInAs: 'Signed in as', signOut: 'Sign out',
    noRole: 'no staff role', sections: 'Portal sections', otherLanguage: 'Español',
    secModeration: 'Moderation', secDirectory: 'Help directory', secCampaigns: 'Campaigns', secStaff: 'Staff',
    secAudit: 'Audit log', queueOne: '{0} story waits for moderation.', queueMany: '{0} stories wait for moderation.',
  },
  es: {
    portal: 'Portal del equipo de Chorus', signIn: 'Inicia sesión', signInRest: ' con tu cuenta del equipo de Chorus.',
    signInFailed: 'No se pudo iniciar sesión. Inténtalo de nuevo.', signedInAs: 'Sesión iniciada como',
    signOut: 'Cerrar sesión', noRole: 'sin rol en el equipo', sections: 'Secciones del portal', otherLanguage: 'English',
    secModeration: 'Moderación', secDirectory: 'Directorio de ayuda', secCampaigns: 'Campañas', secStaff: 'Equipo',
    secAudit: 'Registro de auditoría', queueOne: '{0} historia espera moderación.',
    queueMany: '{0} historias esperan moderación.',
  },
});
