// The demo page's script (plain browser JS, no build): polls /demo/state, renders the channel, threads, ephemerals,
// App Home, modals and Block Kit, and sends slash commands and button clicks to the demo server, which signs them.

const $ = (id) => document.getElementById(id);
const ui = { view: 'channel', thread: undefined, version: -1, modalsBefore: undefined, hidden: new Set() };
let state;
/** The buttons of the last render, by index: `data-action` on each <button> points here. */
let actions = [];

// ---- mrkdwn: *bold* _italic_ ~strike~ `code` ```pre``` > quote, <url|label> <@U…> <#C…|name> <!date^…|fallback> ----
const escapeHtml = (s) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Slack text is already escaped (&amp; &lt; &gt;): keep those entities, escape anything else. */
const safe = (s) =>
  String(s)
    .replace(/&(?!(amp|lt|gt|quot|#\d+);)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
const EMOJI = { warning: '⚠️', white_check_mark: '✅', x: '❌', rotating_light: '🚨', eyes: '👀', zzz: '😴' };
const emoji = (s) => s.replace(/:([a-z0-9_+-]+):/g, (all, name) => EMOJI[name] ?? all);

/** `Today`, `Yesterday`, or the date in the given format. */
const pretty = (format) => (d) => {
  const day = (offset) => new Date(Date.now() - offset * 86_400_000).toDateString();
  return d.toDateString() === day(0)
    ? 'Today'
    : d.toDateString() === day(1)
      ? 'Yesterday'
      : d.toLocaleDateString(undefined, format);
};
const DATE = {
  date_num: (d) => d.toISOString().slice(0, 10),
  date: (d) => d.toLocaleDateString(undefined, { month: 'long', day: 'numeric', year: 'numeric' }),
  date_short: (d) => d.toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' }),
  date_long: (d) =>
    d.toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }),
  date_pretty: pretty({ month: 'long', day: 'numeric', year: 'numeric' }),
  date_short_pretty: pretty({ month: 'short', day: 'numeric' }),
  date_long_pretty: pretty({ weekday: 'long', month: 'long', day: 'numeric' }),
  time: (d) => d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
  time_secs: (d) => d.toLocaleTimeString(),
};

/** One `<…>` token of mrkdwn, as HTML. */
function token(inner) {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? '' : inner.slice(bar + 1);
  if (target.startsWith('@'))
    return `<span class="mention">@${escapeHtml(state.names[target.slice(1)] ?? (label || target.slice(1)))}</span>`;
  if (target.startsWith('#')) return `<span class="mention">#${safe(label || target.slice(1))}</span>`;
  if (target.startsWith('!date^')) {
    const [, seconds, format = '{date}'] = target.split('^');
    const d = new Date(Number(seconds) * 1000);
    if (Number.isNaN(d.getTime())) return safe(label);
    const shown = format.replace(/\{(\w+)\}/g, (all, key) => (DATE[key] ? DATE[key](d) : all));
    return `<time title="${escapeHtml(d.toString())}">${escapeHtml(shown)}</time>`;
  }
  if (target.startsWith('!subteam^')) return `<span class="mention">${safe(label || '@group')}</span>`;
  if (target.startsWith('!')) return `<span class="mention">@${safe(target.slice(1))}</span>`;
  if (/^(https?:|mailto:)/.test(target)) {
    const permalink = /\/archives\/[A-Z0-9]+\/p(\d+)(\d{6})$/.exec(target);
    const data = permalink ? ` data-permalink="${permalink[1]}.${permalink[2]}"` : ' target="_blank" rel="noopener"';
    return `<a href="${safe(target)}"${data}>${safe(label || target)}</a>`;
  }
  return safe(`<${inner}>`);
}

function mrkdwn(text) {
  const held = [];
  const hold = (html) => `\uE000${held.push(html) - 1}\uE001`;
  let s = String(text ?? '')
    .replace(/```([\s\S]*?)```/g, (_, code) => hold(`<pre>${safe(code.replace(/^\n/, '').replace(/\n$/, ''))}</pre>`))
    .replace(/`([^`\n]+)`/g, (_, code) => hold(`<code>${safe(code)}</code>`))
    .replace(/<([^<>\n]+)>/g, (_, inner) => hold(token(inner)));
  s = emoji(safe(s))
    .replace(/\*([^*\n]+)\*/g, '<b>$1</b>')
    .replace(/(^|[^\w])_([^_\n]+)_(?!\w)/g, '$1<i>$2</i>')
    .replace(/~([^~\n]+)~/g, '<s>$1</s>')
    .replace(/^&gt; ?(.*)$/gm, '<blockquote>$1</blockquote>')
    .replace(/\n/g, '<br>');
  return s.replace(/\uE000(\d+)\uE001/g, (_, i) => held[Number(i)]);
}

const textObject = (t) => (!t ? '' : t.type === 'mrkdwn' ? mrkdwn(t.text) : emoji(escapeHtml(t.text)));

// ---- Block Kit ----
function element(el, where) {
  if (el.type === 'button') {
    const style = el.style ? ` ${el.style}` : '';
    return `<button type="button" class="bk-button${style}" data-action="${actions.push({ button: el, where }) - 1}">${textObject(el.text)}</button>`;
  }
  if (el.type === 'image') return `<img src="${safe(el.image_url)}" alt="${escapeHtml(el.alt_text ?? '')}">`;
  if (el.type === 'mrkdwn' || el.type === 'plain_text') return `<span>${textObject(el)}</span>`;
  return `<span class="bk-unknown">[${escapeHtml(el.type)}]</span>`;
}

function block(b, where) {
  const id = b.block_id ? { ...where, blockId: b.block_id } : where;
  switch (b.type) {
    case 'header':
      return `<h3 class="bk-header">${textObject(b.text)}</h3>`;
    case 'section': {
      const fields = b.fields
        ? `<div class="bk-fields">${b.fields.map((f) => `<div>${textObject(f)}</div>`).join('')}</div>`
        : '';
      const accessory = b.accessory ? element(b.accessory, id) : '';
      return `<div class="bk-section"><div>${textObject(b.text)}${fields}</div>${accessory}</div>`;
    }
    case 'context':
      return `<div class="bk-context">${(b.elements ?? []).map((e) => element(e, id)).join('')}</div>`;
    case 'divider':
      return '<hr class="bk-divider">';
    case 'actions':
      return `<div class="bk-actions">${(b.elements ?? []).map((e) => element(e, id)).join('')}</div>`;
    case 'image': {
      const title = b.title ? `<figcaption>${textObject(b.title)}</figcaption>` : '';
      return `<figure class="bk-image">${title}<img src="${safe(b.image_url)}" alt="${escapeHtml(b.alt_text ?? '')}"></figure>`;
    }
    default:
      return `<div class="bk-unknown">[${escapeHtml(b.type)} block]</div>`;
  }
}

const blocks = (list, where) => (list ?? []).map((b) => block(b, where)).join('');

// ---- messages, threads, home ----
const clock = (ts) => new Date(Number(ts) * 1000).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
const visible = (m) => !(m.ephemeral && ui.hidden.has(m.ts));
const repliesTo = (ts) => state.messages.filter((m) => m.threadTs === ts && m.ts !== ts && visible(m));

const file = (f) =>
  `<div class="file"><div class="title">${escapeHtml(f.title)}</div>${f.image ? `<img src="${f.url}" alt="${escapeHtml(f.title)}">` : `<a href="${f.url}">Download</a>`}</div>`;

function message(m, inThread) {
  const isBot = m.user === state.bot.id;
  const name = state.names[m.user] ?? m.user;
  const where = { messageTs: m.ts, threadTs: m.threadTs, ephemeral: m.ephemeral };
  const body = m.blocks?.length ? blocks(m.blocks, where) : `<div class="text">${mrkdwn(m.text)}</div>`;
  const files = (m.files ?? []).map(file).join('');
  const replies = inThread ? [] : repliesTo(m.ts);
  const count = replies.length === 1 ? '1 reply' : `${replies.length} replies`;
  return `<div class="msg${m.ephemeral ? ' ephemeral' : ''}" data-ts="${m.ts}">
    <div class="avatar${isBot ? ' bot' : ''}">${isBot ? 'SR' : escapeHtml(name.slice(0, 1).toUpperCase())}</div>
    <div class="msg-main">
      <div class="msg-head"><b>${escapeHtml(name)}</b>${isBot ? '<span class="app">APP</span>' : ''}<span class="time">${clock(m.ts)}</span>${m.edited ? '<span class="edited">(edited)</span>' : ''}</div>
      ${m.ephemeral ? `<div class="only-you">👁 Only visible to you · <button type="button" class="link" data-dismiss="${m.ts}">Dismiss</button></div>` : ''}
      ${body}${files}
      ${replies.length ? `<button type="button" class="link replies" data-thread="${m.ts}">${count}</button>` : ''}
    </div></div>`;
}

/** Replaces a scroll area's content, staying at the bottom if it was there. */
function fill(el, html) {
  const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
  const top = el.scrollTop;
  el.innerHTML = html;
  el.scrollTop = atBottom ? el.scrollHeight : top;
}

function render() {
  actions = [];
  const channel = state.messages.filter((m) => !m.threadTs && visible(m)).map((m) => message(m, false));
  fill($('messages'), channel.join('') || '<div class="empty">No messages yet: the alarm fires in a moment.</div>');
  const home = state.home && blocks(state.home.blocks, { view: { id: state.home.id, type: 'home' } });
  fill($('home'), home || '<div class="empty">Opening the Home tab…</div>');
  const root = ui.thread && state.messages.find((m) => m.ts === ui.thread);
  $('thread').classList.toggle('open', Boolean(root));
  if (root) fill($('thread-messages'), [root, ...repliesTo(root.ts)].map((m) => message(m, true)).join(''));
  const modal = state.modals.slice(ui.modalsBefore).findLast((v) => !ui.hidden.has(v.id));
  $('modal').classList.toggle('open', Boolean(modal));
  if (modal) {
    $('modal').firstElementChild.innerHTML =
      `<h2>${textObject(modal.title)}</h2>${blocks(modal.blocks, { view: { id: modal.id, type: 'modal' } })}
      <div class="buttons"><button type="button" class="bk-button" data-close-modal="${modal.id}">${textObject(modal.close ?? { type: 'plain_text', text: 'Close' })}</button></div>`;
  }
}

function show(view) {
  ui.view = view;
  $('messages').hidden = view !== 'channel';
  $('home').hidden = view !== 'home';
  $('composer').hidden = view !== 'channel';
  $('nav-channel').classList.toggle('active', view === 'channel');
  $('nav-home').classList.toggle('active', view === 'home');
  $('title').textContent = view === 'home' ? 'sqs-redrive' : `# ${state?.channel.name ?? 'dlq-alerts'}`;
  $('topic').textContent = view === 'home' ? 'Home' : 'DLQ alarms and redrives';
  if (view === 'home') void post('/demo/home', {});
}

