// Coordinators' dashboard: a small ES module, no framework, no build step.
// Every value from the API is written with textContent (never innerHTML), so names and replies cannot inject markup.

// The page is served at "/" by the local host and at "/api/dashboard/" by the Functions app: the API sits next to it.
const here = new URL(import.meta.url);
export const apiBase = /\/dashboard\/[^/]*$/.test(here.pathname) ? new URL('../', here) : new URL('api/', here);

const POLL_MS = 5000;
const PAGE = 50;
const MAX_PAGE = 200;
export const STAGES = [
  'Received', 'MdReleaseRequested', 'NeedsMdInput', 'IntakePending', 'SchedulingPending', 'ConsentPending',
  'SessionScheduled', 'SessionCompleted', 'FollowUp', 'CareTeamFeedback', 'Completed', 'Declined', 'Expired',
  'Cancelled', 'Withdrawn',
];
const CLOSED = new Set(['Completed', 'Declined', 'Expired', 'Cancelled', 'Withdrawn']);
const STAGE_LABELS = {
  Received: 'Received', MdReleaseRequested: 'MD release requested', NeedsMdInput: 'Needs MD input',
  IntakePending: 'Intake pending', SchedulingPending: 'Scheduling pending', ConsentPending: 'Consent pending',
  SessionScheduled: 'Session scheduled', SessionCompleted: 'Session completed', FollowUp: 'Follow-up',
  CareTeamFeedback: 'Care-team feedback', Completed: 'Completed', Declined: 'Declined', Expired: 'Expired',
  Cancelled: 'Cancelled', Withdrawn: 'Withdrawn',
};
const FLAG_LABELS = {
  RedFlagImmediate: 'Red flag: immediate', RedFlagSameDay: 'Red flag: same day', NeedsMdInput: 'Needs MD input',
  DeliveryFailed: 'Delivery failed',
};
const ACTION_LABELS = { Cancel: 'Cancel referral', ResendRelease: 'Resend release request', BookSlot: 'Book a slot', RecordSession: 'Record session',
  Reschedule: 'Reschedule session' };
const SYMPTOMS = ['Pain', 'Anxiety', 'Nausea', 'Fatigue'];

const $ = (id) => document.getElementById(id);

/** Creates an element; string children become text nodes, so data is never parsed as HTML. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const svgNs = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

export const stageLabel = (stage) => STAGE_LABELS[stage] ?? String(stage);

/** "3 d 4 h", "2 h 5 min", "45 min", "20 s". */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(Number(seconds))) return '';
  let s = Math.max(0, Math.round(Number(seconds)));
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso ?? '') : dateTime.format(date);
}

