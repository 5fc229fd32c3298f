// Builds web/src/snowball-hungarian.js, the field app's Hungarian stemmer, from the npm package
// snowball-stemmers (ISC; a JavaScript port of the Snowball stemmers, BSD): its runtime and its
// Hungarian stemmer, unchanged, as one ES module. The browser test checks that the vendored file is
// exactly what this produces and that it stems like the server's Xapian (tests/search/golden/
// analysis_hu.tsv). Run after upgrading the package:
//   node tests/web/extract-snowball-hungarian.mjs > web/src/snowball-hungarian.js
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function extract() {
  const packageFile = require.resolve('snowball-stemmers/package.json');
  const { version } = JSON.parse(readFileSync(packageFile, 'utf8'));
  const source = readFileSync(path.join(path.dirname(packageFile), 'snowball-stemmers.js'), 'utf8');
  const cut = (from, to) => {
    const begin = source.indexOf(from);
    const end = source.indexOf(to, begin);
    if (begin < 0 || end < 0) throw new Error(`snowball-stemmers ${version}: marker not found: ${from} .. ${to}`);
    return source.slice(begin, end);
  };
  const typeofHelper = cut('var _typeof =', '\n') + '\n';
  const runtime = cut('    function _possibleConstructorReturn', '    var arabicStemmer = function');
  const hungarian = cut('    var hungarianStemmer = function', '    var irishStemmer = function');
  return `/* Hungarian Snowball stemmer for the Ügykalauz field app (offline search), extracted unchanged
 * from the npm package snowball-stemmers ${version} by tests/web/extract-snowball-hungarian.mjs.
 *
 * snowball-stemmers: Copyright (c) Oleg Mazko <o.mazko@mail.ru>. ISC licence:
 * Permission to use, copy, modify, and/or distribute this software for any purpose with or without
 * fee is hereby granted, provided that the above copyright notice and this permission notice appear
 * in all copies. THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH REGARD
 * TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL
 * THE AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT,
 * NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF
 * THIS SOFTWARE.
 *
 * The algorithm: Snowball (snowballstem.org), Copyright (c) 2001 Dr Martin Porter, Copyright (c)
 * 2002 Richard Boulton, BSD 3-clause licence. Xapian, which the service uses, runs the same algorithm.
 */
/* eslint-disable */
${typeofHelper}
const hungarianStemmerClass = (function () {
    'use strict';
${runtime}${hungarian}    return hungarianStemmer;
})();

const stemmer = new hungarianStemmerClass();

// The Snowball Hungarian stem of a lower-case word ("személyimet" -> "személy").
export function stemHungarian(word) {
    stemmer.setCurrent(word);
    stemmer.stem();
    return stemmer.getCurrent();
}
`;
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(extract());
