// Small inline-SVG charts for the staff console: stacked columns (per day, per month) and horizontal bars (top
// questions). Drawn by the page itself (no library, nothing from other origins). Each chart is an image with a
// spoken summary, every bar carries its figures in a <title> (hover, screen readers), and a legend names the series.
'use strict';

window.StaffCharts = (() => {
  const SVG = 'http://www.w3.org/2000/svg';
  // Distinguishable in print and by colour-blind readers (Okabe–Ito), on the console's white panels.
  const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

  function svg(tag, attributes = {}, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** A round, readable top for the value axis: 2, 4, 6, 10 × 10ⁿ at or above `max` (even, so the middle line is whole). */
  function niceMax(max) {
    if (max <= 2) return 2;
    const power = 10 ** Math.floor(Math.log10(max));
    return [2, 4, 6, 10, 20].map((m) => m * power).find((top) => top >= max);
  }

  const number = (n) => n.toLocaleString('vi-VN');

  function legend(series) {
    const list = document.createElement('ul');
    list.className = 'chart__legend';
    series.forEach((s, i) => {
      const item = document.createElement('li');
      const swatch = svg('svg', { width: 12, height: 12, 'aria-hidden': 'true' });
      swatch.append(svg('rect', { width: 12, height: 12, rx: 2, fill: s.colour || COLOURS[i % COLOURS.length] }));
      item.append(swatch, ` ${s.label}`);
      list.append(item);
    });
    return list;
  }

  /**
   * Stacked columns: `categories` along the bottom (labels shown as `categoryLabel` gives them, thinned out when many),
   * `series` [{ label, values[], colour? }] stacked in each column. `summary` is what a screen reader hears.
   */
  function stackedColumns({ categories, categoryLabel = (c) => c, series, summary }) {
    const width = 640;
    const height = 240;
    const pad = { top: 12, right: 8, bottom: 36, left: 44 };
    const plotWidth = width - pad.left - pad.right;
    const plotHeight = height - pad.top - pad.bottom;
    const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] || 0), 0));
    const top = niceMax(Math.max(0, ...totals));
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart__svg', role: 'img', 'aria-label': summary });
    for (const fraction of [0, 0.5, 1]) {
      const y = pad.top + plotHeight * (1 - fraction);
      chart.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: 'chart__grid' }));
      chart.append(svg('text', { x: pad.left - 6, y: y + 4, 'text-anchor': 'end', class: 'chart__axis' }, number(Math.round(top * fraction))));
    }
    const slot = plotWidth / Math.max(1, categories.length);
    const barWidth = Math.max(2, Math.min(36, slot * 0.7));
    const every = Math.ceil(categories.length / 10);
    categories.forEach((category, i) => {
      const x = pad.left + slot * i + (slot - barWidth) / 2;
      let y = pad.top + plotHeight;
      const column = svg('g', { class: 'chart__column' });
      const parts = series.map((s) => `${s.label}: ${number(s.values[i] || 0)}`).join(', ');
      column.append(svg('title', {}, `${categoryLabel(category)} – ${parts}`));
      series.forEach((s, k) => {
        const value = s.values[i] || 0;
        if (value <= 0) return;
        const h = (value / top) * plotHeight;
        y -= h;
        column.append(svg('rect', { x, y, width: barWidth, height: h, fill: s.colour || COLOURS[k % COLOURS.length] }));
      });
      chart.append(column);
      if (i % every === 0) {
        chart.append(svg('text', { x: x + barWidth / 2, y: height - pad.bottom + 16, 'text-anchor': 'middle', class: 'chart__axis' }, categoryLabel(category)));
      }
    });
    return wrap(chart, series);
  }

  /** Horizontal bars [{ label, value }], longest first as given, each with its figure at the end. */
  function horizontalBars({ bars, summary, colour = COLOURS[0] }) {
    const row = 28;
    const labelWidth = 220;
    const width = 640;
    const height = Math.max(row, bars.length * row) + 4;
    const top = Math.max(1, ...bars.map((b) => b.value));
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart__svg', role: 'img', 'aria-label': summary });
    bars.forEach((bar, i) => {
      const y = i * row + 4;
      const length = ((width - labelWidth - 60) * bar.value) / top;
      const group = svg('g', {});
      group.append(svg('title', {}, `${bar.label}: ${number(bar.value)}`));
      group.append(svg('text', { x: labelWidth - 8, y: y + 15, 'text-anchor': 'end', class: 'chart__label' }, bar.label));
      group.append(svg('rect', { x: labelWidth, y, width: Math.max(1, length), height: row - 8, rx: 3, fill: colour }));
      group.append(svg('text', { x: labelWidth + length + 6, y: y + 15, class: 'chart__axis' }, number(bar.value)));
      chart.append(group);
    });
    return wrap(chart);
  }

  function wrap(chart, series) {
    const figure = document.createElement('figure');
    figure.className = 'chart';
    figure.append(chart);
    if (series && series.length > 1) figure.append(legend(series));
    return figure;
  }

  return { stackedColumns, horizontalBars, COLOURS };
})();
