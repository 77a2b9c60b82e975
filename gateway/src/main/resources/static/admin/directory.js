// The help directory for resource editors: every service in full (confidential addresses included), the form that
// creates or replaces one, and the status actions (close, temporarily close, reopen, mark verified). The service
// checks every rule; its field errors are shown next to the field they name.
import { el, staffApi, showProblem, taxonomies, termCodes } from './http.js';
import { input, textarea, select, checkbox, codes, blankToNull } from './form.js';

const { serviceTypes } = await taxonomies('/api/resources/taxonomies');
const TERMS = termCodes(serviceTypes);
const termLabel = new Map((serviceTypes ?? []).map((term) => [term.code, term.label?.en ?? term.code]));
const STATUSES = { active: 'Open', 'temporarily closed': 'Temporarily closed', inactive: 'Closed', defunct: 'Defunct' };
const LOCATION_TYPES = [['physical', 'Physical place'], ['confidential', 'Confidential place (e.g. a shelter)'],
  ['virtual', 'Virtual (no place to go to)']];
const PHONE_TYPES = [['voice', 'Voice'], ['text', 'Text'], ['tty', 'TTY']];
const WEEKDAYS = [['MO', 'Monday'], ['TU', 'Tuesday'], ['WE', 'Wednesday'], ['TH', 'Thursday'], ['FR', 'Friday'],
  ['SA', 'Saturday'], ['SU', 'Sunday']];
const PER_PAGE = 20;

const statusText = (service) => STATUSES[service.status] ?? service.status;
const closureText = (service) => [service.closure_reason, service.closed_until && `until ${service.closed_until}`]
  .filter(Boolean).join(', ');

export function mountDirectory(container) {
  const [search, searchField] = input('Search', { type: 'search', name: 'search', maxlength: 200 });
  const [term, termField] = select('Service type', [['', 'All types'], ...TERMS.map((code) => [code, termLabel.get(code)])], '');
  const filters = el('form', { class: 'filters', role: 'search', 'aria-label': 'Find services' }, searchField, termField,
    el('button', { type: 'submit', class: 'secondary' }, 'Search'));
  const rows = el('tbody');
  const paging = el('p', { 'data-directory-paging': true });
  const notice = el('p', { role: 'status', 'data-directory-notice': true });
  const editor = el('section', { class: 'desk', 'data-directory-editor': true });
  let pageNumber = 1;

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    load(1);
  });
  container.replaceChildren(el('h2', {}, 'Help directory'),
    el('p', {}, el('button', { type: 'button', class: 'primary', onclick: () => open(null) }, 'New service')),
    el('p', {}, el('a', { href: '/api/admin/resources/export', download: 'chorus-directory.json', 'data-export-json': true },
      'Download the whole directory (HSDS JSON, confidential addresses included)')),
    el('p', {}, el('a', { href: '/api/admin/resources/export/csv', download: 'chorus-directory-hsds.zip', 'data-export-csv': true },
      'Download the whole directory as CSV (HSDS tabular form, a ZIP of CSV files, confidential addresses included)')),
    importForm(() => load(1)),
    filters, notice,
    el('table', { 'data-directory-list': true },
      el('caption', {}, 'Services'),
      el('thead', {}, el('tr', {}, ['Name', 'Status', 'Last verified', 'Temporary closure', 'Organization']
        .map((heading) => el('th', { scope: 'col' }, heading)))),
      rows),
    paging, editor);

  async function load(page = pageNumber) {
    const query = new URLSearchParams({ page, per_page: PER_PAGE });
    if (search.value.trim()) query.set('search', search.value.trim());
    if (term.value) query.set('taxonomy_term', term.value);
    try {
      const answer = await staffApi(`/api/admin/resources/services?${query}`);
      pageNumber = answer.page_number;
      rows.replaceChildren(...(answer.contents.length ? answer.contents.map((service) => el('tr', { 'data-service-id': service.id },
        el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => open(service.id) }, service.name)),
        el('td', { 'data-status': true }, statusText(service)),
        el('td', {}, service.last_verified ?? 'never'),
        el('td', {}, closureText(service)),
        el('td', {}, service.organization?.name ?? '')))
        : [el('tr', {}, el('td', { colspan: 5 }, 'No service matches.'))]));
      paging.replaceChildren(`Page ${answer.page_number} of ${answer.total_pages} (${answer.total_items} services) `,
        ...(answer.first_page ? [] : [el('button', { type: 'button', class: 'secondary', onclick: () => load(pageNumber - 1) }, 'Previous page')]),
        ...(answer.last_page ? [] : [el('button', { type: 'button', class: 'secondary', onclick: () => load(pageNumber + 1) }, 'Next page')]));
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
        editor.querySelector('[data-editor-status]').textContent = `Saved “${saved.name}”.`;
        load(service ? pageNumber : 1);
      } catch (error) {
        showProblem(form.element, status, error, { location: 'locations' });
      }
    });
    const act = (path, body) => async () => {
      try {
        const changed = await staffApi(`/api/admin/resources/services/${service.id}/${path}`, { method: 'POST', body });
        edit(changed);
        editor.querySelector('[data-editor-status]').textContent = `“${changed.name}” is now: ${statusText(changed).toLowerCase()}.`;
        load();
      } catch (error) {
        showProblem(editor, editor.querySelector('[data-editor-status]'), error);
      }
    };
    editor.replaceChildren(
      el('h3', { id: 'directory-editor-heading', tabindex: -1 }, service ? `Edit: ${service.name}` : 'New service'),
      ...(service ? [statusActions(service, act)] : []),
      status, form.element);
    editor.querySelector('h3').focus();
  }

  load(1);
}

