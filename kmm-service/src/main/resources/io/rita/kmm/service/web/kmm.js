// Kids Money Manager: the family's page. Plain JavaScript, no build step, no library.
// Every text from the service is put into the page with textContent, never as HTML.
// A module (loaded with type="module"), so it runs in strict mode once the page is parsed.

import { accountPath, request } from './api.js';
import { drawChart } from './chart.js';

const $ = (id) => document.getElementById(id);
const cards = new Map();          // account -> card element
const rollovers = new Map();      // account -> timer that refreshes it when its budget window ends
const PERIOD_WORDS = { minutely: 'this minute', daily: 'today', weekly: 'this week', monthly: 'this month' };
let selected;                     // the account shown in detail; null for none, undefined before the first choice
let events = null;                // the tab's one EventSource: every account's changes, the selected ledger
let entries = [];                 // the selected account's ledger lines, oldest first
let renderPending = false;

// ---- the accounts -------------------------------------------------------------------------

async function loadAccounts() {
  try {
    const answer = await request('GET', '/api/accounts');
    $('family-error').textContent = '';
    answer.accounts.forEach(show);
    $('no-accounts').hidden = cards.size > 0;
  } catch (e) {
    $('family-error').textContent = e.message;
  }
}

async function refresh(account) {
  try {
    show(await request('GET', accountPath(account)));
    return true;
  } catch (e) {
    $('family-error').textContent = e.message;
    return false;
  }
}

function show(summary) {
  const card = cardOf(summary.account);
  card.querySelector('.amount').textContent = summary.balance;
  showBudget(summary.budget, card.querySelector('meter'), card.querySelector('.budget-text'));
  if (summary.account === selected) {
    $('balance').textContent = summary.balance;
    showBudget(summary.budget, $('budget-meter'), $('budget-text'));
  }
  scheduleRollover(summary);
  $('no-accounts').hidden = true;
}

function cardOf(account) {
  let card = cards.get(account);
  if (!card) {
    card = $('card').content.firstElementChild.cloneNode(true);
    card.dataset.account = account;
    card.querySelector('.name').textContent = account;
    card.querySelector('a').href = '#' + encodeURIComponent(account);
    cards.set(account, card);
    const list = $('accounts');
    const after = Array.from(list.children).find((other) => other.dataset.account > account);
    list.insertBefore(card, after || null);
    card.classList.toggle('selected', account === selected);
  }
  return card;
}

function showBudget(budget, meter, text) {
  if (!budget) {
    meter.hidden = true;
    text.textContent = 'no budget';
    return;
  }
  const max = Number(budget.max);
  const used = Number(budget.used);
  meter.hidden = false;
  // a budget of 0 allows nothing: a full bar
  meter.max = max > 0 ? max : 1;
  meter.value = max > 0 ? Math.min(used, max) : 1;
  meter.low = meter.max * 0.6;
  meter.high = meter.max * 0.9;
  meter.optimum = 0;
  const resets = new Date(budget.periodEnd);
  const when = budget.period === 'minutely'
    ? 'at ' + resets.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' })
    : resets.toLocaleDateString([], { weekday: 'short', month: 'short', day: 'numeric' });
  text.textContent = budget.used + ' of ' + budget.max + ' used ' + PERIOD_WORDS[budget.period]
    + ' (starts again ' + when + ')';
}

// the bar starts again from 0 when the window ends, without any event: refresh then
function scheduleRollover(summary) {
  clearTimeout(rollovers.get(summary.account));
  rollovers.delete(summary.account);
  if (!summary.budget) {
    return;
  }
  const delay = Date.parse(summary.budget.periodEnd) - Date.now() + 500;
  if (delay > 0 && delay < 2147483647) {
    rollovers.set(summary.account, setTimeout(() => refresh(summary.account), delay));
  }
}

// ---- one account in detail ----------------------------------------------------------------

async function select(account) {
  if (account === selected) {
    return;
  }
  selected = account;
  cards.forEach((card, name) => card.classList.toggle('selected', name === account));
  entries = [];
  render();
  document.querySelectorAll('#account .error').forEach((p) => { p.textContent = ''; });
  $('account').hidden = true;
  if (account !== null) {
    $('account-name').textContent = account;
    $('balance').textContent = '';
    $('budget-text').textContent = '';
    $('ledger-state').textContent = 'loading…';
    // the service checks the name; a bad one (from a hand-made URL) is said above the accounts
    if (!(await refresh(account))) {
      if (selected === account) {
        selected = null;
        connect();   // stop following the previous ledger
      }
      return;
    }
    if (selected !== account) {
      return;   // another account was chosen meanwhile
    }
    $('family-error').textContent = '';
    $('account').hidden = false;
  }
  connect();
}

