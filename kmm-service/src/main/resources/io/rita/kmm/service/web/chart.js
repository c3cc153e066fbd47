// The balance over time: an SVG step chart drawn with DOM calls, text set with textContent.

const SVG = 'http://www.w3.org/2000/svg';

// a step line of the balance after each entry, from 0 before the first
export function drawChart(svg, entries) {
  svg.replaceChildren();
  const width = 640, height = 200, left = 48, right = 12, top = 12, bottom = 28;
  if (entries.length === 0) {
    svgText(svg, width / 2, height / 2, 'no deposits or withdrawals yet', 'middle');
    return;
  }
  const times = entries.map((e) => Date.parse(e.time));
  const balances = entries.map((e) => Number(e.balance));
  const first = times[0], last = times[times.length - 1];
  const high = Math.max(...balances, 0) || 1;
  const low = Math.min(...balances, 0);
  const evenly = last === first;   // all at one instant: space the steps evenly instead
  const x = (i) => left + (width - left - right) * (entries.length === 1 ? 1
    : evenly ? i / (entries.length - 1) : (times[i] - first) / (last - first));
  const y = (value) => top + (height - top - bottom) * (high - value) / (high - low);
  line(svg, left, y(0), width - right, y(0), 'axis');
  line(svg, left, top, left, height - bottom, 'axis');
  let path = 'M ' + left + ' ' + y(0);
  entries.forEach((entry, i) => { path += ' H ' + x(i) + ' V ' + y(balances[i]); });
  const area = document.createElementNS(SVG, 'path');
  area.setAttribute('d', path + ' V ' + y(0) + ' Z');
  area.setAttribute('class', 'area');
  svg.appendChild(area);
  const stroke = document.createElementNS(SVG, 'path');
  stroke.setAttribute('d', path);
  stroke.setAttribute('class', 'line');
  svg.appendChild(stroke);
  entries.forEach((entry, i) => {
    const dot = document.createElementNS(SVG, 'circle');
    dot.setAttribute('cx', x(i));
    dot.setAttribute('cy', y(balances[i]));
    dot.setAttribute('r', 3);
    dot.setAttribute('class', 'dot');
    const title = document.createElementNS(SVG, 'title');
    title.textContent = entry.amount + ' ' + entry.description + ' → ' + entry.balance;
    dot.appendChild(title);
    svg.appendChild(dot);
  });
  svgText(svg, left - 6, y(high) + 4, String(high), 'end');
  svgText(svg, left - 6, y(0) + 4, '0', 'end');
  svgText(svg, left, height - 8, new Date(first).toLocaleDateString(), 'start');
  svgText(svg, width - right, height - 8, new Date(last).toLocaleString(), 'end');
}

function line(svg, x1, y1, x2, y2, className) {
  const element = document.createElementNS(SVG, 'line');
  Object.entries({ x1, y1, x2, y2 }).forEach(([name, value]) => element.setAttribute(name, value));
  element.setAttribute('class', className);
  svg.appendChild(element);
}

function svgText(svg, x, y, text, anchor) {
  const element = document.createElementNS(SVG, 'text');
  element.setAttribute('x', x);
  element.setAttribute('y', y);
  element.setAttribute('text-anchor', anchor);
  element.textContent = text;
  svg.appendChild(element);
}
