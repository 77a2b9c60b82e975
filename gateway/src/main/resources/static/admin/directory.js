// The help directory for resource editors: every service in full (confidential addresses included), the form that
// creates or replaces one, and the status actions (close, temporarily close, reopen, mark verified). The service
// checks every rule; its field errors are shown next to the field they name.
import { el, staffApi, showProblem, taxonomies, termCodes } from './http.js';
import { input, textarea, select, checkbox, codes, blankToNull } from './form.js';
import { lang, register, t, term } from './i18n.js';

register({
  en: {
    dSearch: 'Search', dServiceType: 'Service type', dAllTypes: 'All types', dFind: 'Find services', dNew: 'New service',
    dExportJson: 'Download the whole directory (HSDS JSON, confidential addresses included)',
    dExportCsv: 'Download the whole directory as Chorus CSV (a ZIP of CSV files, the form the import below reads; confidential addresses included)',
    dExportHsds: 'Download the whole directory as HSDS 3.0 tabular data (a ZIP of the published CSV tables with datapackage.json, for other directories; confidential addresses included)',
    dServices: 'Services', dName: 'Name', dStatus: 'Status', dLastVerified: 'Last verified', dClosure: 'Temporary closure',
    dOrganization: 'Organization', dNever: 'never', dNoMatch: 'No service matches.',
    dPage: 'Page {0} of {1} ({2} services) ', dPrevious: 'Previous page', dNext: 'Next page', dSaved: 'Saved “{0}”.',
    dNowIs: '“{0}” is now: {1}.', dEdit: 'Edit: {0}', dUntil: 'until {0}',
    'dState.active': 'Open', 'dState.temporarily closed': 'Temporarily closed', 'dState.inactive': 'Closed',
    'dState.defunct': 'Defunct',
    dReason: 'Reason (shown to the public)', dReopenOn: 'Expected to reopen on (optional)',
    dStatusLine: 'Status: {0}. Last verified: {1}.', dClosedForNow: ' Closed for now: ', dVerify: 'Mark verified today',
    dReopen: 'Reopen', dCloseForGood: 'Close for good', dCloseTemporarily: 'Close temporarily',
    dCloseHint: 'The service stays listed with the reason, but is left out of searches by place.',
    dDescription: 'Description', dOrgName: 'Organization name', dWebsite: 'Organization website',
    dWebsiteHint: 'An https:// address.', dLanguages: 'Languages', dLanguagesHint: 'Language codes separated by commas, e.g. en, es.',
    dFree: 'Free of charge', dAllHours: 'Open 24 hours, 7 days a week', dLocations: 'Locations', dAddLocation: 'Add a location',
    dPhones: 'Phones', dAddPhone: 'Add a phone', dSchedules: 'Weekly hours', dAddHours: 'Add opening hours',
    dTypes: 'Service types (at least one)', dSaveChanges: 'Save changes', dCreate: 'Create service',
    dRemoveLocation: 'Remove this location', dRemovePhone: 'Remove this phone', dRemoveHours: 'Remove this opening period',
    dKind: 'Kind of place', 'dPlace.physical': 'Physical place', 'dPlace.confidential': 'Confidential place (e.g. a shelter)',
    'dPlace.virtual': 'Virtual (no place to go to)',
    dConfidential: 'Confidential: this address and its coordinates are never shown to the public. The public sees only '
      + 'the city, state and ZIP code, and is asked to call for the location.',
    dStreet: 'Street address', dCity: 'City', dState: 'State', dZip: 'ZIP code', dLatitude: 'Latitude',
    dLongitude: 'Longitude', dZone: 'Time zone', dZoneHint: 'An IANA time zone, e.g. America/Chicago; opening hours are read in it.',
    dAccessibility: 'Accessibility', dAccessibilityHint: 'Codes separated by commas, e.g. wheelchair-access.',
    dFilled: 'Coordinates filled from the centre of ZIP {0}.', dFill: 'Fill the coordinates from the ZIP code',
    dLocation: 'Location', dNumber: 'Number', dPhoneKind: 'Kind', 'dPhone.voice': 'Voice', 'dPhone.text': 'Text',
    'dPhone.tty': 'TTY', dPhoneFor: 'What the number is for (optional)', dPhone: 'Phone', dDay: 'Day',
    'dDay.MO': 'Monday', 'dDay.TU': 'Tuesday', 'dDay.WE': 'Wednesday', 'dDay.TH': 'Thursday', 'dDay.FR': 'Friday',
    'dDay.SA': 'Saturday', 'dDay.SU': 'Sunday', dOpens: 'Opens at', dCloses: 'Closes at',
    dClosesHint: 'A closing time at or before the opening time runs past midnight.', dPeriod: 'Opening period',
    dImport: 'Import a directory file', dImportFile: 'HSDS file (ZIP of CSV files, or JSON)',
    dImportHint: 'All or nothing: if a row is wrong, nothing is saved and the report below names the file, row and field to fix.',
    dImportButton: 'Import', dChooseFile: 'Choose a file first.', dImporting: 'Importing…',
    dImported: 'Imported: {0} created, {1} updated.', dNothingImported: 'Nothing was imported. {0}', dRows: 'Row by row',
    dFile: 'File', dRow: 'Row', dOutcome: 'Outcome', dFix: 'What to fix', dJson: 'JSON',
    'dOutcome.created': 'created', 'dOutcome.updated': 'updated', 'dOutcome.rejected': 'rejected',
    'dOutcome.not imported': 'not imported',
  },
  es: {
    dSearch: 'Buscar', dServiceType: 'Tipo de servicio', dAllTypes: 'Todos los tipos', dFind: 'Buscar servicios',
    dNew: 'Nuevo servicio',
    dExportJson: 'Descargar todo el directorio (JSON de HSDS, con las direcciones confidenciales)',
    dExportCsv: 'Descargar todo el directorio en CSV de Chorus (un ZIP de archivos CSV, la forma que lee la importación de abajo; con las direcciones confidenciales)',
    dExportHsds: 'Descargar todo el directorio como datos tabulares HSDS 3.0 (un ZIP con las tablas CSV publicadas y datapackage.json, para otros directorios; con las direcciones confidenciales)',
    dServices: 'Servicios', dName: 'Nombre', dStatus: 'Estado', dLastVerified: 'Última verificación',
    dClosure: 'Cierre temporal', dOrganization: 'Organización', dNever: 'nunca', dNoMatch: 'Ningún servicio coincide.',
    dPage: 'Página {0} de {1} ({2} servicios) ', dPrevious: 'Página anterior', dNext: 'Página siguiente',
    dSaved: 'Se guardó “{0}”.', dNowIs: '“{0}” ahora está: {1}.', dEdit: 'Editar: {0}', dUntil: 'hasta el {0}',
    'dState.active': 'Abierto', 'dState.temporarily closed': 'Cerrado temporalmente', 'dState.inactive': 'Cerrado',
    'dState.defunct': 'Desaparecido',
    dReason: 'Motivo (lo ve el público)', dReopenOn: 'Fecha prevista de reapertura (opcional)',
    dStatusLine: 'Estado: {0}. Última verificación: {1}.', dClosedForNow: ' Cerrado por ahora: ',
    dVerify: 'Marcar como verificado hoy', dReopen: 'Reabrir', dCloseForGood: 'Cerrar definitivamente',
    dCloseTemporarily: 'Cerrar temporalmente',
    dCloseHint: 'El servicio sigue en la lista con el motivo, pero no aparece en las búsquedas por lugar.',
    dDescription: 'Descripción', dOrgName: 'Nombre de la organización', dWebsite: 'Sitio web de la organización',
    dWebsiteHint: 'Una dirección https://.', dLanguages: 'Idiomas',
    dLanguagesHint: 'Códigos de idioma separados por comas, p. ej. en, es.', dFree: 'Gratuito',
    dAllHours: 'Abierto las 24 horas, los 7 días de la semana', dLocations: 'Ubicaciones', dAddLocation: 'Añadir una ubicación',
    dPhones: 'Teléfonos', dAddPhone: 'Añadir un teléfono', dSchedules: 'Horario semanal', dAddHours: 'Añadir un horario',
    dTypes: 'Tipos de servicio (al menos uno)', dSaveChanges: 'Guardar los cambios', dCreate: 'Crear el servicio',
    dRemoveLocation: 'Quitar esta ubicación', dRemovePhone: 'Quitar este teléfono', dRemoveHours: 'Quitar este horario',
    dKind: 'Tipo de lugar', 'dPlace.physical': 'Lugar físico', 'dPlace.confidential': 'Lugar confidencial (p. ej. un refugio)',
    'dPlace.virtual': 'Virtual (no hay un lugar al que ir)',
    dConfidential: 'Confidencial: esta dirección y sus coordenadas nunca se muestran al público. El público solo ve la '
      + 'ciudad, el estado y el código postal, y se le pide que llame para saber el lugar.',
    dStreet: 'Dirección', dCity: 'Ciudad', dState: 'Estado', dZip: 'Código postal', dLatitude: 'Latitud',
    dLongitude: 'Longitud', dZone: 'Zona horaria',
    dZoneHint: 'Una zona horaria de la IANA, p. ej. America/Chicago; el horario se lee en ella.',
    dAccessibility: 'Accesibilidad', dAccessibilityHint: 'Códigos separados por comas, p. ej. wheelchair-access.',
    dFilled: 'Coordenadas tomadas del centro del código postal {0}.', dFill: 'Tomar las coordenadas del código postal',
    dLocation: 'Ubicación', dNumber: 'Número', dPhoneKind: 'Tipo', 'dPhone.voice': 'Voz', 'dPhone.text': 'Mensajes de texto',
    'dPhone.tty': 'Teletipo (TTY)', dPhoneFor: 'Para qué es el número (opcional)', dPhone: 'Teléfono', dDay: 'Día',
    'dDay.MO': 'lunes', 'dDay.TU': 'martes', 'dDay.WE': 'miércoles', 'dDay.TH': 'jueves', 'dDay.FR': 'viernes',
    'dDay.SA': 'sábado', 'dDay.SU': 'domingo', dOpens: 'Abre a las', dCloses: 'Cierra a las',
    dClosesHint: 'Una hora de cierre igual o anterior a la de apertura pasa de la medianoche.', dPeriod: 'Horario',
    dImport: 'Importar un archivo de directorio', dImportFile: 'Archivo HSDS (ZIP de archivos CSV, o JSON)',
    dImportHint: 'Todo o nada: si una fila está mal, no se guarda nada y el informe de abajo indica el archivo, la fila y el campo que hay que corregir.',
    dImportButton: 'Importar', dChooseFile: 'Primero elige un archivo.', dImporting: 'Importando…',
    dImported: 'Importado: {0} creados, {1} actualizados.', dNothingImported: 'No se importó nada. {0}',
    dRows: 'Fila por fila', dFile: 'Archivo', dRow: 'Fila', dOutcome: 'Resultado', dFix: 'Qué corregir',
    dJson: 'JSON', 'dOutcome.created': 'creado', 'dOutcome.updated': 'actualizado', 'dOutcome.rejected': 'rechazado',
    'dOutcome.not imported': 'no importado',
  },
});

