// Thin helpers around Apache ECharts (vendored, loaded as a classic script that defines window.echarts).

const charts = new Map();

export const PALETTE = {
  municipal: '#b3261e',
  district: '#e8a33d',
  pending: '#9aa5b1',
  award: '#1f5fa8',
  topUp: '#5fb3e8',
  funnel: ['#1f5fa8', '#2f80c9', '#5fb3e8', '#b3261e'],
};

/** The chart living in the element with this id, created on first use. */
export function chart(id) {
  let instance = charts.get(id);
  const element = document.getElementById(id);
  if (!instance || instance.isDisposed() || instance.getDom() !== element) {
    instance = window.echarts.init(element, null, { renderer: 'canvas' });
    charts.set(id, instance);
  }
  return instance;
}

export function resizeAll() {
  charts.forEach((instance) => {
    if (!instance.isDisposed()) instance.resize();
  });
}

window.addEventListener('resize', () => resizeAll());

export const TEXT = {
  fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif',
};
