// The search page without reloads: the server renders every state of the page from its URL
// (/?q=…&ministry=…), so this script only fetches that URL, swaps the facets and the results
// in, and keeps the address bar and the back button in step. It also suggests as you type.
// Without it, the page works as a plain GET form.
(function () {
  'use strict';

  const form = document.getElementById('search');
  const input = document.getElementById('q');
  if (!form || !input || !document.getElementById('results')) {
    return; // a deal page: nothing to enhance but the back link
  }
  document.documentElement.classList.add('js');

  let latest = 0; // only the newest request's answer is shown

  function urlOfForm() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value !== '' && !(name === 'sort' && value === 'relevance')) {
        params.append(name, value);
      }
    }
    const query = params.toString();
    return '/' + (query ? '?' + query : '');
  }

  // Which control had the focus, so that it keeps it after the swap.
  function focusedControl() {
    const active = document.activeElement;
    if (!active || active === document.body || active === input) {
      return null;
    }
    if (active.matches('input[type=checkbox]')) {
      return `input[type=checkbox][name="${CSS.escape(active.name)}"][value="${CSS.escape(active.value)}"]`;
    }
    return active.id ? '#' + CSS.escape(active.id) : null;
  }

  async function show(url, how) {
    const request = ++latest;
    document.body.classList.add('loading');
    try {
      const response = await fetch(url, { headers: { Accept: 'text/html' } });
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      if (request !== latest) {
        return;
      }
      const refocus = focusedControl();
      const opened = [...document.querySelectorAll('.facet details[open]')].map(
        (details) => details.closest('.facet').dataset.facet);
      for (const id of ['facets', 'results']) {
        const fresh = page.getElementById(id);
        const current = document.getElementById(id);
        if (fresh && current) {
          current.replaceWith(document.adoptNode(fresh));
        }
      }
      for (const facet of opened) {
        const details = document.querySelector(`.facet[data-facet="${CSS.escape(facet)}"] details`);
        if (details) {
          details.open = true;
        }
      }
      document.title = page.title;
      if (how === 'push') {
        history.pushState(null, '', url);
      }
      if (how === 'pop') {
        input.value = new URL(url, location.href).searchParams.get('q') || '';
      }
      const target = refocus && document.querySelector(refocus);
      if (target) {
        target.focus();
      }
    } catch (error) {
      if (request === latest) {
        const count = document.getElementById('count');
        if (count) {
          count.textContent = 'Zoeken lukt nu niet. Probeer het opnieuw.';
        }
      }
    } finally {
      if (request === latest) {
        document.body.classList.remove('loading');
      }
    }
  }

  // A new search starts on page 1.
  function search() {
    closeSuggestions();
    show(urlOfForm(), 'push');
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search();
  });

  form.addEventListener('change', (event) => {
    if (event.target.matches('input[type=checkbox], select')) {
      search();
    }
  });

  // Page links, "Bedoelde u …?", "filter weghalen" and "Alle filters wissen".
  form.addEventListener('click', (event) => {
    const link = event.target.closest('a.nav');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    const url = new URL(link.href);
    input.value = url.searchParams.get('q') || '';
    show(url.pathname + url.search, 'push');
    if (link.closest('.pages')) {
      document.getElementById('results').focus();
    }
  });

  window.addEventListener('popstate', () => show(location.pathname + location.search, 'pop'));

  // Suggestions: a combobox with a listbox, as the WAI-ARIA authoring practices describe.
  const list = document.getElementById('suggestions');
  let suggestions = [];
  let active = -1;
  let timer = 0;
  let asked = 0;

  function closeSuggestions() {
    suggestions = [];
    active = -1;
    list.hidden = true;
    list.replaceChildren();
    delete list.dataset.query;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function renderSuggestions() {
    list.replaceChildren();
    suggestions.forEach((text, index) => {
      const option = document.createElement('li');
      option.id = 'suggestion-' + index;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', String(index === active));
      option.textContent = text;
      option.addEventListener('mousedown', (event) => {
        event.preventDefault(); // keep the focus in the box
        pick(index);
      });
      list.append(option);
    });
    list.hidden = suggestions.length === 0;
    input.setAttribute('aria-expanded', String(suggestions.length > 0));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', 'suggestion-' + active);
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function pick(index) {
    input.value = suggestions[index];
    search();
  }

  async function suggest() {
    const typed = input.value;
    const ask = ++asked;
    if (typed.trim().length < 2) {
      closeSuggestions();
      return;
    }
    try {
      const response = await fetch('/api/suggest?q=' + encodeURIComponent(typed));
      const body = await response.json();
      if (ask !== asked || document.activeElement !== input) {
        return;
      }
      suggestions = (body.suggestions || []).filter((s) => s.toLowerCase() !== typed.toLowerCase());
      active = -1;
      list.dataset.query = typed; // what the list completes (tests wait for it)
      renderSuggestions();
    } catch (error) {
      closeSuggestions(); // suggestions are a help, never in the way
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    if (active >= 0) {
      active = -1; // Enter before the new suggestions arrive searches for what was typed
      renderSuggestions();
    }
    timer = setTimeout(suggest, 150);
  });

  input.addEventListener('keydown', (event) => {
    if (list.hidden) {
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + suggestions.length + 1) % (suggestions.length + 1);
      if (active === suggestions.length) {
        active = -1; // back to what was typed
      }
      renderSuggestions();
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      pick(active);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      closeSuggestions();
    }
  });

  input.addEventListener('blur', () => setTimeout(closeSuggestions, 100));
})();