const { serviceTypes } = await taxonomies('/api/resources/taxonomies');
const TERMS = termCodes(serviceTypes);
const termLabel = new Map((serviceTypes ?? []).map((type) => [type.code, type.label?.[lang] ?? type.label?.en ?? type.code]));
const LOCATION_TYPES = ['physical', 'confidential', 'virtual'].map((code) => [code, t(`dPlace.${code}`)]);
const PHONE_TYPES = ['voice', 'text', 'tty'].map((code) => [code, t(`dPhone.${code}`)]);
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'].map((code) => [code, t(`dDay.${code}`)]);
const PER_PAGE = 20;

const statusText = (service) => term('dState', service.status);
// the reason is the editor's own words, so it is marked as not for translation
const closureText = (service) => [service.closure_reason && el('span', { translate: 'no' }, service.closure_reason),
  service.closed_until && t('dUntil', service.closed_until)].filter(Boolean).flatMap((part, i) => (i ? [', ', part] : [part]));

export function mountDirectory(container) {
  const [search, searchField] = input(t('dSearch'), { type: 'search', name: 'search', maxlength: 200 });
  const [typeFilter, typeField] = select(t('dServiceType'), [['', t('dAllTypes')], ...TERMS.map((code) => [code, termLabel.get(code)])], '');
  const filters = el('form', { class: 'filters', role: 'search', 'aria-label': t('dFind') }, searchField, typeField,
    el('button', { type: 'submit', class: 'secondary' }, t('dSearch')));
  const rows = el('tbody');
  const paging = el('p', { 'data-directory-paging': true });
  const notice = el('p', { role: 'status', 'data-directory-notice': true });
  const editor = el('section', { class: 'desk', 'data-directory-editor': true });
  let pageNumber = 1;

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    load(1);
  });
  container.replaceChildren(el('h2', {}, t('secDirectory')),
    el('p', {}, el('button', { type: 'button', class: 'primary', onclick: () => open(null) }, t('dNew'))),
    el('p', {}, el('a', { href: '/api/admin/resources/export', download: 'chorus-directory.json', 'data-export-json': true },
      t('dExportJson'))),
    el('p', {}, el('a', { href: '/api/admin/resources/export/csv', download: 'chorus-directory-csv.zip', 'data-export-csv': true },
      t('dExportCsv'))),
    el('p', {}, el('a', { href: '/api/admin/resources/hsds/export/csv', download: 'chorus-directory-hsds.zip',
      'data-export-hsds': true }, t('dExportHsds'))),
    importForm(() => load(1)),
    filters, notice,
    el('table', { 'data-directory-list': true },
      el('caption', {}, t('dServices')),
      el('thead', {}, el('tr', {}, ['dName', 'dStatus', 'dLastVerified', 'dClosure', 'dOrganization']
        .map((heading) => el('th', { scope: 'col' }, t(heading))))),
      rows),
    paging, editor);

  async function load(page = pageNumber) {
    const query = new URLSearchParams({ page, per_page: PER_PAGE });
    if (search.value.trim()) query.set('search', search.value.trim());
    if (typeFilter.value) query.set('taxonomy_term', typeFilter.value);
    try {
      const answer = await staffApi(`/api/admin/resources/services?${query}`);
      pageNumber = answer.page_number;
      rows.replaceChildren(...(answer.contents.length ? answer.contents.map((service) => el('tr', { 'data-service-id': service.id },
        el('td', {}, el('button', { type: 'button', class: 'link', translate: 'no', onclick: () => open(service.id) }, service.name)),
        el('td', { 'data-status': true }, statusText(service)),
        el('td', {}, service.last_verified ?? t('dNever')),
        el('td', {}, closureText(service)),
        el('td', { translate: 'no' }, service.organization?.name ?? '')))
        : [el('tr', {}, el('td', { colspan: 5 }, t('dNoMatch')))]));
      paging.replaceChildren(t('dPage', answer.page_number, answer.total_pages, answer.total_items),
        ...(answer.first_page ? [] : [el('button', { type: 'button', class: 'secondary', onclick: () => load(pageNumber - 1) }, t('dPrevious'))]),
        ...(answer.last_page ? [] : [el('button', { type: 'button', class: 'secondary', onclick: () => load(pageNumber + 1) }, t('dNext'))]));
    } catch (error) {
      notice.textContent = error.message;
    }
  }

  async function open(id) {
    notice.textContent = '';
    try {
      edit(id ? await staffApi(`/api/admin/resources/services/${id}`) : null);
    } catch (error) {
      notice.textContent = error.message;
    }
  }

  function edit(service) {
    const status = el('p', { role: 'status', 'data-editor-status': true });
    const form = serviceForm(service ?? {});
    form.element.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const saved = await staffApi(service ? `/api/admin/resources/services/${service.id}` : '/api/admin/resources/services',
          { method: service ? 'PUT' : 'POST', body: form.draft() });
        edit(saved);
        editor.querySelector('[data-editor-status]').textContent = t('dSaved', saved.name);
        load(service ? pageNumber : 1);
      } catch (error) {
        showProblem(form.element, status, error, { location: 'locations' });
      }
    });
    const act = (path, body) => async () => {
      try {
        const changed = await staffApi(`/api/admin/resources/services/${service.id}/${path}`, { method: 'POST', body });
        edit(changed);
        editor.querySelector('[data-editor-status]').textContent = t('dNowIs', changed.name, statusText(changed).toLowerCase());
        load();
      } catch (error) {
        showProblem(editor, editor.querySelector('[data-editor-status]'), error);
      }
    };
    editor.replaceChildren(
      el('h3', { id: 'directory-editor-heading', tabindex: -1 }, service ? t('dEdit', service.name) : t('dNew')),
      ...(service ? [statusActions(service, act)] : []),
      status, form.element);
    editor.querySelector('h3').focus();
  }

  load(1);
}

