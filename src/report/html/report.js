(function () {
  'use strict';
  // Each row is an array; the report names its columns once, in order.
  var rows = JSON.parse(document.getElementById('rows').textContent), C = {};
  JSON.parse(document.getElementById('table').getAttribute('data-columns'))
    .forEach(function (name, i) { C[name] = i; });
  // Community names by number; empty for those too small to be named or offered in the filter.
  var COMMUNITIES = JSON.parse(document.getElementById('table').getAttribute('data-communities'));
  function communityName(c) { return c >= 0 && COMMUNITIES[c] ? COMMUNITIES[c] : ''; }
  var NAME = C.name, LINK = C.link, COMPANY = C.company, TIER = C.tier, TAGS = C.tags,
    COMMUNITY = C.community;
  var NUMERIC = {};
  [C.score, C.sent, C.received, C.community, C.chance, C.change].forEach(function (c) { NUMERIC[c] = true; });
  // The days of the runs each row's trend holds (this run last); none without a history.
  var RUNS = JSON.parse(document.getElementById('table').getAttribute('data-runs'));
  var SVG = 'http://www.w3.org/2000/svg';
  var TIERS = ['core', 'active', 'dormant', 'weak', 'new', 'clutter', 'unknown'];
  var ROW = 34, OVERSCAN = 12;

  var text = rows.map(function (r) {
    return [r[NAME], r[COMPANY], r[C.position], r[TAGS], r[C.reasons], communityName(r[COMMUNITY])].join(' \u0001 ').toLowerCase();
  });
  var body = document.getElementById('rows-body');
  var scroller = document.getElementById('scroller');
  var count = document.getElementById('count');
  var search = document.getElementById('search');
  var tierFilter = document.getElementById('filter-tier');
  var companyFilter = document.getElementById('filter-company');
  var tagFilter = document.getElementById('filter-tag');
  var communityFilter = document.getElementById('filter-community');
  var headers = Array.prototype.slice.call(document.querySelectorAll('#table th[data-col]'));
  var collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  var EMPLOYERS = {};
  var view = [];
  var sort = { col: C.score, dir: -1 };
  var drawn = { start: -1, end: -1 };

  function option(select, value, label) {
    var o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  (function fillChoices() {
    var communities = {};
    rows.forEach(function (r) {
      if (communityName(r[COMMUNITY])) communities[r[COMMUNITY]] = (communities[r[COMMUNITY]] || 0) + 1;
    });
    // One suggestion per employer, its spellings merged; picking it matches every spelling.
    var list = document.getElementById('companies');
    JSON.parse(list.getAttribute('data-employers')).forEach(function (e) {
      var spellings = {};
      e[1].forEach(function (s) { spellings[s.toLowerCase()] = true; });
      EMPLOYERS[e[0].toLowerCase()] = spellings;
      option(list, e[0], e[0]);
    });
    Object.keys(communities).map(Number).sort(function (a, b) { return a - b; })
      .forEach(function (c) { option(communityFilter, String(c), COMMUNITIES[c] + ' (' + communities[c] + ')'); });
  })();

  function compare(col) {
    if (col === TIER) return function (a, b) { return TIERS.indexOf(rows[a][col]) - TIERS.indexOf(rows[b][col]); };
    if (NUMERIC[col]) return function (a, b) { return rows[a][col] - rows[b][col]; };
    return function (a, b) { return collator.compare(rows[a][col], rows[b][col]); };
  }

  // Empty text (a hidden member's name, an unknown date) and no number (no change for someone
  // not in the previous run) sort last in either direction.
  function blank(col) {
    if (col === TIER) return function () { return 0; };
    if (NUMERIC[col]) return function (i) { return rows[i][col] === null ? 1 : 0; };
    return function (i) { return rows[i][col] === '' ? 1 : 0; };
  }

  function apply() {
    var q = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var tier = tierFilter.value, company = companyFilter.value.trim().toLowerCase();
    var tag = tagFilter.value, community = communityFilter.value;
    var employer = Object.prototype.hasOwnProperty.call(EMPLOYERS, company) ? EMPLOYERS[company] : null;
    view = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (tier && r[TIER] !== tier) continue;
      if (employer ? !employer[r[COMPANY].trim().toLowerCase()] : company && r[COMPANY].toLowerCase().indexOf(company) < 0) continue;
      if (tag && r[TAGS].split(';').indexOf(tag) < 0) continue;
      if (community !== '' && String(r[COMMUNITY]) !== community) continue;
      var hay = text[i], ok = true;
      for (var k = 0; k < q.length && ok; k++) ok = hay.indexOf(q[k]) >= 0;
      if (ok) view.push(i);
    }
    var cmp = compare(sort.col), empty = blank(sort.col), dir = sort.dir;
    view.sort(function (a, b) { return empty(a) - empty(b) || dir * cmp(a, b) || a - b; });
    headers.forEach(function (h) {
      var on = Number(h.getAttribute('data-col')) === sort.col;
      if (on) h.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      else h.removeAttribute('aria-sort');
    });
    count.textContent = view.length === rows.length
      ? rows.length + ' connections'
      : view.length + ' of ' + rows.length + ' connections match';
    drawn = { start: -1, end: -1 };
    render();
  }

  function spacer(height) {
    var tr = document.createElement('tr'), td = document.createElement('td');
    tr.className = 'spacer';
    td.colSpan = headers.length;
    td.style.height = height + 'px';
    tr.appendChild(td);
    return tr;
  }

  function cell(tr, value, className) {
    var td = document.createElement('td');
    if (className) td.className = className;
    td.textContent = value;
    tr.appendChild(td);
    return td;
  }

  function svg(name, attributes) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (k) { e.setAttribute(k, attributes[k]); });
    return e;
  }

  // Every run's score as a small line, scaled to the row's own range (ten points at least, so
  // that noise stays flat), and the change since the previous run.
  function trend(td, r) {
    var scores = r[C.trend], change = r[C.change], n = scores.length, W = 40, H = 18;
    if (!n) return;
    var seen = scores.map(function (s, k) { return [k, s]; }).filter(function (p) { return p[1] !== null; });
    var lo = Math.min.apply(null, seen.map(function (p) { return p[1]; }));
    var hi = Math.max.apply(null, seen.map(function (p) { return p[1]; }));
    if (hi - lo < 10) { lo = (hi + lo) / 2 - 5; hi = lo + 10; }
    var points = seen.map(function (p) {
      return [(2 + p[0] / (n - 1) * (W - 4)).toFixed(1), (H - 2 - (p[1] - lo) / (hi - lo) * (H - 4)).toFixed(1)];
    });
    var line = svg('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, 'aria-hidden': 'true' });
    line.appendChild(svg('polyline', { points: points.map(function (p) { return p.join(','); }).join(' ') }));
    var end = points[points.length - 1];
    line.appendChild(svg('circle', { cx: end[0], cy: end[1], r: 2 }));
    td.appendChild(line);
    if (change !== null) {
      var d = document.createElement('span');
      d.className = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
      d.textContent = (change > 0 ? '+' : change < 0 ? '\u2212' : '\u00b1') + Math.abs(change).toFixed(1);
      td.appendChild(d);
    }
    td.title = seen.map(function (p) { return RUNS[p[0]] + ': ' + p[1].toFixed(1); }).join(' \u00b7 ');
    td.setAttribute('aria-label', 'score by run: ' + td.title);
  }

  function row(i) {
    var r = rows[i], tr = document.createElement('tr');
    var name = document.createElement('td');
    name.title = r[NAME];
    if (r[LINK].indexOf('https://www.linkedin.com/') === 0) {
      var a = document.createElement('a');
      a.href = r[LINK];
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      a.textContent = r[NAME];
      name.appendChild(a);
    } else {
      name.textContent = r[NAME];
    }
    tr.appendChild(name);
    cell(tr, r[COMPANY]).title = r[COMPANY];
    cell(tr, r[C.position]).title = r[C.position];
    var chip = document.createElement('span');
    chip.className = 'chip tier-' + (TIERS.indexOf(r[TIER]) >= 0 ? r[TIER] : 'clutter');
    chip.textContent = r[TIER];
    cell(tr, '').appendChild(chip);
    cell(tr, r[C.score].toFixed(1), 'num');
    cell(tr, Math.round(r[C.chance] * 100) + ' %', 'num').title = 'chance of being in touch within three months';
    if (RUNS.length) trend(cell(tr, '', 'trend'), r);
    cell(tr, r[C.last_contact]);
    cell(tr, String(r[C.sent]), 'num');
    cell(tr, String(r[C.received]), 'num');
    cell(tr, r[C.connected_on]);
    cell(tr, r[TAGS].split(';').join(', '));
    cell(tr, communityName(r[COMMUNITY])).title = communityName(r[COMMUNITY]);
    cell(tr, r[C.reasons]).title = r[C.reasons];
    return tr;
  }

  function render() {
    var top = scroller.scrollTop, height = scroller.clientHeight || 600;
    var start = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
    var end = Math.min(view.length, Math.ceil((top + height) / ROW) + OVERSCAN);
    if (start === drawn.start && end === drawn.end) return;
    drawn = { start: start, end: end };
    var frag = document.createDocumentFragment();
    frag.appendChild(spacer(start * ROW));
    for (var k = start; k < end; k++) {
      var tr = row(view[k]);
      tr.setAttribute('data-pos', String(k));
      frag.appendChild(tr);
    }
    frag.appendChild(spacer((view.length - end) * ROW));
    body.replaceChildren(frag);
  }

  var pending = false;
  scroller.addEventListener('scroll', function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; render(); });
  });
  window.addEventListener('resize', function () { drawn = { start: -1, end: -1 }; render(); });
  var timer = 0;
  function later() { window.clearTimeout(timer); timer = window.setTimeout(apply, 120); }
  search.addEventListener('input', later);
  companyFilter.addEventListener('input', later);
  [tierFilter, tagFilter, communityFilter].forEach(function (s) { s.addEventListener('change', apply); });
  headers.forEach(function (h) {
    h.tabIndex = 0;
    h.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); h.click(); }
    });
    h.addEventListener('click', function () {
      var col = Number(h.getAttribute('data-col'));
      sort = col === sort.col ? { col: col, dir: -sort.dir } : { col: col, dir: NUMERIC[col] ? -1 : 1 };
      scroller.scrollTop = 0;
      apply();
    });
  });
  apply();
})();