// ---- API ------------------------------------------------------------------------------------------------------

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, { method = 'GET', body } = {}) {
  const response = await fetch(new URL(path, apiBase), {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

const query = (params) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '' && value !== false) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

// ---- State ----------------------------------------------------------------------------------------------------

const state = {
  me: null,
  dev: false,            // the local host's dev routes answer (sign-in, outbox, simulated phone)
  view: 'pipeline',
  venue: '',
  stage: '',
  stuck: false,
  sinceDays: '',         // '' or a number of days: only referrals that entered their stage that recently (newest first)
  pipeline: null,        // last page of /api/pipeline
  items: new Map(),      // referralId -> item (all pages loaded so far)
  token: null,
  selected: null,        // referral id shown in the detail panel
  lastStages: new Map(), // referralId -> stage, to announce moves
  returnFocus: null,
  timer: null,
  busy: false,
  pending: false,
  inbox: null,           // last answer of /api/inbox (the deployment's texts from numbers with no open referral)
};

function announce(message) {
  const region = $('announce');
  region.textContent = '';
  // A fresh text node after a tick makes screen readers announce repeated messages too.
  setTimeout(() => { region.textContent = message; }, 50);
}

/** Plain words for a failed call: the problem's title and detail, and each field's messages for a validation problem. */
export function describeError(error) {
  if (!(error instanceof ApiError) || !error.problem?.title) return String(error?.message ?? error);
  const fields = Object.values(error.problem.errors ?? {}).flat().filter(Boolean);
  return [error.problem.title, fields.length ? fields.join(' ') : error.problem.detail].filter(Boolean).join(' ');
}

function showError(error) {
  const alert = $('alert');
  alert.textContent = describeError(error);
  alert.hidden = false;
}

function clearError() {
  $('alert').hidden = true;
  $('alert').textContent = '';
}

// ---- Sign-in --------------------------------------------------------------------------------------------------

async function detectDev() {
  try {
    const coordinators = await api('dev/coordinators');
    state.dev = true;
    return Array.isArray(coordinators) ? coordinators : [];
  } catch {
    state.dev = false;
    return null;
  }
}

function venueNames(coordinator) {
  return (coordinator.venues ?? coordinator.venueIds ?? []).map((v) => (typeof v === 'string' ? v : v.name ?? v.id)).join(', ');
}

async function showSignIn() {
  $('app').hidden = true;
  $('who').hidden = true;
  $('sign-in').hidden = false;
  const coordinators = await detectDev();
  if (coordinators) {
    const list = $('coordinators');
    list.replaceChildren(...coordinators.map((c) => el('li', {},
      el('button', { type: 'button', dataset: { coordinatorId: c.id }, onclick: () => signIn(c.id) }, `Sign in as ${c.name ?? c.id}`),
      venueNames(c) ? el('span', { class: 'muted' }, ` ${venueNames(c)}`) : null)));
    $('sign-in-dev').hidden = false;
    $('sign-in-aad').hidden = true;
  } else {
    $('aad-link').href = `/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(location.pathname)}`;
    $('sign-in-aad').hidden = false;
    $('sign-in-dev').hidden = true;
  }
}

async function signIn(coordinatorId) {
  try {
    clearError();
    await api('dev/sign-in', { method: 'POST', body: { coordinatorId } });
    await start();
  } catch (error) {
    showError(error);
  }
}

async function signOut() {
  stopPolling();
  if (state.dev) {
    try { await api('dev/sign-out', { method: 'POST', body: {} }); } catch (error) { showError(error); }
    closeDetail();
    state.me = null;
    await start();
  } else {
    location.href = `/.auth/logout?post_logout_redirect_uri=${encodeURIComponent(location.pathname)}`;
  }
}

// ---- Start ----------------------------------------------------------------------------------------------------

async function start() {
  $('loading').hidden = false;
  try {
    state.me = await api('me');
  } catch (error) {
    $('loading').hidden = true;
    if (error instanceof ApiError && error.status === 401) {
      await showSignIn();
      return;
    }
    showError(error);
    return;
  }
  $('loading').hidden = true;
  $('sign-in').hidden = true;
  $('who').hidden = false;
  $('who-name').textContent = state.me.name ?? state.me.id;
  if (state.me.kind !== 'coordinator') {
    $('not-coordinator').hidden = false;
    return;
  }
  if (!state.dev) await detectDev();
  const venues = state.me.venues ?? [];
  $('filter-venue').replaceChildren(...venues.map((v) => el('option', { value: v.id }, v.name ?? v.id)));
  state.venue = venues.some((v) => v.id === state.venue) ? state.venue : venues[0]?.id ?? '';
  $('filter-venue').value = state.venue;
  $('app').hidden = false;
  await refresh({ reset: true });
  startPolling();
}

function currentVenue() {
  return (state.me?.venues ?? []).find((v) => v.id === state.venue);
}

// ---- Pipeline -------------------------------------------------------------------------------------------------

async function loadPipeline({ reset }) {
  // A refresh re-reads as many referrals as are shown (up to the API's 200), so "Load more" pages do not vanish on a poll.
  const pageSize = reset ? Math.min(MAX_PAGE, Math.max(PAGE, state.items.size)) : PAGE;
  const since = state.sinceDays ? new Date(Date.now() - Number(state.sinceDays) * 86_400_000).toISOString() : '';
  const params = { venue: state.venue, stage: state.stage, stuck: state.stuck ? 'true' : '', since, pageSize };
  if (reset) {
    const page = await api(`pipeline${query(params)}`);
    state.pipeline = page;
    state.items = new Map((page.items ?? []).map((i) => [i.referralId, i]));
    state.token = page.continuationToken ?? null;
  } else {
    const page = await api(`pipeline${query({ ...params, continuationToken: state.token })}`);
    state.pipeline = { ...page, items: [...state.items.values(), ...(page.items ?? [])] };
    for (const item of page.items ?? []) state.items.set(item.referralId, item);
    state.token = page.continuationToken ?? null;
  }
  announceMoves();
  renderBoard();
}

function announceMoves() {
  const moved = [];
  for (const item of state.items.values()) {
    const before = state.lastStages.get(item.referralId);
    if (before && before !== item.stage) moved.push(`${item.initials} moved to ${stageLabel(item.stage)}`);
    state.lastStages.set(item.referralId, item.stage);
  }
  if (moved.length) announce(moved.join('. '));
}

function stagesToShow(counts) {
  if (state.stage) return [state.stage];
  return STAGES.filter((s) => !CLOSED.has(s) || (counts[s] ?? 0) > 0 || [...state.items.values()].some((i) => i.stage === s));
}

function renderCard(item) {
  const flags = (item.flags ?? []).map((f) => el('span', { class: f.startsWith('RedFlag') ? 'badge urgent' : 'badge' }, FLAG_LABELS[f] ?? f));
  const stuck = item.stuck
    ? el('span', { class: 'badge stuck' }, item.overdueSeconds ? `Stuck: ${formatDuration(item.overdueSeconds)} overdue` : 'Stuck')
    : null;
  return el('li', {},
    el('button', {
      type: 'button', class: 'card', dataset: { referralId: item.referralId },
      'aria-current': state.selected === item.referralId ? 'true' : null,
      onclick: (event) => openDetail(item.referralId, event.currentTarget),
    },
    el('span', { class: 'top' },
      el('span', { class: 'initials' }, item.initials ?? '?'),
      el('span', { class: 'age' }, `${formatDuration(item.ageInStageSeconds)} in stage`)),
    el('span', { class: 'next' }, item.nextStep ?? ''),
    stuck || flags.length ? el('span', { class: 'badges' }, stuck, flags) : null));
}

function renderBoard() {
  const page = state.pipeline ?? { counts: {}, stuckCounts: {} };
  const counts = page.counts ?? {};
  const stuckCounts = page.stuckCounts ?? {};
  const venue = currentVenue();
  $('pipeline-venue').textContent = venue ? `· ${venue.name ?? venue.id}` : '';
  const total = Object.values(counts).reduce((a, b) => a + Number(b || 0), 0);
  const stuckTotal = Object.values(stuckCounts).reduce((a, b) => a + Number(b || 0), 0);
  $('pipeline-summary').textContent = `${total} referral${total === 1 ? '' : 's'}, ${stuckTotal} stuck.`
    + (state.stuck ? ' Showing stuck referrals only.' : '')
    + (state.sinceDays ? ` Showing referrals that entered their stage in the last ${state.sinceDays === '1' ? '24 hours' : `${state.sinceDays} days`}, newest first.` : '');

  const focusedId = document.activeElement?.dataset?.referralId;
  const columns = stagesToShow(counts).map((stage) => {
    const items = [...state.items.values()].filter((i) => i.stage === stage);
    const headingId = `col-${stage}`;
    const stuckCount = Number(stuckCounts[stage] ?? 0);
    return el('section', { class: 'column', dataset: { stage }, 'aria-labelledby': headingId },
      el('h3', { id: headingId },
        el('span', {}, stageLabel(stage)),
        el('span', {},
          el('span', { class: 'count', dataset: { count: stage } }, String(counts[stage] ?? 0),
            el('span', { class: 'visually-hidden' }, ' referrals')),
          stuckCount > 0 ? ' ' : null,
          stuckCount > 0 ? el('span', { class: 'count stuck' }, `${stuckCount}`, el('span', { class: 'visually-hidden' }, ' stuck')) : null)),
      items.length
        ? el('ul', { class: 'cards' }, items.map(renderCard))
        : el('p', { class: 'empty' }, 'None'));
  });
  $('board').replaceChildren(...columns);
  if (focusedId) document.querySelector(`.card[data-referral-id="${CSS.escape(focusedId)}"]`)?.focus();
  $('load-more').hidden = !state.token;
  $('updated').textContent = `Updated ${new Date().toLocaleTimeString()}`;
}

// ---- Detail panel ---------------------------------------------------------------------------------------------

async function openDetail(referralId, opener) {
  state.selected = referralId;
  state.returnFocus = opener ?? null;
  for (const card of document.querySelectorAll('.card')) card.setAttribute('aria-current', String(card.dataset.referralId === referralId));
  $('detail').hidden = false;
  $('detail-title').textContent = `Referral ${state.items.get(referralId)?.initials ?? ''}`.trim();
  $('timeline').replaceChildren(el('li', {}, 'Loading…'));
  $('audit-panel').open = false; // read on demand: reading the log is itself audited
  $('audit').replaceChildren();
  $('detail-title').focus();
  await refreshDetail();
}

/** The referral's audit entries, newest first: who (kind and id), what, when, and for signed-link pages the address and browser. */
async function loadAudit() {
  const id = state.selected;
  if (!id || !$('audit-panel').open) return;
  $('audit').replaceChildren(el('li', {}, 'Loading…'));
  try {
    const entries = await api(`referrals/${encodeURIComponent(id)}/audit`);
    if (state.selected !== id) return;
    $('audit').replaceChildren(...(entries.length ? entries.map((e) => el('li', { dataset: { action: e.action, callerKind: e.callerKind } },
      el('time', { datetime: e.at }, formatTime(e.at)),
      el('strong', {}, e.action), ' ', el('span', { class: 'muted' }, `${e.callerKind} ${e.callerId}`),
      e.clientAddress || e.userAgent ? el('div', { class: 'muted' }, [e.clientAddress, e.userAgent].filter(Boolean).join(' · ')) : null))
      : [el('li', {}, 'No entries yet.')]));
  } catch (error) {
    $('audit').replaceChildren(el('li', {}, describeError(error)));
  }
}

function closeDetail() {
  if ($('detail').hidden) return;
  $('detail').hidden = true;
  state.selected = null;
  for (const card of document.querySelectorAll('.card[aria-current="true"]')) card.setAttribute('aria-current', 'false');
  const target = state.returnFocus?.isConnected ? state.returnFocus
    : document.querySelector(`.card[data-referral-id="${CSS.escape(state.returnFocus?.dataset?.referralId ?? '')}"]`);
  target?.focus();
  state.returnFocus = null;
}

async function refreshDetail() {
  const id = state.selected;
  if (!id) return;
  const [referral, timeline] = await Promise.all([
    api(`referrals/${encodeURIComponent(id)}`),
    api(`referrals/${encodeURIComponent(id)}/timeline`),
  ]);
  if (state.selected !== id) return;
  renderFacts(referral);
  renderActions(referral);
  await loadFlags(id);
  const entries = Array.isArray(timeline) ? timeline : timeline?.entries ?? [];
  $('timeline').replaceChildren(...(entries.length ? entries.map((e) => el('li', { dataset: { kind: e.kind, stage: e.stage } },
    el('time', { datetime: e.at }, formatTime(e.at)),
    el('strong', {}, stageLabel(e.stage)), ' ', el('span', { class: 'muted' }, `(${e.kind})`),
    e.detail ? el('div', {}, e.detail) : null)) : [el('li', {}, 'No entries yet.')]));
  if (state.dev) await refreshPhone(id);
}

function renderFacts(referral) {
  const item = state.items.get(referral.id);
  $('detail-title').textContent = `Referral ${referral.clientInitials ?? item?.initials ?? ''}`.trim();
  const facts = [
    ['Stage', stageLabel(referral.stage)],
    ['Next step', referral.nextExpectedStep ?? item?.nextStep],
    ['In stage for', item ? formatDuration(item.ageInStageSeconds) : null],
    ['Overdue by', item?.stuck && item.overdueSeconds ? formatDuration(item.overdueSeconds) : null],
    ['Flags', item?.flags?.length ? item.flags.map((f) => FLAG_LABELS[f] ?? f).join(', ') : null],
    ['Service', referral.service],
    ['Received', referral.createdAt ? formatTime(referral.createdAt) : null],
    ['Closed because', referral.closedReason],
    ['Reference', referral.id],
  ].filter(([, value]) => value !== null && value !== undefined && value !== '');
  $('detail-facts').replaceChildren(...facts.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
  $('detail-facts').dataset.stage = referral.stage;
}

function renderActions(referral) {
  const item = state.items.get(referral.id);
  // The API says which actions fit (CoordinatorActions.For); the page offers exactly those.
  const actions = item && item.stage === referral.stage ? item.actions ?? [] : [];
  const handlers = { Cancel: cancelReferral, ResendRelease: resendRelease, BookSlot: bookSlot, RecordSession: recordSession,
    Reschedule: rescheduleSession };
  $('detail-actions').replaceChildren(...actions.filter((a) => handlers[a]).map((action) =>
    el('button', { type: 'button', class: action === 'Cancel' ? 'danger' : '', dataset: { action }, onclick: () => handlers[action](referral.id) },
      ACTION_LABELS[action] ?? action)));
}

// ---- Red flags (docs/clinical.md, "Escalation") ------------------------------------------------------------------

const LEVEL_LABELS = { Immediate: 'Immediate', SameDay: 'Same day' };

/** The venue's open flags, oldest first, each opening its referral. */
async function loadOpenFlags() {
  const view = await api(`flags${query({ venue: state.venue })}`);
  $('open-flags').hidden = false;
  $('open-flags-count').textContent = String(view.count);
  $('open-flags-list').replaceChildren(...(view.flags.length ? view.flags.map((f) => el('li', { dataset: { flagId: f.flagId, level: f.level } },
    el('span', { class: 'badge urgent' }, LEVEL_LABELS[f.level] ?? f.level), ' ',
    el('button', { type: 'button', class: 'link', onclick: (e) => openDetail(f.referralId, e.currentTarget) },
      `Referral ${state.items.get(f.referralId)?.initials ?? f.referralId}`),
    ' ', el('span', { class: 'muted' }, `open since ${formatTime(f.openedAt)}`)))
    : [el('li', { class: 'muted' }, 'No open red flags.')]));
}

/** The referral's flags; an open one has a note field and an Acknowledge button. */
async function loadFlags(id) {
  const flags = await api(`referrals/${encodeURIComponent(id)}/flags`);
  if (state.selected !== id) return;
  $('detail-flags').hidden = flags.length === 0;
  $('flags').replaceChildren(...flags.map((f) => {
    const head = [el('strong', {}, `${LEVEL_LABELS[f.level] ?? f.level} red flag`), ' ', el('time', { datetime: f.openedAt }, formatTime(f.openedAt))];
    if (!f.open) {
      return el('li', { dataset: { flagId: f.flagId, open: 'false' } }, head,
        el('div', { class: 'muted' }, `Acknowledged by ${f.acknowledgedBy} at ${formatTime(f.acknowledgedAt)}`), f.note ? el('div', {}, f.note) : null);
    }
    const noteId = `flag-note-${f.flagId.replaceAll('.', '-')}`;
    const error = el('p', { class: 'dialog-error', role: 'alert', hidden: true });
    const form = el('form', { class: 'acknowledge', dataset: { flagId: f.flagId } },
      el('label', { for: noteId }, 'What was done (who called, what was agreed)'),
      el('textarea', { id: noteId, name: 'note', rows: 2, maxlength: 1000, required: true }),
      error,
      el('button', { type: 'submit' }, 'Acknowledge'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const note = form.elements.note.value;
      const invalid = await act('Red flag acknowledged.', () => api(`referrals/${encodeURIComponent(id)}/flags/${encodeURIComponent(f.flagId)}/acknowledge`,
        { method: 'POST', body: { note } }));
      if (invalid) {
        error.textContent = describeError(invalid);
        error.hidden = false;
      }
    });
    return el('li', { dataset: { flagId: f.flagId, open: 'true' } }, head, ' ', el('span', { class: 'badge urgent' }, 'Open'), form);
  }));
}

/** Opens a modal dialog and resolves with its return value ("confirm" when confirmed; "" on Escape). */
function ask(dialog) {
  return new Promise((resolve) => {
    dialog.returnValue = '';
    dialog.addEventListener('close', () => resolve(dialog.returnValue), { once: true });
    dialog.showModal();
  });
}

async function act(description, call) {
  try {
    clearError();
    await call();
    announce(description);
    await refresh({ reset: true });
    // The action buttons were redrawn for the new stage: keep keyboard focus in the panel.
    if (!$('detail').hidden) $('detail-title').focus();
    return null;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 400 || error.status === 422)) return error;
    showError(error);
    return null;
  }
}

/**
 * Asks with a form dialog until the input is accepted or the coordinator backs out: an invalid answer (400/422) opens
 * the dialog again with what was typed and the API's message inside it.
 */
async function askAndSend(dialog, description, send) {
  const message = dialog.querySelector('.dialog-error');
  message.hidden = true;
  message.textContent = '';
  for (;;) {
    if (await ask(dialog) !== 'confirm') return;
    const invalid = await act(description, send);
    if (!invalid) return;
    message.textContent = describeError(invalid);
    message.hidden = false;
  }
}

async function cancelReferral(id) {
  $('cancel-form').reset();
  await askAndSend($('cancel-dialog'), 'Referral cancelled.',
    () => api(`referrals/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: { reason: $('cancel-reason').value.trim() } }));
}

async function resendRelease(id) {
  if (await ask($('resend-dialog')) !== 'confirm') return;
  await act('Release request sent again.', () => api(`referrals/${encodeURIComponent(id)}/release/resend`, { method: 'POST', body: {} }));
}

/** Lists the offered slots as radio buttons in `container`; false when they could not be read. */
async function listSlots(id, container, prefix) {
  let slots;
  try {
    slots = await api(`referrals/${encodeURIComponent(id)}/slots`);
  } catch (error) {
    showError(error);
    return false;
  }
  container.replaceChildren(...(slots?.length ? slots.map((s, i) => el('div', { class: 'slot' },
    el('input', { type: 'radio', name: 'slotId', id: `${prefix}-${i}`, value: s.slotId, required: true }),
    el('label', { for: `${prefix}-${i}` }, `${formatTime(s.startsAt)} – ${formatTime(s.endsAt)}`, el('span', { class: 'muted' }, ` · ${s.therapistId}`))))
    : [el('p', {}, 'No slots are offered right now.')]));
  return true;
}

async function bookSlot(id) {
  if (!await listSlots(id, $('slots'), 'slot')) return;
  if (await ask($('book-dialog')) !== 'confirm') return;
  const slotId = $('book-form').querySelector('input[name="slotId"]:checked')?.value;
  if (!slotId) return;
  await act('Slot booked.', () => api(`referrals/${encodeURIComponent(id)}/booking`, { method: 'POST', body: { slotId } }));
}

/** Moves the booked session to another offered slot; the client is sent the new time and an updated calendar invite. */
async function rescheduleSession(id) {
  $('reschedule-form').reset();
  if (!await listSlots(id, $('reschedule-slots'), 'reslot')) return;
  await askAndSend($('reschedule-dialog'), 'Session moved; the client is being sent the new time.', () => {
    const slotId = $('reschedule-form').querySelector('input[name="slotId"]:checked')?.value ?? '';
    const reason = $('reschedule-reason').value.trim();
    return api(`referrals/${encodeURIComponent(id)}/reschedule`, { method: 'POST', body: reason ? { slotId, reason } : { slotId } });
  });
}

function ratingInput(id, name) {
  return el('input', { type: 'number', id, name, min: 0, max: 10, step: 1, required: true, inputmode: 'numeric' });
}

async function recordSession(id) {
  const form = $('session-form');
  form.reset();
  $('session-ratings').replaceChildren(...SYMPTOMS.map((s) => {
    const key = s.toLowerCase();
    return el('tr', {},
      el('th', { scope: 'row' }, s),
      el('td', {}, el('label', { class: 'visually-hidden', for: `pre-${key}` }, `${s} before`), ratingInput(`pre-${key}`, `pre.${key}`)),
      el('td', {}, el('label', { class: 'visually-hidden', for: `post-${key}` }, `${s} after`), ratingInput(`post-${key}`, `post.${key}`)));
  }));
  const ratings = (prefix) => Object.fromEntries(SYMPTOMS.map((s) => [s.toLowerCase(), Number($(`${prefix}-${s.toLowerCase()}`).value)]));
  const body = () => ({
    pressureUsed: Number($('session-pressure').value),
    sitesAvoided: $('session-sites').value.split(',').map((x) => x.trim()).filter(Boolean),
    position: $('session-position').value,
    pre: ratings('pre'),
    post: ratings('post'),
    reactions: $('session-reactions').value.trim() || null,
    notes: $('session-notes').value.trim() || null,
  });
  await askAndSend($('session-dialog'), 'Session recorded.',
    () => api(`referrals/${encodeURIComponent(id)}/sessions`, { method: 'POST', body: body() }));
}

// ---- Simulated phone (local host only) ------------------------------------------------------------------------

async function refreshPhone(id) {
  let messages;
  try {
    messages = await api(`dev/outbox${query({ referralId: id })}`);
  } catch {
    $('phone').hidden = true;
    return;
  }
  if (state.selected !== id) return;
  $('phone').hidden = false;
  $('phone-messages').replaceChildren(...(messages?.length ? messages.map((m) => el('li', { dataset: { channel: m.channel } },
    el('span', { class: 'meta' }, `${m.channel} to ${m.to}${m.status ? ` · ${m.status}` : ''}`),
    el('time', { datetime: m.createdAt }, formatTime(m.createdAt)),
    m.subject ? el('strong', {}, m.subject) : null,
    m.subject ? '\n' : null,
    m.body ?? '')) : [el('li', {}, 'No messages yet.')]));
}

async function sendReply(event) {
  event.preventDefault();
  const id = state.selected;
  const text = $('phone-text').value.trim();
  if (!id || !text) return;
  try {
    clearError();
    // The local host posts the reply to the app's own signed SMS webhook and passes on its status and SMS answer.
    const result = await api(`dev/phone/${encodeURIComponent(id)}/reply`, { method: 'POST', body: { text } });
    if (typeof result?.status === 'number' && result.status >= 400) {
      showError(`The SMS webhook refused the reply (HTTP ${result.status}).`);
      return;
    }
    $('phone-text').value = '';
    $('phone-answer').textContent = result?.reply ? `Answer by SMS: ${result.reply}` : '';
    $('phone-answer').hidden = !result?.reply;
    announce('Reply sent.');
    await refresh({ reset: true });
  } catch (error) {
    showError(error);
  }
}

// ---- Outcomes -------------------------------------------------------------------------------------------------

async function loadOutcomes() {
  const outcomes = await api(`outcomes${query({ venue: state.venue })}`);
  const venue = currentVenue();
  $('outcomes-venue').textContent = venue ? `· ${venue.name ?? venue.id}` : '';
  const rate = typeof outcomes.followUpReplyRate === 'number' ? `${Math.round(outcomes.followUpReplyRate * 100)} %` : '—';
  const totals = [
    ['Completed referrals', outcomes.completedReferrals ?? 0],
    ['Sessions', outcomes.sessions ?? 0],
    ['Follow-ups sent', outcomes.followUpsSent ?? 0],
    ['Follow-up reply rate', rate],
  ];
  $('outcome-totals').replaceChildren(...totals.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, String(value))]));
  const changes = outcomes.changes ?? [];
  $('chart').replaceChildren(renderChart(changes));
  $('outcome-table').tBodies[0].replaceChildren(...changes.map((c) => el('tr', {},
    el('th', { scope: 'row' }, c.symptom), el('td', {}, String(c.n)), el('td', {}, fixed(c.meanPre)),
    el('td', {}, fixed(c.meanPost)), el('td', {}, fixed(c.meanChange)))));
}

const fixed = (value) => (typeof value === 'number' ? value.toFixed(1) : '—');

/** A horizontal bar pair per symptom: mean before (top) and after (bottom) on a 0–10 scale, with n. */
export function renderChart(changes) {
  const rowHeight = 56;
  const left = 150;
  const width = 640;
  const scale = (width - left - 60) / 10;
  const height = Math.max(1, changes.length) * rowHeight + 40;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': 'chart-title chart-desc' });
  chart.append(svg('title', { id: 'chart-title' }, 'Mean symptom rating before and after sessions'));
  chart.append(svg('desc', { id: 'chart-desc' }, changes.length
    ? changes.map((c) => `${c.symptom}: ${fixed(c.meanPre)} before, ${fixed(c.meanPost)} after, n = ${c.n}`).join('; ')
    : 'No sessions rated yet.'));
  if (!changes.length) {
    chart.append(svg('text', { x: 16, y: 30 }, 'No sessions rated yet.'));
    return chart;
  }
  changes.forEach((c, i) => {
    const y = 10 + i * rowHeight;
    chart.append(svg('text', { x: 8, y: y + 18 }, c.symptom));
    chart.append(svg('text', { x: 8, y: y + 36, 'font-size': 12 }, `n = ${c.n}`));
    const pre = Math.max(0, Math.min(10, Number(c.meanPre) || 0));
    const post = Math.max(0, Math.min(10, Number(c.meanPost) || 0));
    chart.append(svg('rect', { x: left, y: y + 4, width: Math.max(1, pre * scale), height: 18, class: 'bar pre', 'data-series': 'pre' }));
    chart.append(svg('text', { x: left + pre * scale + 6, y: y + 18 }, `before ${fixed(c.meanPre)}`));
    chart.append(svg('rect', { x: left, y: y + 24, width: Math.max(1, post * scale), height: 18, class: 'bar post', 'data-series': 'post' }));
    chart.append(svg('text', { x: left + post * scale + 6, y: y + 38 }, `after ${fixed(c.meanPost)}`));
  });
  const axisY = 10 + changes.length * rowHeight;
  chart.append(svg('line', { x1: left, y1: axisY, x2: left + 10 * scale, y2: axisY, class: 'axis' }));
  for (const tick of [0, 5, 10]) chart.append(svg('text', { x: left + tick * scale - 4, y: axisY + 16, 'font-size': 12 }, String(tick)));
  return chart;
}

// ---- Inbox: texts from numbers with no open referral, for every coordinator of the deployment ---------------------

const INBOX_LEVEL_LABELS = { Immediate: 'Red flag: immediate', SameDay: 'Red flag: same day', None: 'No red flag' };

async function loadInbox() {
  state.inbox = await api('inbox');
  const open = state.inbox?.openCount ?? 0;
  $('inbox-count').textContent = String(open);
  $('inbox-count').hidden = open === 0;
  $('inbox-count-words').textContent = open ? ' not handled' : '';
  if (state.view === 'inbox') renderInbox();
}

function renderInbox() {
  const entries = state.inbox?.entries ?? [];
  const open = state.inbox?.openCount ?? 0;
  $('inbox-summary').textContent = entries.length === 0 ? 'No texts in the inbox.'
    : open === 0 ? 'Every text is handled.' : `${open} not handled. Newest first.`;
  $('inbox-list').replaceChildren(...entries.map(renderInboxEntry));
}

function renderInboxEntry(entry) {
  const level = entry.level ?? 'None';
  const received = formatTime(entry.receivedAt);
  return el('li', { class: entry.handled ? 'inbox-entry handled' : 'inbox-entry', dataset: { entryId: entry.id, level } },
    el('p', { class: 'inbox-head' },
      el('time', { datetime: entry.receivedAt }, received),
      el('span', { class: 'from' }, `From ${entry.fromPhone}`),
      el('span', { class: level === 'None' ? 'badge plain' : 'badge urgent' }, INBOX_LEVEL_LABELS[level] ?? level)),
    el('p', { class: 'inbox-text' }, entry.text),
    entry.handled
      ? el('p', { class: 'muted handled-by' },
        `Handled by ${entry.handled.byName || entry.handled.byId}, ${formatTime(entry.handled.at)}`, entry.handled.note ? `: ${entry.handled.note}` : '')
      : el('button', { type: 'button', class: 'secondary', dataset: { action: 'MarkHandled' }, onclick: () => markHandled(entry) },
        'Mark handled', el('span', { class: 'visually-hidden' }, ` (text from ${entry.fromPhone}, ${received})`)));
}

async function markHandled(entry) {
  $('handled-form').reset();
  await askAndSend($('handled-dialog'), 'Text marked handled.',
    () => api(`inbox/${encodeURIComponent(entry.id)}/handled`, { method: 'POST', body: { note: $('handled-note').value.trim() || null } }));
}

// ---- Refresh and polling --------------------------------------------------------------------------------------

async function refresh({ reset = true } = {}) {
  if (!state.me) return;
  if (state.busy) {
    // A filter change or an action while a poll is in flight: run once more when it ends, so nothing is lost.
    state.pending = true;
    return;
  }
  state.busy = true;
  try {
    if (state.view === 'pipeline') await Promise.all([loadPipeline({ reset }), loadOpenFlags()]);
    else if (state.view === 'outcomes') await loadOutcomes();
    await loadInbox();
    if (state.selected) await refreshDetail();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      stopPolling();
      state.me = null;
      closeDetail();
      await showSignIn();
    } else {
      showError(error);
    }
  } finally {
    state.busy = false;
    if (state.pending) {
      state.pending = false;
      refresh({ reset: true });
    }
  }
}

function startPolling() {
  stopPolling();
  state.timer = setInterval(() => {
    if (document.visibilityState === 'visible' && !document.querySelector('dialog[open]')) refresh({ reset: true });
  }, POLL_MS);
}

function stopPolling() {
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
}

function setView(view) {
  state.view = view;
  $('view-pipeline').setAttribute('aria-pressed', String(view === 'pipeline'));
  $('view-outcomes').setAttribute('aria-pressed', String(view === 'outcomes'));
  $('view-inbox').setAttribute('aria-pressed', String(view === 'inbox'));
  $('pipeline').hidden = view !== 'pipeline';
  $('outcomes').hidden = view !== 'outcomes';
  $('inbox').hidden = view !== 'inbox';
  for (const field of document.querySelectorAll('[data-pipeline-only]')) field.hidden = view !== 'pipeline';
  refresh({ reset: true });
}

/** A new filter starts again from one page. */
function refilter() {
  state.items = new Map();
  refresh({ reset: true });
}

function wire() {
  $('filter-stage').append(...STAGES.map((s) => el('option', { value: s }, stageLabel(s))));
  $('filter-venue').addEventListener('change', (e) => { state.venue = e.target.value; closeDetail(); refilter(); });
  $('filter-stage').addEventListener('change', (e) => { state.stage = e.target.value; refilter(); });
  $('filter-stuck').addEventListener('change', (e) => { state.stuck = e.target.checked; refilter(); });
  $('filter-since').addEventListener('change', (e) => { state.sinceDays = e.target.value; refilter(); });
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('load-more').addEventListener('click', () => refresh({ reset: false }));
  $('view-pipeline').addEventListener('click', () => setView('pipeline'));
  $('view-outcomes').addEventListener('click', () => setView('outcomes'));
  $('view-inbox').addEventListener('click', () => setView('inbox'));
  $('detail-close').addEventListener('click', closeDetail);
  $('audit-panel').addEventListener('toggle', loadAudit);
  $('sign-out').addEventListener('click', signOut);
  $('phone-reply').addEventListener('submit', sendReply);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !document.querySelector('dialog[open]') && !$('detail').hidden) closeDetail();
  });
  window.addEventListener('focus', () => refresh({ reset: true }));
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') refresh({ reset: true }); });
}

wire();
start();