// One event stream per tab (a browser opens at most six connections to one host), and none
// while the tab is hidden; every (re)connection brings the selected ledger's history again.
function connect() {
  if (events) {
    events.close();
    events = null;
  }
  if (document.visibilityState === 'hidden') {
    return;
  }
  const ledger = typeof selected === 'string' ? selected : null;
  const source = new EventSource('/api/events' + (ledger === null ? '' : '?ledger=' + encodeURIComponent(ledger)));
  const live = $('live');
  events = source;
  source.addEventListener('open', () => {
    live.dataset.state = 'live';
    live.textContent = 'live';
    entries = [];
    scheduleRender();
    if (ledger !== null) {
      $('ledger-state').textContent = 'loading…';
    }
    loadAccounts();   // catch up on what happened while not connected
  });
  source.addEventListener('account', (event) => refresh(JSON.parse(event.data).account));
  source.addEventListener('entry', (event) => {
    entries.push(JSON.parse(event.data));
    scheduleRender();
  });
  source.addEventListener('ready', () => { $('ledger-state').textContent = ''; });
  source.addEventListener('error', () => {
    live.dataset.state = 'down';
    live.textContent = source.readyState === EventSource.CLOSED ? 'disconnected: reload the page' : 'reconnecting…';
  });
}

function scheduleRender() {
  if (!renderPending) {
    renderPending = true;
    requestAnimationFrame(() => { renderPending = false; render(); });
  }
}

function render() {
  const body = $('ledger').tBodies[0];
  const rows = entries.slice().reverse().map((entry) => {
    const row = document.createElement('tr');
    row.dataset.sequence = entry.sequence;
    const negative = entry.amount.startsWith('-');
    cell(row, new Date(entry.time).toLocaleString(), 'time');
    cell(row, negative ? entry.amount : '+' + entry.amount, 'number ' + (negative ? 'minus' : 'plus'));
    cell(row, entry.description, 'description');
    cell(row, entry.balance, 'number running');
    return row;
  });
  body.replaceChildren(...rows);
  drawChart($('chart'), entries);
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.className = className;
  td.textContent = text;
  row.appendChild(td);
}

// ---- forms --------------------------------------------------------------------------------

function bodyOf(form) {
  const body = {};
  new FormData(form).forEach((value, name) => {
    // a blank field is left out, so the service says which one is required
    if (String(value).trim() !== '') {
      body[name] = String(value).trim();
    }
  });
  return body;
}

document.querySelectorAll('form[data-operation]').forEach((form) => {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = form.querySelector('.error');
    const button = form.querySelector('button');
    const account = selected;
    error.textContent = '';
    button.disabled = true;
    try {
      await request('POST', accountPath(account) + '/' + form.dataset.operation, bodyOf(form));
      form.querySelectorAll('input').forEach((input) => { input.value = ''; });
      await refresh(account);
    } catch (e) {
      error.textContent = e.message;
    } finally {
      button.disabled = false;
    }
  });
});

$('open-account').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const error = form.querySelector('.error');
  const name = form.elements.account.value.trim();
  error.textContent = '';
  try {
    show(await request('GET', accountPath(name)));   // the service checks the name
    form.reset();
    location.hash = '#' + encodeURIComponent(name);
  } catch (e) {
    error.textContent = e.message;
  }
});

// ---- the selection in the URL, and following the store while the tab is visible ---------

function selectFromHash() {
  let account = null;
  try {
    account = location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : null;
  } catch (e) {
    account = null;
  }
  select(account);
}

window.addEventListener('hashchange', selectFromHash);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden' ? events !== null : events === null) {
    connect();
  }
});
window.addEventListener('pagehide', () => {
  if (events) {
    events.close();
    events = null;
  }
});
window.addEventListener('pageshow', (event) => {
  if (event.persisted) {
    connect();
  }
});
loadAccounts().then(() => {
  if (!location.hash && cards.size > 0) {
    location.hash = '#' + encodeURIComponent($('accounts').firstElementChild.dataset.account);
  } else {
    selectFromHash();
  }
});
