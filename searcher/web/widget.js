/* <deal-search>: an embeddable search box for the dealsearch API.
 *   <script src="http://HOST:PORT/widget.js" defer></script> <deal-search></deal-search>
 * Attributes: api (default: where this script came from), placeholder, facets (default
 * "status,ministry,partner,theme,year"; any facet /api/facets lists may be named, e.g.
 * partner_type), size (1..100, default 10), lang (nl|en), heading-level (of each result's
 * title, 1..6, default 2: one below the host page's <h1>).
 * It lives in an open shadow root. The API's snippets are the only HTML it inserts, and only when
 * they are text with bare <mark>s; every other string is set as text.
 * Test hooks: input#q[part=input], [part=suggestions][data-query=Q] li[role=option], [part=count],
 * ol[part=results] li.hit h2 a.title, input[type=checkbox][name=FACET][value=V] (label span.count).
 */
(function () {
  'use strict';
  if (!window.customElements || customElements.get('deal-search')) return;

  // Readable only while this script runs (a deferred one too), not later in callbacks.
  const SCRIPT = (document.currentScript && document.currentScript.src) || '';
  const DEFAULT_FACETS = 'status,ministry,partner,theme,year';
  const RESULT_WINDOW = 10000; // the deepest hit the API serves (openapi.json: page)
  const FIRST = 8; // values a facet shows before "show more"
  const WIDE = 640; // widget width (px) from which the facets sit beside the results

  const T = {
    nl: {
      label: 'Zoek in City Deals', placeholder: 'Bijv. energie', button: 'Zoeken',
      hint: 'Typ een zoekterm of kies een filter.', suggestions: 'Suggesties', results: 'Zoekresultaten',
      filters: 'Filters', clear: 'Alle filters wissen',
      count: (n) => (n ? n + (n === 1 ? ' City Deal' : ' City Deals') : 'Geen City Deals') + ' gevonden',
      didYouMean: ['Bedoelde u ', '?'], corrected: ['Geen resultaten voor ', '; dit zijn de resultaten voor ', '.'],
      relaxed: 'Geen City Deal bevat al uw zoekwoorden; dit zijn de deals die er het dichtst bij komen.',
      noneWithFilters: 'Geen City Deal voldoet aan alle filters.', drop: 'Filter weghalen: ',
      prev: 'Vorige', next: 'Volgende', pages: 'Paginering', pageOf: (p, n) => 'pagina ' + p + ' van ' + n,
      more: (n) => 'Meer tonen (' + n + ')', less: 'Minder tonen', signed: 'ondertekend ',
      from: 'Uit: ', page: 'p. ',
      error: 'Zoeken lukt nu niet. Probeer het later opnieuw.', bad: 'Deze zoekopdracht klopt niet: ',
      facet: { status: 'Status', ministry: 'Ministerie', partner: 'Partner', partner_type: 'Type partner', theme: 'Thema', year: 'Jaar' },
      locale: 'nl-NL'
    },
    en: {
      label: 'Search City Deals', placeholder: 'E.g. energy', button: 'Search',
      hint: 'Type a search term or choose a filter.', suggestions: 'Suggestions', results: 'Search results',
      filters: 'Filters', clear: 'Clear all filters',
      count: (n) => (n ? n + (n === 1 ? ' City Deal' : ' City Deals') : 'No City Deals') + ' found',
      didYouMean: ['Did you mean ', '?'], corrected: ['No results for ', '; showing results for ', '.'],
      relaxed: 'No City Deal contains all your words; these are the closest deals.',
      noneWithFilters: 'No City Deal matches all filters.', drop: 'Remove filter ',
      prev: 'Previous', next: 'Next', pages: 'Pagination', pageOf: (p, n) => 'page ' + p + ' of ' + n,
      more: (n) => 'Show more (' + n + ')', less: 'Show less', signed: 'signed ',
      from: 'From: ', page: 'p. ',
      error: 'Search is not available right now. Please try again later.', bad: 'This search is not valid: ',
      facet: { status: 'Status', ministry: 'Ministry', partner: 'Partner', partner_type: 'Partner type', theme: 'Theme', year: 'Year' },
      locale: 'en-GB'
    }
  };

  // Sizes in em, never rem: rem follows the host page's root font size.
  const CSS = `
:host{all:initial;display:block}
:host([hidden]){display:none}
/* Outer rules on the host element beat :host, so inherited text styles are reset again here. */
.ds{all:initial;display:block;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2933;text-align:left}
*,::before,::after{box-sizing:border-box}
:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
button,input{font:inherit;color:inherit}
.lbl{display:block;font-weight:600;margin:0 0 .3em}
.row{display:flex;gap:.5em}
.combo{position:relative;flex:1;min-width:0}
#q{width:100%;padding:.55em .75em;font-size:1.05em;border:2px solid #52606d;border-radius:6px;background:#fff}
.go{padding:.55em 1.1em;border:0;border-radius:6px;background:#0b4f9c;color:#fff;font-weight:600;cursor:pointer}
.go:hover{background:#083d7a}
#sugg{position:absolute;z-index:10;left:0;right:0;margin:2px 0 0;padding:.25em 0;list-style:none;background:#fff;border:1px solid #bcccdc;border-radius:6px;box-shadow:0 6px 16px rgb(0 0 0/.12);max-height:20em;overflow:auto}
#sugg li{padding:.4em .75em;cursor:pointer}
#sugg li:hover{background:#f0f4f8}
#sugg li[aria-selected=true]{background:#e3ecf7;box-shadow:inset 3px 0 #0b4f9c}
.hint{color:#52606d;margin:.6em 0 0}
.live{margin:.75em 0 0}
.live:empty{margin:0}
.total{font-weight:600;margin:0 0 .25em}
.total:focus{outline:none}
.note{margin:.4em 0;padding:.45em .75em;background:#f5f7fa;border-left:4px solid #0b4f9c}
.error{color:#a61b1b;border-color:#a61b1b;background:#fdf1f1}
.link{border:0;padding:0;background:none;color:#0b4f9c;text-decoration:underline;cursor:pointer;font-weight:600}
.body{margin-top:.5em}
.wide .body{display:grid;grid-template-columns:minmax(13em,16em) 1fr;gap:2em;align-items:start}
.wide .nofacets{display:block}
.filters{margin-bottom:1em}
.filters>summary{cursor:pointer;font-weight:600;padding:.45em .75em;border:1px solid #bcccdc;border-radius:6px;background:#f5f7fa;margin-bottom:.5em}
.wide .filters>summary{display:none}
fieldset{border:0;border-top:1px solid #d9e2ec;margin:0;padding:.6em 0 .7em;min-width:0}
legend{font-weight:600;padding:0;float:left;width:100%;margin-bottom:.2em}
fieldset ul{clear:both;list-style:none;margin:0;padding:0}
fieldset li{padding:.1em 0}
fieldset label{display:flex;gap:.45em;align-items:flex-start;cursor:pointer;font-size:.95em;line-height:1.35}
fieldset input{margin:.15em 0 0;width:1em;height:1em;flex:none;accent-color:#0b4f9c}
.v{flex:1;min-width:0;overflow-wrap:anywhere}
.full{display:block;font-size:.85em;color:#52606d}
.count{color:#52606d;font-variant-numeric:tabular-nums;font-size:.9em}
.zero .v{color:#52606d}
.more,.clear{margin-top:.3em;font-weight:400;font-size:.9em}
.results{list-style:none;margin:0;padding:0}
/* Old results wait on a grey panel, not dimmed: dimmed text would fall below AA contrast. */
.results[aria-busy=true]{background:#f5f7fa;cursor:progress}
.hit{padding:.85em 0;border-bottom:1px solid #d9e2ec}
.hd{font-size:1.15em;font-weight:700;line-height:1.3;margin:0 0 .2em;overflow-wrap:anywhere}
.title{color:#0b4f9c;text-decoration:none}
.title:hover{text-decoration:underline}
.meta{margin:0 0 .3em;color:#52606d;font-size:.88em}
.meta>span+span::before{content:"·";margin:0 .45em}
.badge{padding:0 .5em;border-radius:1em;background:#eef1f4;color:#3e4c59;font-weight:600;font-size:.92em}
.badge.on{background:#e3f4ea;color:#1d6b3a}
.snip{margin:0;overflow-wrap:anywhere}
.src{margin:.3em 0 0;font-size:.9em}
mark{background:#ffe58f;color:inherit;padding:0 .1em;border-radius:2px}
.pager{display:flex;flex-wrap:wrap;align-items:center;justify-content:center;gap:.75em;padding:1em 0 .5em;color:#52606d}
.pager button{padding:.4em .9em;border:1px solid #0b4f9c;border-radius:6px;background:#fff;color:#0b4f9c;font-weight:600;cursor:pointer}
.pager button:disabled{border-color:#bcccdc;color:#7b8794;cursor:default}
[hidden]{display:none!important}
`;

  // Builds an element. Strings become text (textContent, text nodes, attribute values), never markup.
  function h(tag, props, kids) {
    const el = document.createElement(tag);
    for (const k in props) {
      const v = props[k];
      if (v == null || v === false) continue;
      if (k === 'text') el.textContent = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : v);
    }
    if (kids) el.append(...kids.filter((c) => c != null));
    return el;
  }

  // "Uit: Staatscourant-tekst, p. 4" under a snippet from a PDF, a link opening it at that page
  // when it has a web address; nothing for a snippet from the deal's page itself.
  function sourceLine(source, t) {
    if (!source || typeof source.page !== 'number') return null;
    const text = (source.title ? source.title + ', ' : '') + t.page + source.page;
    const web = typeof source.url === 'string' && /^https?:\/\//.test(source.url);
    return h('p', { class: 'src', part: 'source' }, [t.from,
      web ? h('a', { href: source.url.replace(/#.*$/, '') + '#page=' + source.page, rel: 'noopener', text }) : text]);
  }

  // A snippet is text with <mark>s around the matched words. Parse it inert, and rebuild it from
  // scratch if it is exactly that; otherwise show its text.
  function snippet(html) {
    const frag = document.createDocumentFragment();
    let parsed;
    try {
      const tpl = document.createElement('template');
      tpl.innerHTML = String(html);
      parsed = tpl.content;
    } catch (e) { // e.g. Trusted Types forbid innerHTML: drop the tags, decode what the API escapes
      frag.append(String(html).replace(/<[^>]*>/g, '').replace(/&(lt|gt|quot|#39|amp);/g,
        (m, e) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]));
      return frag;
    }
    const nodes = Array.from(parsed.childNodes);
    if (!nodes.every((n) => n.nodeType === 3 || (n.localName === 'mark' && !n.attributes.length &&
      Array.from(n.childNodes).every((c) => c.nodeType === 3)))) {
      frag.append(parsed.textContent); // comments excluded
      return frag;
    }
    for (const n of nodes) frag.append(n.nodeType === 3 ? n.data : h('mark', { text: n.textContent }));
    return frag;
  }

  // Makes parent's children exactly kids, moving only what is out of place.
  function place(parent, kids) {
    kids.forEach((k, i) => { if (parent.children[i] !== k) parent.insertBefore(k, parent.children[i] || null); });
    while (parent.children.length > kids.length) parent.lastElementChild.remove();
  }

  class DealSearch extends HTMLElement {
    static get observedAttributes() { return ['api', 'placeholder', 'facets', 'size', 'lang', 'heading-level']; }

    constructor() {
      super();
      this._filters = new Map(); // facet -> Set of ticked values
      this._open = new Set(); // facets whose whole list is shown
      this._labels = {}; // ministry code -> full name, kept across responses
      this._groups = new Map(); // facet -> its fieldset's parts
      this._items = new Map(); // facet + "\n" + value -> its checkbox's parts
      this._q = ''; // the query of the results shown
      this._page = 1;
      this._active = false; // results are (to be) shown
      this._data = null; // the last search response
      this._facetData = null; // /api/facets, for before the first search
      this._seq = 0; // search requests: only the newest one's answer is shown
      this._sseq = 0; // suggest requests, likewise
      this._suggs = [];
      this._sel = -1;
      this._build();
    }

    get _t() { return (this.getAttribute('lang') || '').toLowerCase() === 'en' ? T.en : T.nl; }

    get _api() {
      const attr = this.getAttribute('api');
      try {
        const u = new URL(attr || SCRIPT || location.href, location.href);
        if (/^https?:$/.test(u.protocol)) return attr ? u.origin + u.pathname.replace(/\/+$/, '') : u.origin;
      } catch (e) { /* fall back */ }
      return location.origin;
    }

    get _size() {
      const n = parseInt(this.getAttribute('size'), 10);
      return isNaN(n) ? 10 : Math.min(100, Math.max(1, n));
    }

    // Result titles are headings one level below the host page's heading above the widget.
    get _level() {
      const n = parseInt(this.getAttribute('heading-level'), 10);
      return n >= 1 && n <= 6 ? n : 2;
    }

    get _facetNames() {
      const attr = this.getAttribute('facets');
      const names = (attr == null ? DEFAULT_FACETS : attr).split(',').map((s) => s.trim().toLowerCase());
      // Which facets exist is the API's to say (the keys of its "facets"); until it has, the
      // names asked for stand.
      const src = (this._active && this._data) || this._facetData;
      const known = src && src.facets && typeof src.facets === 'object' ? Object.keys(src.facets) : null;
      return names.filter((f, i) => f && names.indexOf(f) === i && (!known || known.includes(f)));
    }

    _build() {
      const btn = (part, cls, onclick) => h('button', { type: 'button', part, class: cls, onclick });
      this.$q = h('input', { id: 'q', part: 'input', type: 'search', role: 'combobox', autocomplete: 'off',
        spellcheck: 'false', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'sugg',
        oninput: () => this._onInput(), onkeydown: (e) => this._onKey(e),
        onblur: () => setTimeout(() => { if (this.shadowRoot.activeElement !== this.$q) this._closeSuggest(); }, 150) });
      this.$label = h('label', { class: 'lbl', for: 'q', part: 'label' });
      // mousedown would take the focus from the input; the click then picks the option.
      this.$sugg = h('ul', { id: 'sugg', part: 'suggestions', role: 'listbox', hidden: true,
        onmousedown: (e) => e.preventDefault(),
        onclick: (e) => { const li = e.target.closest('li'); if (li) this._pick(this._suggs[li.dataset.i]); } });
      this.$go = h('button', { class: 'go', type: 'submit', part: 'button' });
      const form = h('form', { role: 'search', part: 'form', onsubmit: (e) => { e.preventDefault(); this._submit(); } },
        [this.$label, h('div', { class: 'row' }, [h('div', { class: 'combo' }, [this.$q, this.$sugg]), this.$go])]);
      this.$hint = h('p', { class: 'hint', part: 'hint' });
      this.$live = h('div', { class: 'live', part: 'status', 'aria-live': 'polite' });
      this.$summary = h('summary');
      this.$facets = h('div', { part: 'facets', role: 'group' });
      this.$clear = btn('clear', 'link clear', () => { this._filters.clear(); this._rerun(); });
      this.$details = h('details', { class: 'filters', ontoggle: () => { if (!this._wide) this._userOpen = this.$details.open; } },
        [this.$summary, this.$facets]);
      this.$results = h('ol', { class: 'results', part: 'results' });
      this.$prev = btn('prev', null, () => this._goPage(this._page - 1));
      this.$next = btn('next', null, () => this._goPage(this._page + 1));
      this.$pageOf = h('span', { class: 'pageof' });
      this.$pager = h('nav', { class: 'pager', part: 'pager', hidden: true }, [this.$prev, this.$pageOf, this.$next]);
      this.$body = h('div', { class: 'body' }, [this.$details, h('div', {}, [this.$results, this.$pager])]);
      this.$wrap = h('div', { class: 'ds', part: 'container' }, [form, this.$hint, this.$live, this.$body]);
      this.attachShadow({ mode: 'open' }).append(h('style', { text: CSS }), this.$wrap);
      // The widget's own width decides the layout, not the window's.
      if (window.ResizeObserver) this._ro = new ResizeObserver((e) => this._layout(e[0].contentRect.width));
      else this._layout(WIDE);
      this._texts();
    }

    _layout(width) {
      const wide = width >= WIDE;
      if (wide === this._wide) return;
      this._wide = wide;
      this.$wrap.classList.toggle('wide', wide);
      // Beside the results the filters are always open; above them (phones) they start folded.
      this.$details.open = wide || !!this._userOpen;
    }

    connectedCallback() {
      this._started = true;
      if (this._ro) this._ro.observe(this);
      if (!this._facetData && !this._active) this._loadFacets();
    }

    disconnectedCallback() {
      if (this._ro) this._ro.disconnect();
      this._closeSuggest();
    }

    attributeChangedCallback(name, old, value) {
      if (old === value) return;
      if (name === 'placeholder' || name === 'lang') this._texts();
      if (name === 'lang' || name === 'heading-level') this._render();
      if (name === 'facets') {
        // A ticked value of a facet no longer shown would narrow the results unseen.
        const gone = [...this._filters.keys()].filter((f) => !this._facetNames.includes(f));
        gone.forEach((f) => this._filters.delete(f));
        if (gone.length) this._refresh(); else this._render();
      }
      if (name === 'size') { this._page = 1; this._refresh(); }
      if (name === 'api' && this._started) {
        this._facetData = null;
        if (this._active) this._refresh(); else if (this.isConnected) this._loadFacets();
      }
    }

    // Several attribute changes in one go make one request.
    _refresh() {
      if (this._queued) return;
      this._queued = true;
      queueMicrotask(() => { this._queued = false; if (this._active) this._search(); });
    }

    _texts() {
      const t = this._t;
      this.$wrap.lang = t === T.en ? 'en' : 'nl';
      this.$label.textContent = t.label;
      this.$q.placeholder = this.getAttribute('placeholder') || t.placeholder;
      this.$go.textContent = t.button;
      this.$hint.textContent = t.hint;
      this.$prev.textContent = t.prev;
      this.$next.textContent = t.next;
      for (const [el, k] of [[this.$sugg, 'suggestions'], [this.$results, 'results'], [this.$pager, 'pages'], [this.$facets, 'filters']]) {
        el.setAttribute('aria-label', t[k]);
      }
    }

    async _get(path, params, signal) {
      const res = await fetch(this._api + path + '?' + new URLSearchParams(params), { signal });
      let body = null;
      try { body = await res.json(); } catch (e) { if (e.name === 'AbortError') throw e; }
      if (res.ok && body) return body;
      const err = new Error('HTTP ' + res.status);
      err.status = res.status;
      err.detail = body && body.error && typeof body.error.message === 'string' ? body.error.message : '';
      throw err;
    }

    async _loadFacets() {
      const seq = this._seq;
      try {
        const data = await this._get('/api/facets', []);
        if (seq !== this._seq || this._active) return; // a search came first
        this._facetData = data;
        this._render();
      } catch (e) { /* the first search brings facets too */ }
    }

    // ---- searching ----

    _submit() {
      this._closeSuggest();
      this._rerun();
    }

    // Searches for what the box holds now with the ticked filters, page 1; with neither text
    // nor a filter, shows nothing.
    _rerun() {
      this._q = this.$q.value.trim();
      this._page = 1;
      if (this._q || this._filters.size) this._search();
      else this._clear();
    }

    _clear() {
      this._seq++;
      if (this._ctl) this._ctl.abort();
      this._active = false;
      this._data = this._error = null;
      this.$results.removeAttribute('aria-busy');
      this._render();
      if (!this._facetData) this._loadFacets();
    }

    async _search() {
      const seq = ++this._seq;
      if (this._ctl) this._ctl.abort();
      const ctl = this._ctl = new AbortController();
      this._active = true;
      const params = [['q', this._q], ['size', this._size], ['page', this._page]];
      for (const [f, set] of this._filters) for (const v of set) params.push([f, v]);
      this.$results.setAttribute('aria-busy', 'true');
      let data = null;
      let error = null;
      try {
        data = await this._get('/api/search', params, ctl.signal);
      } catch (e) {
        error = e;
      }
      if (seq !== this._seq) return; // a newer request is on its way
      this.$results.removeAttribute('aria-busy');
      this._error = error;
      if (data) { this._data = data; this._page = +data.page || this._page; }
      this._render();
    }

    _toggle(f, v, on) {
      const set = this._filters.get(f) || new Set();
      if (on) set.add(v); else set.delete(v);
      if (set.size) this._filters.set(f, set); else this._filters.delete(f);
      this._rerun();
    }

    _goPage(p) {
      this._page = p;
      this._search().then(() => {
        // Back to the top of the list, the focus on the count line, which says where we are.
        if (this.getBoundingClientRect().top < 0) this.scrollIntoView();
        const c = this.$live.querySelector('.total');
        if (c) c.focus({ preventScroll: true });
      });
    }

    // ---- suggestions ----

    _onInput() {
      clearTimeout(this._timer);
      this._highlight(-1); // Enter before the new suggestions arrive searches for what was typed
      const q = this.$q.value.trim();
      if (q.length < 2) this._closeSuggest();
      else this._timer = setTimeout(() => this._suggest(q), 150);
    }

    async _suggest(q) {
      const seq = ++this._sseq;
      let list = [];
      try {
        list = (await this._get('/api/suggest', [['q', q]])).suggestions;
      } catch (e) { /* suggestions are a nicety: stay quiet */ }
      if (seq !== this._sseq || this.shadowRoot.activeElement !== this.$q) return;
      this._suggs = (Array.isArray(list) ? list : []).filter((s) => typeof s === 'string').slice(0, 10);
      this.$sugg.replaceChildren(...this._suggs.map((s, i) =>
        h('li', { id: 'opt-' + i, role: 'option', 'aria-selected': 'false', 'data-i': i, text: s })));
      this._highlight(-1);
      this.$sugg.dataset.query = q; // what the list completes (tests wait for it)
      this.$sugg.hidden = !this._suggs.length;
      this.$q.setAttribute('aria-expanded', !this.$sugg.hidden);
    }

    _closeSuggest() {
      clearTimeout(this._timer);
      this._sseq++;
      this._suggs = [];
      this.$sugg.replaceChildren();
      delete this.$sugg.dataset.query;
      this._highlight(-1);
      this.$sugg.hidden = true;
      this.$q.setAttribute('aria-expanded', 'false');
    }

    _highlight(i) {
      const items = this.$sugg.children;
      this._sel = i;
      for (let k = 0; k < items.length; k++) items[k].setAttribute('aria-selected', k === i);
      if (i < 0) return this.$q.removeAttribute('aria-activedescendant');
      this.$q.setAttribute('aria-activedescendant', items[i].id);
      items[i].scrollIntoView({ block: 'nearest' });
    }

    _onKey(e) {
      const open = !this.$sugg.hidden;
      const n = this._suggs.length;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (!open) {
          if (e.key === 'ArrowDown' && this.$q.value.trim().length >= 2) this._suggest(this.$q.value.trim());
          return;
        }
        e.preventDefault();
        // One past either end is the typed text again (-1), as in native comboboxes.
        const i = this._sel + (e.key === 'ArrowDown' ? 1 : -1);
        this._highlight(i >= n ? -1 : i < -1 ? n - 1 : i);
      } else if (e.key === 'Enter' && open && this._sel >= 0 && !e.isComposing) {
        e.preventDefault();
        this._pick(this._suggs[this._sel]);
      } else if (e.key === 'Escape' && open) {
        e.preventDefault(); // or type=search would clear the text too
        this._closeSuggest();
      } else if (e.key === 'Tab') {
        this._closeSuggest();
      }
    }

    _pick(text) {
      if (typeof text !== 'string') return;
      this.$q.value = text;
      this.$q.focus();
      this._submit();
    }

    // ---- rendering ----

    _render() {
      this._renderLive();
      this._renderFacets();
      this._renderResults();
      this.$hint.hidden = this._active;
    }

    _renderLive() {
      const t = this._t;
      const d = this._data;
      const out = [];
      const note = (kids, cls) => out.push(h('p', { class: 'note ' + (cls || ''), part: cls || 'note' }, kids));
      if (this._active && this._error) {
        const e = this._error;
        note([e.status === 400 && e.detail ? t.bad + e.detail : t.error], 'error');
      } else if (this._active && d) {
        const total = +d.total || 0;
        out.push(h('p', { class: 'total', part: 'count', tabindex: -1, text: t.count(total) }));
        const sugg = typeof d.suggestion === 'string' && d.suggestion;
        if (sugg && d.corrected) {
          const c = t.corrected;
          note([c[0], h('q', { text: d.query || this._q }), c[1], h('q', { text: sugg }), c[2]]);
        } else if (sugg) {
          note([t.didYouMean[0], h('button', { type: 'button', class: 'link', text: sugg, onclick: () => this._pick(sugg) }),
            t.didYouMean[1]]);
        }
        if (d.relaxed) note([t.relaxed]);
        const drop = !total && d.hint && typeof d.hint.drop_filter === 'string' && d.hint.drop_filter;
        if (drop) {
          const eq = drop.indexOf('=');
          const f = drop.slice(0, eq);
          const v = drop.slice(eq + 1);
          note([t.noneWithFilters, ' ', h('button', { type: 'button', class: 'link', part: 'drop-filter',
            text: t.drop + (t.facet[f] || f) + ': ' + v, onclick: () => {
              // A value spelt otherwise than we sent it: drop the whole facet.
              const set = this._filters.get(f);
              if (set && set.has(v)) return this._toggle(f, v, false);
              this._filters.delete(f);
              this._rerun();
            } })]);
        }
      }
      this.$live.replaceChildren(...out);
    }

    _renderResults() {
      const t = this._t;
      const d = this._data;
      const show = this._active && d && !this._error;
      const fmt = new Intl.DateTimeFormat(t.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
      const hits = show && Array.isArray(d.hits) ? d.hits : [];
      this.$results.replaceChildren(...hits.map((hit) => {
        const meta = [];
        if (hit.status) {
          meta.push(h('span', {}, [h('span', { class: hit.status === 'in uitvoering' ? 'badge on' : 'badge',
            text: hit.status })]));
        }
        if (Array.isArray(hit.ministries) && hit.ministries.length) {
          meta.push(h('span', { class: 'ministries', text: hit.ministries.join(', ') }));
        }
        const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(hit.signed);
        if (m) meta.push(h('span', { class: 'signed', text: t.signed + fmt.format(Date.UTC(m[1], m[2] - 1, m[3])) }));
        return h('li', { class: 'hit', part: 'hit' }, [
          h('h' + this._level, { class: 'hd' }, [h('a', { class: 'title', part: 'title', href: this._api + '/deals/' + encodeURIComponent(hit.id),
            text: hit.title || hit.id })]),
          meta.length ? h('p', { class: 'meta' }, meta) : null,
          hit.snippet ? h('p', { class: 'snip' }, [snippet(hit.snippet)]) : null,
          sourceLine(hit.snippet_source, t)
        ]);
      }));
      // The API pages through the first RESULT_WINDOW hits only (searcher/limits.h).
      const size = (d && +d.size) || this._size;
      const pages = show ? Math.ceil(Math.min(+d.total || 0, RESULT_WINDOW) / size) : 0;
      this.$pager.hidden = pages <= 1;
      this.$prev.disabled = this._page <= 1;
      this.$next.disabled = this._page >= pages;
      this.$pageOf.textContent = t.pageOf(this._page, pages);
    }

    // Facets are updated in place, keyed by facet and value, not rebuilt: a checkbox pressed
    // while an answer arrives must still be the same element when released.
    _renderFacets() {
      const t = this._t;
      const src = (this._active && this._data) || this._facetData;
      const facets = (src && src.facets) || {};
      const focused = this.shadowRoot.activeElement;
      const groups = [];
      const groupMap = new Map();
      const itemMap = new Map();
      let ticked = 0;
      for (const f of this._facetNames) {
        const chosen = this._filters.get(f) || new Set();
        ticked += chosen.size;
        const list = (Array.isArray(facets[f]) ? facets[f] : []).filter((x) => x && x.value != null)
          .map((x) => ({ value: String(x.value), count: +x.count || 0, label: x.label }));
        for (const x of list) if (x.label) this._labels[x.value] = String(x.label);
        // Ticked values stay in view, with 0 when the results have none of them.
        for (const v of chosen) if (!list.some((x) => x.value === v)) list.push({ value: v, count: 0 });
        if (!list.length) continue;
        const g = this._groups.get(f) || this._group(f);
        const open = this._open.has(f);
        const items = [];
        list.forEach((x, i) => {
          if (!open && i >= FIRST && !chosen.has(x.value)) return;
          const key = f + '\n' + x.value;
          const it = this._items.get(key) || this._item(f, x.value);
          const full = f === 'ministry' && this._labels[x.value];
          it.box.checked = chosen.has(x.value);
          it.li.className = x.count ? '' : 'zero';
          it.count.textContent = x.count;
          it.v.replaceChildren(x.value, ...(full ? [h('span', { class: 'full', text: full })] : []));
          if (full) it.label.title = full;
          itemMap.set(key, it);
          items.push(it.li);
        });
        g.legend.textContent = t.facet[f] || f;
        g.more.hidden = list.length <= FIRST;
        g.more.setAttribute('aria-expanded', open);
        g.more.textContent = open ? t.less : t.more(list.length - FIRST);
        place(g.ul, items);
        groupMap.set(f, g);
        groups.push(g.fs);
      }
      this._groups = groupMap;
      this._items = itemMap;
      this.$clear.textContent = t.clear;
      place(this.$facets, ticked ? groups.concat(this.$clear) : groups);
      this.$summary.textContent = t.filters + (ticked ? ' (' + ticked + ')' : '');
      this.$details.hidden = !groups.length;
      this.$body.classList.toggle('nofacets', !groups.length);
      // Moving an element takes its focus away; give it back.
      if (focused && focused.isConnected && this.shadowRoot.activeElement !== focused) focused.focus();
    }

    _group(f) {
      const g = { legend: h('legend'), ul: h('ul') };
      g.more = h('button', { type: 'button', class: 'link more', onclick: () => {
        if (!this._open.delete(f)) this._open.add(f);
        this._renderFacets();
      } });
      g.fs = h('fieldset', { part: 'facet', 'data-facet': f }, [g.legend, g.ul, g.more]);
      return g;
    }

    _item(f, value) {
      const it = { box: h('input', { type: 'checkbox', name: f, value }), v: h('span', { class: 'v' }),
        count: h('span', { class: 'count' }) };
      it.box.addEventListener('change', () => this._toggle(f, value, it.box.checked));
      it.label = h('label', {}, [it.box, it.v, it.count]);
      it.li = h('li', {}, [it.label]);
      return it;
    }
  }

  customElements.define('deal-search', DealSearch);
})();