function statusActions(service, act) {
  const [reason, reasonField] = input(t('dReason'), { maxlength: 500, 'data-field': 'reason' });
  const [until, untilField] = input(t('dReopenOn'), { type: 'date', 'data-field': 'until' });
  reason.value = service.closure_reason ?? '';
  until.value = service.closed_until ?? '';
  return el('div', { class: 'status-actions' },
    el('p', { 'data-editor-state': true }, t('dStatusLine', statusText(service), service.last_verified ?? t('dNever')),
      closureText(service).length ? [t('dClosedForNow'), ...closureText(service), '.'] : ''),
    el('p', {},
      el('button', { type: 'button', class: 'secondary', onclick: act('verified') }, t('dVerify')), ' ',
      service.status !== 'active'
        ? el('button', { type: 'button', class: 'secondary', onclick: act('reopen') }, t('dReopen')) : [], ' ',
      service.status !== 'inactive'
        ? el('button', { type: 'button', class: 'secondary', onclick: act('close') }, t('dCloseForGood')) : []),
    service.status !== 'inactive' ? el('details', {},
      el('summary', {}, t('dCloseTemporarily')),
      el('p', { class: 'hint' }, t('dCloseHint')),
      reasonField, untilField,
      el('button', { type: 'button', class: 'secondary', onclick: () => act('temporarily-closed',
        { reason: blankToNull(reason.value), until: until.value || null })() }, t('dCloseTemporarily'))) : []);
}

