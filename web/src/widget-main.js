// Ügykalauz widget: <ugykalauz-search settlement="34014"></ugykalauz-search> on any site, after
// <script src="https://SERVICE/widget.js" defer></script>. See docs/widget.md.
import { kStyles, ServiceError, httpSource, mountSearch } from './components.js';

// The service that served this script is the API, unless the element names another (api="...").
const kScriptBase = (() => {
  const src = document.currentScript && document.currentScript.src;
  return src ? new URL('.', src).href.replace(/\/$/, '') : '';
})();

// What the webmaster needs to know, in the browser console (the visitor sees a plain message).
function tellWebmaster(base, error) {
  if (error.kind === 'blocked') {
    console.error(`Ügykalauz widget: the service at ${base} does not allow this site's origin (${window.location.origin}), ` +
      `so the browser blocks its answers. Start the service with --cors-origin ${window.location.origin} ` +
      '(or add it to UGK_CORS_ORIGINS); see docs/widget.md.');
  } else if (error.kind === 'network' || error.kind === 'timeout') {
    console.warn(`Ügykalauz widget: the service at ${base} cannot be reached (${error.kind}). Check the api= attribute ` +
      'or the address of widget.js, and that the service is running.');
  }
}

class UgykalauzSearch extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    // Closed to the host page's CSS and scripts both ways; themable through --ugk-* properties.
    const shadow = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = kStyles;
    shadow.append(style);
    const base = (this.getAttribute('api') || kScriptBase || window.location.origin).replace(/\/$/, '');
    const source = httpSource(base);
    const settlement = this.getAttribute('settlement');
    let told = false;
    const onError = async (error) => {
      // A CORS refusal looks like a dead network to a script: ask the service another way.
      let classified = error;
      if (error.kind === 'network') {
        try { await source.probe(); } catch (probe) { classified = probe; }
      }
      if (!told) { told = true; tellWebmaster(base, classified); }
      if (classified.kind === 'blocked') showBlocked();
    };
    this.ui = mountSearch(shadow, {
      source,
      settlement,
      fixedSettlementName: this.getAttribute('settlement-name'),
      idPrefix: `ugk${Math.random().toString(36).slice(2, 8)}`,
      onError,
    });
    const showBlocked = () => {
      const link = document.createElement('a');
      link.href = `${base}/${settlement ? `?settlement=${encodeURIComponent(settlement)}` : ''}`;
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = 'Az Ügykalauz megnyitása új lapon';
      // Nothing here can work: no search fields, only the way out.
      const fields = this.ui.container.querySelector('.fields');
      if (fields) fields.style.display = 'none';
      this.ui.say(
        'Ez a kereső ezen a webhelyen most nem működik: a szolgáltatás nem engedélyezte ezt az oldalt. ' +
        'Az ügyeket közvetlenül az Ügykalauz oldalán is megkeresheti.', 'error', [link]);
    };
    // Find out at once whether the service answers this page, rather than after the first search.
    source.probe().catch((error) => onError(error instanceof ServiceError ? error : new ServiceError('network', '')));
    // Show the settlement's real name when it was given by KSH code (or as typed by the webmaster).
    if (settlement && !this.getAttribute('settlement-name')) {
      source.settlements(settlement)
        .then((found) => {
          const match = found.find((s) => s.ksh_code === settlement) || (found.length === 1 ? found[0] : null);
          if (match) {
            this.ui.setFixedSettlementName(match.label || match.name);
          } else {
            this.ui.setFixedSettlementName(settlement);
            this.ui.say(`A beállított település („${settlement}”) nem található. Írja meg az oldal gazdájának.`, 'error');
            console.error(`Ügykalauz widget: settlement="${settlement}" names no settlement; use a KSH code such as 34014.`);
          }
        })
        .catch(() => this.ui.setFixedSettlementName(`${settlement} (a település neve most nem tölthető be)`));
    }
  }
}

if (!customElements.get('ugykalauz-search')) customElements.define('ugykalauz-search', UgykalauzSearch);
