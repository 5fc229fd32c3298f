// Ügykalauz widget: <ugykalauz-search settlement="34014"></ugykalauz-search> on any site, after
// <script src="https://SERVICE/widget.js" defer></script>. See docs/widget.md.
import { kStyles, httpSource, mountSearch } from './components.js';

// The service that served this script is the API, unless the element names another (api="...").
const kScriptBase = (() => {
  const src = document.currentScript && document.currentScript.src;
  return src ? new URL('.', src).href.replace(/\/$/, '') : '';
})();

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
    this.ui = mountSearch(shadow, {
      source,
      settlement,
      fixedSettlementName: this.getAttribute('settlement-name') || settlement,
      idPrefix: `ugk${Math.random().toString(36).slice(2, 8)}`,
    });
    // Show the settlement's real name when it was given by KSH code.
    if (settlement && !this.getAttribute('settlement-name')) {
      fetch(`${base}/v1/settlements/${encodeURIComponent(settlement)}`)
        .then((r) => (r.ok ? r.json() : null))
        .then((s) => { if (s) { const fixed = shadow.querySelector('.fixed'); if (fixed) fixed.textContent = `Település: ${s.name}`; } })
        .catch(() => {});
    }
  }
}

if (!customElements.get('ugykalauz-search')) customElements.define('ugykalauz-search', UgykalauzSearch);