/** The service as a form; draft() reads it back as the API's ServiceDraft (snake_case). */
function serviceForm(service) {
  const [name, nameField] = input(t('dName'), { required: true, maxlength: 200, value: service.name ?? '', 'data-field': 'name' });
  const [description, descriptionField] = textarea(t('dDescription'), service.description, { maxlength: 4000, 'data-field': 'description' });
  const organization = service.organization ?? {};
  const [orgName, orgNameField] = input(t('dOrgName'), { required: true, maxlength: 200, value: organization.name ?? '',
    'data-field': 'organization.name' });
  const [website, websiteField] = input(t('dWebsite'), { type: 'url', value: organization.website ?? '',
    'data-field': 'organization.website' }, t('dWebsiteHint'));
  const terms = TERMS.map((code) => checkbox(termLabel.get(code), (service.taxonomy_terms ?? []).includes(code), { value: code }));
  const [languages, languagesField] = input(t('dLanguages'), { value: (service.languages ?? ['en']).join(', '),
    'data-field': 'languages' }, t('dLanguagesHint'));
  const [free, freeField] = checkbox(t('dFree'), service.free_of_charge);
  const [allHours, allHoursField] = checkbox(t('dAllHours'), service.twenty_four_seven);
  const locations = repeatable(t('dLocations'), 'locations', t('dAddLocation'), locationItem,
    service.locations?.length ? service.locations : [{}]);
  const phones = repeatable(t('dPhones'), 'phones', t('dAddPhone'), phoneItem, service.phones ?? []);
  const schedules = repeatable(t('dSchedules'), 'schedules', t('dAddHours'), scheduleItem, service.schedules ?? []);

  const element = el('form', { 'data-service-form': true, novalidate: true },
    nameField, descriptionField,
    el('fieldset', {}, el('legend', {}, t('dOrganization')), orgNameField, websiteField),
    el('fieldset', { 'data-field': 'taxonomy_terms' }, el('legend', {}, t('dTypes')), terms.map(([, node]) => node)),
    languagesField, freeField, allHoursField,
    locations.element, phones.element, schedules.element,
    el('button', { type: 'submit', class: 'primary' }, service.id ? t('dSaveChanges') : t('dCreate')));
  return {
    element,
    draft: () => ({
      name: name.value.trim(),
      description: blankToNull(description.value),
      organization: { id: organization.id ?? null, name: orgName.value.trim(), description: organization.description ?? null,
        website: blankToNull(website.value) },
      taxonomy_terms: terms.map(([box]) => box).filter((box) => box.checked).map((box) => box.value),
      languages: codes(languages.value),
      free_of_charge: free.checked,
      twenty_four_seven: allHours.checked,
      locations: locations.read(),
      phones: phones.read(),
      schedules: schedules.read(),
    }),
  };
}