// ---- talking to the demo server ----
async function post(path, body) {
  const headers = { 'content-type': 'application/json' };
  const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok || answer.status !== 200) toast(`The bot answered HTTP ${answer.status ?? res.status}`);
  setTimeout(poll, 100);
  return answer;
}

let pollTimer;
async function poll() {
  clearTimeout(pollTimer);
  try {
    const next = await (await fetch('/demo/state', { cache: 'no-store' })).json();
    $('status').textContent = '● live';
    $('status').classList.remove('down');
    ui.modalsBefore ??= next.modals.length;
    if (next.version !== ui.version) {
      state = next;
      ui.version = next.version;
      render();
    }
  } catch {
    $('status').textContent = '● demo stopped?';
    $('status').classList.add('down');
  }
  pollTimer = setTimeout(poll, 500);
}

function toast(text) {
  const el = $('toast');
  el.textContent = text;
  el.style.display = 'block';
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (el.style.display = 'none'), 4000);
}

function click({ button, where }, el) {
  el?.classList.add('busy');
  const body = { actionId: button.action_id, value: button.value, ...where };
  void post('/demo/click', body).finally(() => el?.classList.remove('busy'));
}

function confirmThen(action, el) {
  const c = action.button.confirm;
  const dialog = $('confirm');
  const style = c.style === 'danger' ? 'danger' : 'primary';
  dialog.firstElementChild.innerHTML = `<h2>${textObject(c.title)}</h2><div>${textObject(c.text)}</div>
    <div class="buttons"><button type="button" class="bk-button" data-deny>${textObject(c.deny)}</button>
    <button type="button" class="bk-button ${style}" data-confirm>${textObject(c.confirm)}</button></div>`;
  dialog.classList.add('open');
  dialog.onclick = (event) => {
    const target = event.target.closest('button');
    if (target?.hasAttribute('data-confirm')) click(action, el);
    if (target || event.target === dialog) dialog.classList.remove('open');
  };
}