function statusActions(service, act) {
  const [reason, reasonField] = input('Reason (shown to the public)', { maxlength: 500, 'data-field': 'reason' });
  const [until, untilField] = input('Expected to reopen on (optional)', { type: 'date', 'data-field': 'until' });
  reason.value = service.closure_reason ?? '';
  until.value = service.closed_until ?? '';
  return el('div', { class: 'status-actions' },
    el('p', { 'data-editor-state': true }, `Status: ${statusText(service)}. Last verified: ${service.last_verified ?? 'never'}.`,
      closureText(service) ? ` Closed for now: ${closureText(service)}.` : ''),
    el('p', {},
      el('button', { type: 'button', class: 'secondary', onclick: act('verified') }, 'Mark verified today'), ' ',
      service.status !== 'active'
        ? el('button', { type: 'button', class: 'secondary', onclick: act('reopen') }, 'Reopen') : [], ' ',
      service.status !== 'inactive'
        ? el('button', { type: 'button', class: 'secondary', onclick: act('close') }, 'Close for good') : []),
    service.status !== 'inactive' ? el('details', {},
      el('summary', {}, 'Close temporarily'),
      el('p', { class: 'hint' }, 'The service stays listed with the reason, but is left out of searches by place.'),
      reasonField, untilField,
      el('button', { type: 'button', class: 'secondary', onclick: () => act('temporarily-closed',
        { reason: blankToNull(reason.value), until: until.value || null })() }, 'Close temporarily')) : []);
}

