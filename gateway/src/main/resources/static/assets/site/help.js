import { api, el, explain, labelled, page, t, taxonomies, termCodes } from './common.js';

const { serviceTypes } = await taxonomies('/api/resources/taxonomies');
const TYPES = termCodes(serviceTypes);
labelled(serviceTypes, 'type.');
const form = document.querySelector('[data-search]');
const status = document.querySelector('[data-status]');
const results = document.querySelector('[data-results]');
let last;

page({
  en: {
    title: 'Find help near you', zip: 'ZIP code', radius: 'Within', type: 'Kind of help', anyType: 'Any kind of help',
    zipHint: 'Your ZIP code is not stored or logged; it is sent only to find services near it.',
    language: 'Language spoken', anyLanguage: 'Any language', only: 'Only show', openNow: 'Open now', allDay: 'Open 24/7',
    free: 'Free of charge', virtual: 'By phone or online only', find: 'Find help', searching: 'Searching…',
    found: '{0} services found, nearest first.', nothingNear: 'Nothing matched near you. The national lines above answer anywhere, day and night.',
    unavailable: 'Local results are unavailable right now. The national lines above are always there.',
    away: '{0} mi away', callForLocation: 'Confidential location: call for the address', verified: 'Last checked {0}',
    free_: 'Free',
  },
  es: {
    title: 'Buscar ayuda cerca de ti', zip: 'Código postal (ZIP)', radius: 'A menos de', type: 'Tipo de ayuda',
    anyType: 'Cualquier tipo de ayuda', zipHint: 'Tu código postal no se guarda ni se registra; solo se usa para buscar servicios cercanos.',
    language: 'Idioma', anyLanguage: 'Cualquier idioma', only: 'Mostrar solo', openNow: 'Abierto ahora', allDay: 'Abierto 24/7',
    free: 'Gratuito', virtual: 'Solo por teléfono o en línea', find: 'Buscar ayuda', searching: 'Buscando…',
    found: '{0} servicios encontrados, del más cercano al más lejano.',
    nothingNear: 'No encontramos nada cerca. Las líneas nacionales de arriba atienden en todo el país, de día y de noche.',
    unavailable: 'Los resultados locales no están disponibles ahora. Las líneas nacionales de arriba siempre están.',
    away: 'a {0} mi', callForLocation: 'Ubicación confidencial: llama para pedir la dirección', verified: 'Revisado el {0}',
    free_: 'Gratis',
  },
}, () => {
  const select = document.querySelector('[data-types]');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '' }, t('anyType')), TYPES.map((term) => el('option', { value: term }, t(`type.${term}`))));
  select.value = chosen;
  if (last) render(last);
});

function render(answer) {
  last = answer;
  results.replaceChildren(...answer.results.map(({ distance_km: km, service }) => el('li', {},
    el('h2', {}, service.name),
    service.organization?.name && service.organization.name !== service.name ? el('p', { class: 'meta' }, service.organization.name) : [],
    km != null ? el('p', {}, t('away', (km * 0.621371).toFixed(1))) : [],
    el('p', {}, (service.taxonomy_terms || []).map((term) => t(`type.${term}`)).join(' · '), service.free_of_charge ? ` · ${t('free_')}` : ''),
    location(service.location),
    (service.phones || []).map((phone) => el('p', {}, el('a', { href: `tel:${phone.number.replace(/[^0-9+]/g, '')}` }, `${t('call')} ${phone.number}`),
      phone.description ? ` — ${phone.description}` : '')),
    service.twenty_four_seven ? el('p', {}, t('open247')) : [],
    service.description ? el('p', {}, service.description) : [],
    service.last_verified ? el('p', { class: 'meta' }, t('verified', service.last_verified)) : [])));
  status.textContent = answer.unavailable ? t('unavailable') : answer.nothing_near ? t('nothingNear') : t('found', answer.results.length);
}

function location(place) {
  if (!place) return [];
  if (place.call_for_location) return el('p', {}, t('callForLocation'), place.city ? ` (${place.city}, ${place.state_province ?? ''})` : '');
  return el('p', {}, [place.address_1, place.city, place.state_province, place.postal_code].filter(Boolean).join(', '));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  status.textContent = t('searching');
  const query = {
    // sent in the body, never in the URL, so the ZIP cannot end up in an access log
    zip: form.zip.value.trim(), radius_km: Number(form.radius.value),
    taxonomy_term: form.type.value || null, language: form.language.value || null,
    open_now: form.openNow.checked || null, twenty_four_seven: form.allDay.checked || null,
    free: form.free.checked || null, virtual: form.virtual.checked || null,
  };
  try {
    render(await api('/api/resources/search', { method: 'POST', body: query }));
  } catch (error) {
    results.replaceChildren();
    status.textContent = explain(error, { zip: t('zip'), radius_km: t('radius') });
  }
});
