// The search page's pictures, drawn as SVG from the counts of /api/facets: a timeline
// of matching documents, and which spelling of the query's names was written when and
// by which source. No library, no external service. Served at /static/charts.js.
"use strict";

const TigrisCharts = (() => {
  const palette = ["#0b6e69", "#d1495b", "#edae49", "#3d5a80", "#8f5aa8", "#66a182",
                   "#e07a5f", "#2e4057", "#c9a227", "#5b8e7d", "#a23e48", "#6d597a"];
  const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  // Months when the matches span at most this many, else years.
  const maxMonths = 36;
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[c]));

  function nextMonth(m) {
    let y = +m.slice(0, 4), n = +m.slice(5, 7) + 1;
    if (n > 12) { n = 1; y += 1; }
    return String(y).padStart(4, "0") + "-" + String(n).padStart(2, "0");
  }

  // The periods of a timeline given as {"YYYY-MM": n}: every month (or year, when the
  // span is long) from the first to the last, so that gaps show as gaps.
  function periods(monthCounts) {
    const months = Object.keys(monthCounts).filter((m) => monthCounts[m] > 0).sort();
    if (!months.length) return { unit: "month", keys: [] };
    const first = months[0], last = months[months.length - 1];
    const span = (+last.slice(0, 4) - +first.slice(0, 4)) * 12 + (+last.slice(5, 7) - +first.slice(5, 7)) + 1;
    const keys = [];
    if (span <= maxMonths) {
      for (let m = first; m <= last; m = nextMonth(m)) keys.push(m);
      return { unit: "month", keys };
    }
    for (let y = +first.slice(0, 4); y <= +last.slice(0, 4); y++) keys.push(String(y).padStart(4, "0"));
    return { unit: "year", keys };
  }

  // {"YYYY-MM": n} summed by the periods' unit.
  function byPeriod(monthCounts, unit) {
    const out = {};
    for (const [m, n] of Object.entries(monthCounts || {})) {
      const k = unit === "year" ? m.slice(0, 4) : m;
      out[k] = (out[k] || 0) + n;
    }
    return out;
  }

  // The days a period covers, as YYYY-MM-DD (for comparing with a date filter).
  function firstDay(k) { return k.length === 4 ? k + "-01-01" : k.length === 7 ? k + "-01" : k; }
  function lastDay(k) { return k.length === 4 ? k + "-12-31" : k.length === 7 ? k + "-31" : k; }
  function label(k) { return k.length === 4 ? k : monthNames[+k.slice(5, 7) - 1] + " " + k.slice(0, 4); }

  // Axis labels: each year's start (or every few years), and the first period.
  function ticks(keys, x, y) {
    const every = Math.max(1, Math.ceil(keys.length / 12));
    let s = "";
    keys.forEach((k, i) => {
      const yearStart = k.length === 4 ? i % every === 0 : k.endsWith("-01") || i === 0;
      if (!yearStart) return;
      s += `<text class="tick" x="${x(i)}" y="${y}">${esc(k.length === 4 ? k : (i === 0 && !k.endsWith("-01") ? label(k) : k.slice(0, 4)))}</text>`;
    });
    return s;
  }

  // The timeline: one bar per period with matches. onPick(period, extend) on a click
  // (extend: shift held, to stretch the chosen range to it).
  function timeline(host, monthCounts, from, to, onPick) {
    const { unit, keys } = periods(monthCounts);
    if (!keys.length) { host.innerHTML = '<p class="empty">No dated documents match.</p>'; return { unit, keys }; }
    const counts = byPeriod(monthCounts, unit);
    const max = Math.max(...Object.values(counts));
    const W = 480, H = 130, left = 28, top = 10, bottom = 20, plotH = H - top - bottom;
    const step = (W - left) / keys.length, bw = Math.max(1, Math.min(32, step - 2));
    const x = (i) => left + i * step + (step - bw) / 2;
    const fromDay = from ? firstDay(from) : "", toDay = to ? lastDay(to) : "";
    const chosen = (k) => (from || to) && (!fromDay || lastDay(k) >= fromDay) && (!toDay || firstDay(k) <= toDay);
    let s = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="Matching documents per ${unit}">`;
    s += `<line class="axis" x1="${left}" y1="${top + plotH}" x2="${W}" y2="${top + plotH}"/>`;
    s += `<text class="tick" x="${left - 6}" y="${top + 8}" text-anchor="end">${max}</text>`;
    keys.forEach((k, i) => {
      const n = counts[k] || 0;
      if (!n) return;
      const h = Math.max(2, plotH * n / max);
      s += `<rect class="bar${chosen(k) ? " on" : ""}" data-period="${k}" data-count="${n}" x="${x(i)}" y="${top + plotH - h}" ` +
           `width="${bw}" height="${h}"><title>${esc(label(k))}: ${n} document${n === 1 ? "" : "s"}</title></rect>`;
    });
    s += ticks(keys, (i) => x(i), H - 6) + "</svg>";
    host.innerHTML = s;
    host.querySelectorAll("rect.bar").forEach((r) => r.addEventListener("click", (e) => onPick(r.dataset.period, e.shiftKey)));
    return { unit, keys };
  }

  // A legend: a swatch, the spelling, its documents; why it matched on hover.
  function legend(spellings) {
    return '<div class="legend">' + spellings.map((sp, i) =>
      `<span class="key" title="${esc(sp.via)}"><i style="background:${palette[i % palette.length]}"></i>` +
      `${esc(sp.text)} <small>${sp.documents}</small></span>`).join("") + "</div>";
  }

  // Which spelling was written when: a stacked bar per period (on the timeline's
  // periods), a segment per spelling; and per source, one stacked bar of its spellings.
  function spellings(host, facet, unit, keys) {
    const list = facet.spellings || [];
    if (!list.length) { host.innerHTML = '<p class="empty">The query names no name or family with other spellings.</p>'; return; }
    const perPeriod = list.map((sp) => byPeriod(sp.month, unit));
    const totals = keys.map((k) => perPeriod.reduce((a, c) => a + (c[k] || 0), 0));
    const max = Math.max(1, ...totals);
    const W = 480, H = 110, left = 28, top = 8, bottom = 20, plotH = H - top - bottom;
    const step = (W - left) / Math.max(1, keys.length), bw = Math.max(1, Math.min(32, step - 2));
    const x = (i) => left + i * step + (step - bw) / 2;
    let s = `<svg class="over-time" viewBox="0 0 ${W} ${H}" role="img" aria-label="Spellings per ${unit}">`;
    s += `<line class="axis" x1="${left}" y1="${top + plotH}" x2="${W}" y2="${top + plotH}"/>`;
    s += `<text class="tick" x="${left - 6}" y="${top + 8}" text-anchor="end">${max}</text>`;
    keys.forEach((k, i) => {
      if (!totals[i]) return;
      let y = top + plotH;
      s += `<g class="stack" data-period="${k}">`;
      list.forEach((sp, j) => {
        const n = perPeriod[j][k] || 0;
        if (!n) return;
        const h = plotH * n / max;
        y -= h;
        s += `<rect class="seg" data-spelling="${esc(sp.text)}" x="${x(i)}" y="${y}" width="${bw}" height="${h}" ` +
             `fill="${palette[j % palette.length]}"><title>${esc(label(k))}: ${esc(sp.text)} in ${n} document${n === 1 ? "" : "s"}</title></rect>`;
      });
      s += "</g>";
    });
    s += ticks(keys, (i) => x(i), H - 6) + "</svg>";
    host.innerHTML = s + bySource(list) + legend(list) +
      (facet.spellings_left_out ? `<p class="empty">${facet.spellings_left_out} more spellings not counted.</p>` : "");
  }

  // One horizontal bar per source, in segments by spelling: who writes which.
  function bySource(list) {
    const sources = [...new Set(list.flatMap((sp) => Object.keys(sp.source || {})))].sort();
    const totals = sources.map((src) => list.reduce((a, sp) => a + ((sp.source || {})[src] || 0), 0));
    const max = Math.max(1, ...totals);
    const W = 480, row = 16, left = 60, H = sources.length * row + 4;
    let s = `<svg class="by-source" viewBox="0 0 ${W} ${H}" role="img" aria-label="Spellings per source">`;
    sources.forEach((src, r) => {
      let x = left;
      s += `<text class="tick" x="${left - 6}" y="${r * row + 12}" text-anchor="end">${esc(src)}</text><g class="source-bar" data-source="${esc(src)}">`;
      list.forEach((sp, j) => {
        const n = (sp.source || {})[src] || 0;
        if (!n) return;
        const w = (W - left - 10) * n / max;
        s += `<rect class="seg" x="${x}" y="${r * row + 2}" width="${w}" height="${row - 4}" fill="${palette[j % palette.length]}">` +
             `<title>${esc(src)}: ${esc(sp.text)} in ${n} document${n === 1 ? "" : "s"}</title></rect>`;
        x += w;
      });
      s += "</g>";
    });
    return s + "</svg>";
  }

  return { timeline, spellings, periods, label };
})();