/** A list of groups staff add and remove; read() numbers each control's data-field as the API names it. */
function repeatable(legend, field, addLabel, item, values) {
  const entries = [];
  const list = el('div');
  const add = (value) => {
    const entry = item(value);
    entry.element.append(el('button', { type: 'button', class: 'secondary', onclick: () => {
      entries.splice(entries.indexOf(entry), 1);
      entry.element.remove();
    } }, entry.remove));
    entries.push(entry);
    list.append(entry.element);
  };
  values.forEach(add);
  return {
    element: el('fieldset', { 'data-field': field }, el('legend', {}, legend), list,
      el('button', { type: 'button', class: 'secondary', onclick: () => add({}) }, addLabel)),
    read: () => entries.map((entry, index) => {
      Object.entries(entry.controls).forEach(([key, control]) => { control.dataset.field = `${field}[${index}].${key}`; });
      return entry.read();
    }),
  };
}

const number = (text) => (text.trim() === '' ? null : Number.isFinite(Number(text)) ? Number(text) : text.trim());

function locationItem(location) {
  const [type, typeField] = select(t('dKind'), LOCATION_TYPES, location.location_type ?? 'physical');
  const confidential = el('p', { class: 'warning', 'data-confidential-note': true }, t('dConfidential'));
  const showNote = () => { confidential.hidden = type.value !== 'confidential'; };
  type.addEventListener('change', showNote);
  showNote();
  const [address, addressField] = input(t('dStreet'), { maxlength: 200, value: location.address_1 ?? '' });
  const [city, cityField] = input(t('dCity'), { maxlength: 100, value: location.city ?? '' });
  const [state, stateField] = input(t('dState'), { maxlength: 50, value: location.state_province ?? '' });
  const [zip, zipField] = input(t('dZip'), { inputmode: 'numeric', maxlength: 10, value: location.postal_code ?? '' });
  const [latitude, latitudeField] = input(t('dLatitude'), { inputmode: 'decimal', value: location.latitude ?? '' });
  const [longitude, longitudeField] = input(t('dLongitude'), { inputmode: 'decimal', value: location.longitude ?? '' });
  const [zone, zoneField] = input(t('dZone'), { value: location.time_zone ?? 'America/New_York' }, t('dZoneHint'));
  const [accessibility, accessibilityField] = input(t('dAccessibility'), { value: (location.accessibility ?? []).join(', ') },
    t('dAccessibilityHint'));
  // the ZIP's centre from resources-service (no geocoder is ever asked); the editor can still correct it
  const located = el('p', { role: 'status', class: 'hint', 'data-zip-status': true });
  const fillFromZip = async () => {
    try {
      const centre = await staffApi(`/api/admin/resources/zip-centroids/${encodeURIComponent(zip.value.trim())}`);
      latitude.value = centre.latitude;
      longitude.value = centre.longitude;
      located.textContent = t('dFilled', centre.zip);
    } catch (error) {
      located.textContent = error.message;
    }
  };
  const fillButton = el('button', { type: 'button', class: 'secondary', 'data-fill-from-zip': true, onclick: fillFromZip },
    t('dFill'));
  return {
    remove: t('dRemoveLocation'),
    element: el('fieldset', { class: 'group' }, el('legend', {}, t('dLocation')), typeField, confidential, addressField,
      cityField, stateField, zipField, fillButton, located, latitudeField, longitudeField, zoneField, accessibilityField),
    controls: { location_type: type, address_1: address, city, state_province: state, postal_code: zip, latitude,
      longitude, time_zone: zone, accessibility },
    read: () => ({ id: location.id ?? null, location_type: type.value, address_1: blankToNull(address.value),
      city: blankToNull(city.value), state_province: blankToNull(state.value), postal_code: blankToNull(zip.value),
      latitude: number(latitude.value), longitude: number(longitude.value), time_zone: zone.value.trim(),
      accessibility: codes(accessibility.value) }),
  };
}