document.addEventListener('click', (event) => {
  const el = event.target.closest(
    '[data-action],[data-thread],[data-dismiss],[data-permalink],[data-view],[data-close-modal],#close-thread',
  );
  if (!el) return;
  event.preventDefault();
  if (el.dataset.action !== undefined) {
    const action = actions[Number(el.dataset.action)];
    if (action) action.button.confirm ? confirmThen(action, el) : click(action, el);
  } else if (el.dataset.thread || el.dataset.permalink) {
    const ts = el.dataset.thread ?? el.dataset.permalink;
    ui.thread = state.messages.find((m) => m.ts === ts)?.threadTs ?? ts;
    show('channel');
    render();
  } else if (el.dataset.dismiss) {
    ui.hidden.add(el.dataset.dismiss);
    render();
  } else if (el.dataset.closeModal) {
    ui.hidden.add(el.dataset.closeModal);
    render();
  } else if (el.dataset.view) show(el.dataset.view);
  else if (el.id === 'close-thread') {
    ui.thread = undefined;
    render();
  }
});

$('command-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('command');
  const text = input.value.trim();
  if (!text) return;
  const match = /^\/redrive(?:\s+([\s\S]*))?$/.exec(text);
  if (!match) {
    toast('This demo channel takes slash commands for the bot: try /redrive help');
    return;
  }
  input.value = '';
  void post('/demo/command', { text: match[1] ?? '' });
});

for (const chip of document.querySelectorAll('.chip')) {
  chip.onclick = () => {
    $('command').value = chip.textContent;
    $('command').focus();
  };
}

void poll();
