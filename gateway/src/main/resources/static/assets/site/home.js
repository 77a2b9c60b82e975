import { api, page, t } from './common.js';

let voices = null;
page({
  en: {
    heading: "Survivors' stories, and help near you",
    intro: 'Chorus is run by survivors. Read what others have lived through, share your own story anonymously, or find people near you who can help.',
    readLink: "Read survivors' stories", shareLink: 'Share your story, anonymously', helpLink: 'Find help near you',
    voices: '{0} voices have spoken', title: 'Home', subscribeLink: 'Get updates by email',
  },
  es: {
    heading: 'Historias de sobrevivientes y ayuda cerca de ti',
    intro: 'Chorus está dirigido por sobrevivientes. Lee lo que otras personas han vivido, comparte tu historia de forma anónima o encuentra personas cerca de ti que pueden ayudarte.',
    readLink: 'Leer historias de sobrevivientes', shareLink: 'Comparte tu historia de forma anónima',
    helpLink: 'Buscar ayuda cerca de ti', subscribeLink: 'Recibe novedades por correo', voices: '{0} voces se han alzado', title: 'Inicio',
  },
}, showVoices);

function showVoices() {
  if (voices != null) {
    document.querySelector('[data-voices]').textContent = t('voices', voices.toLocaleString(document.documentElement.lang));
  }
}

api('/api/stories/count').then((answer) => { voices = answer.count; showVoices(); }).catch(() => {});