/** The service as a form; draft() reads it back as the API's ServiceDraft (snake_case). */
function serviceForm(service) {
  const [name, nameField] = input('Name', { required: true, maxlength: 200, value: service.name ?? '', 'data-field': 'name' });
  const [description, descriptionField] = textarea('Description', service.description, { maxlength: 4000, 'data-field': 'description' });
  const organization = service.organization ?? {};
  const [orgName, orgNameField] = input('Organization name', { required: true, maxlength: 200, value: organization.name ?? '',
    'data-field': 'organization.name' });
  const [website, websiteField] = input('Organization website', { type: 'url', value: organization.website ?? '',
    'data-field': 'organization.website' }, 'An https:// address.');
  const terms = TERMS.map((code) => checkbox(code, (service.taxonomy_terms ?? []).includes(code), { value: code }));
  const [languages, languagesField] = input('Languages', { value: (service.languages ?? ['en']).join(', '),
    'data-field': 'languages' }, 'Language codes separated by commas, e.g. en, es.');
  const [free, freeField] = checkbox('Free of charge', service.free_of_charge);
  const [allHours, allHoursField] = checkbox('Open 24 hours, 7 days a week', service.twenty_four_seven);
  const locations = repeatable('Locations', 'locations', 'Add a location', locationItem,
    service.locations?.length ? service.locations : [{}]);
  const phones = repeatable('Phones', 'phones', 'Add a phone', phoneItem, service.phones ?? []);
  const schedules = repeatable('Weekly hours', 'schedules', 'Add opening hours', scheduleItem, service.schedules ?? []);

  const element = el('form', { 'data-service-form': true, novalidate: true },
    nameField, descriptionField,
    el('fieldset', {}, el('legend', {}, 'Organization'), orgNameField, websiteField),
    el('fieldset', { 'data-field': 'taxonomy_terms' }, el('legend', {}, 'Service types (at least one)'), terms.map(([, node]) => node)),
    languagesField, freeField, allHoursField,
    locations.element, phones.element, schedules.element,
    el('button', { type: 'submit', class: 'primary' }, service.id ? 'Save changes' : 'Create service'));
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
    } }, `Remove this ${entry.noun}`));
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
  const [type, typeField] = select('Kind of place', LOCATION_TYPES, location.location_type ?? 'physical');
  const confidential = el('p', { class: 'warning', 'data-confidential-note': true },
    'Confidential: this address and its coordinates are never shown to the public. The public sees only the city, '
    + 'state and ZIP code, and is asked to call for the location.');
  const showNote = () => { confidential.hidden = type.value !== 'confidential'; };
  type.addEventListener('change', showNote);
  showNote();
  const [address, addressField] = input('Street address', { maxlength: 200, value: location.address_1 ?? '' });
  const [city, cityField] = input('City', { maxlength: 100, value: location.city ?? '' });
  const [state, stateField] = input('State', { maxlength: 50, value: location.state_province ?? '' });
  const [zip, zipField] = input('ZIP code', { inputmode: 'numeric', maxlength: 10, value: location.postal_code ?? '' });
  const [latitude, latitudeField] = input('Latitude', { inputmode: 'decimal', value: location.latitude ?? '' });
  const [longitude, longitudeField] = input('Longitude', { inputmode: 'decimal', value: location.longitude ?? '' });
  const [zone, zoneField] = input('Time zone', { value: location.time_zone ?? 'America/New_York' },
    'An IANA time zone, e.g. America/Chicago; opening hours are read in it.');
  const [accessibility, accessibilityField] = input('Accessibility', { value: (location.accessibility ?? []).join(', ') },
    'Codes separated by commas, e.g. wheelchair-access.');
  // the ZIP's centre from resources-service (no geocoder is ever asked); the editor can still correct it
  const located = el('p', { role: 'status', class: 'hint', 'data-zip-status': true });
  const fillFromZip = async () => {
    try {
      const centre = await staffApi(`/api/admin/resources/zip-centroids/${encodeURIComponent(zip.value.trim())}`);
      latitude.value = centre.latitude;
      longitude.value = centre.longitude;
      located.textContent = `Coordinates filled from the centre of ZIP ${centre.zip}.`;
    } catch (error) {
      located.textContent = error.message;
    }
  };
  const fillButton = el('button', { type: 'button', class: 'secondary', 'data-fill-from-zip': true, onclick: fillFromZip },
    'Fill the coordinates from the ZIP code');
  return {
    noun: 'location',
    element: el('fieldset', { class: 'group' }, el('legend', {}, 'Location'), typeField, confidential, addressField,
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
  const [numberInput, numberField] = input('Number', { type: 'tel', maxlength: 30, value: phone.number ?? '' });
  const [type, typeField] = select('Kind', PHONE_TYPES, phone.type ?? 'voice');
  const [description, descriptionField] = input('What the number is for (optional)', { maxlength: 200,
    value: phone.description ?? '' });
  return {
    noun: 'phone',
    element: el('fieldset', { class: 'group' }, el('legend', {}, 'Phone'), numberField, typeField, descriptionField),
    controls: { number: numberInput, type, description },
    read: () => ({ number: numberInput.value.trim(), type: type.value, description: blankToNull(description.value),
      languages: phone.languages ?? [] }),
  };
}

function scheduleItem(hours) {
  const [weekday, weekdayField] = select('Day', WEEKDAYS, hours.weekday ?? 'MO');
  const [opens, opensField] = input('Opens at', { type: 'time', value: hours.opens_at ?? '09:00' });
  const [closes, closesField] = input('Closes at', { type: 'time', value: hours.closes_at ?? '17:00' },
    'A closing time at or before the opening time runs past midnight.');
  return {
    noun: 'opening period',
    element: el('fieldset', { class: 'group' }, el('legend', {}, 'Opening period'), weekdayField, opensField, closesField),
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
    el('h3', { id: 'd-import-heading' }, 'Import a directory file'),
    el('label', { for: 'd-import' }, 'HSDS file (ZIP of CSV files, or JSON)'),
    el('p', { class: 'hint', id: 'd-import-hint' },
      'All or nothing: if a row is wrong, nothing is saved and the report below names the file, row and field to fix.'),
    file, el('button', { type: 'submit', class: 'secondary' }, 'Import'), status, report);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files[0];
    report.replaceChildren();
    if (!chosen) {
      status.textContent = 'Choose a file first.';
      return;
    }
    const json = chosen.name.toLowerCase().endsWith('.json');
    status.textContent = 'Importing…';
    try {
      const answer = await staffApi('/api/admin/resources/import', { method: 'POST', file: chosen,
        contentType: json ? 'application/json' : 'application/zip' });
      status.textContent = `Imported: ${answer.created} created, ${answer.updated} updated.`;
      report.replaceChildren(rowsTable(answer.rows ?? []));
      afterImport();
    } catch (error) {
      status.textContent = `Nothing was imported. ${error.problem?.detail ?? error.message}`;
      report.replaceChildren(rowsTable(error.problem?.rows ?? []));
    }
  });
  return form;
}

function rowsTable(rows) {
  if (!rows.length) return [];
  return el('table', { 'data-import-rows': true }, el('caption', {}, 'Row by row'),
    el('thead', {}, el('tr', {}, ['File', 'Row', 'Outcome', 'What to fix'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map((row) => el('tr', {},
      el('td', {}, row.file ?? 'JSON'), el('td', {}, String(row.row)), el('td', {}, row.outcome ?? ''),
      el('td', {}, (row.errors ?? []).map((error) => error.field ? `${error.field}: ${error.message}` : error.message).join('; '))))));
}