function phoneItem(phone) {
  const [numberInput, numberField] = input(t('dNumber'), { type: 'tel', maxlength: 30, value: phone.number ?? '' });
  const [type, typeField] = select(t('dPhoneKind'), PHONE_TYPES, phone.type ?? 'voice');
  const [description, descriptionField] = input(t('dPhoneFor'), { maxlength: 200, value: phone.description ?? '' });
  return {
    remove: t('dRemovePhone'),
    element: el('fieldset', { class: 'group' }, el('legend', {}, t('dPhone')), numberField, typeField, descriptionField),
    controls: { number: numberInput, type, description },
    read: () => ({ number: numberInput.value.trim(), type: type.value, description: blankToNull(description.value),
      languages: phone.languages ?? [] }),
  };
}

function scheduleItem(hours) {
  const [weekday, weekdayField] = select(t('dDay'), WEEKDAYS, hours.weekday ?? 'MO');
  const [opens, opensField] = input(t('dOpens'), { type: 'time', value: hours.opens_at ?? '09:00' });
  const [closes, closesField] = input(t('dCloses'), { type: 'time', value: hours.closes_at ?? '17:00' }, t('dClosesHint'));
  return {
    remove: t('dRemoveHours'),
    element: el('fieldset', { class: 'group' }, el('legend', {}, t('dPeriod')), weekdayField, opensField, closesField),
    controls: { weekday, opens_at: opens, closes_at: closes },
    read: () => ({ weekday: weekday.value, opens_at: opens.value, closes_at: closes.value }),
  };
}

/**
 * Uploads a directory file, HSDS JSON or the HSDS tabular form (a ZIP of CSV files), and shows what became of each
 * row. An import is all or nothing: when one row is wrong, nothing is saved and the report says which rows to fix.
 */
function importForm(afterImport) {
  const file = el('input', { type: 'file', id: 'd-import', accept: '.zip,.json,application/zip,application/json',
    'aria-describedby': 'd-import-hint', 'data-import-file': true });
  const status = el('p', { role: 'status', 'data-import-status': true });
  const report = el('div', { 'data-import-report': true });
  const form = el('form', { class: 'import', 'aria-labelledby': 'd-import-heading' },
    el('h3', { id: 'd-import-heading' }, t('dImport')),
    el('label', { for: 'd-import' }, t('dImportFile')),
    el('p', { class: 'hint', id: 'd-import-hint' }, t('dImportHint')),
    file, el('button', { type: 'submit', class: 'secondary' }, t('dImportButton')), status, report);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files[0];
    report.replaceChildren();
    if (!chosen) {
      status.textContent = t('dChooseFile');
      return;
    }
    const json = chosen.name.toLowerCase().endsWith('.json');
    status.textContent = t('dImporting');
    try {
      const answer = await staffApi('/api/admin/resources/import', { method: 'POST', file: chosen,
        contentType: json ? 'application/json' : 'application/zip' });
      status.textContent = t('dImported', answer.created, answer.updated);
      report.replaceChildren(rowsTable(answer.rows ?? []));
      afterImport();
    } catch (error) {
      status.textContent = t('dNothingImported', error.problem?.detail ?? error.message);
      report.replaceChildren(rowsTable(error.problem?.rows ?? []));
    }
  });
  return form;
}

function rowsTable(rows) {
  if (!rows.length) return [];
  return el('table', { 'data-import-rows': true }, el('caption', {}, t('dRows')),
    el('thead', {}, el('tr', {}, ['dFile', 'dRow', 'dOutcome', 'dFix'].map((h) => el('th', { scope: 'col' }, t(h))))),
    el('tbody', {}, rows.map((row) => el('tr', {},
      el('td', { translate: row.file ? 'no' : null }, row.file ?? t('dJson')), el('td', {}, String(row.row)),
      el('td', {}, term('dOutcome', row.outcome)),
      el('td', {}, (row.errors ?? []).map((error) => error.field ? `${error.field}: ${error.message}` : error.message).join('; '))))));
}
