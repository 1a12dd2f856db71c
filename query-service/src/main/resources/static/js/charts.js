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

function instanceFor(id, element) {
  let instance = charts.get(id);
  if (!instance || instance.isDisposed() || instance.getDom() !== element) {
    element.replaceChildren();
    instance = window.echarts.init(element, null, { renderer: 'canvas' });
    charts.set(id, instance);
  }
  return instance;
}

const value = (item) => (item !== null && typeof item === 'object' ? item.value : item);

/**
 * True when an option has nothing to draw: every series of bars, pies or a funnel holds only zeros (a gauge's 0 is
 * a reading, not an absence). Such a period shows 暂无数据 rather than a pie of zeros or empty axes.
 */
function empty(option) {
  const series = [].concat(option.series ?? []);
  const measured = series.filter((s) => s.type !== 'gauge');
  return measured.length > 0 && measured.length === series.length
    && measured.every((s) => (s.data ?? []).every((item) => !Number(value(item))));
}

/**
 * The chart living in the element with this id, created on first use; an option with nothing to draw replaces it
 * with 暂无数据 until there is data again.
 */
export function chart(id) {
  const element = document.getElementById(id);
  return {
    setOption(option, settings) {
      if (empty(option)) {
        charts.get(id)?.dispose();
        charts.delete(id);
        element.replaceChildren(Object.assign(document.createElement('div'), { className: 'chart-empty', textContent: '暂无数据' }));
        element.dataset.empty = 'true';
        return;
      }
      delete element.dataset.empty;
      instanceFor(id, element).setOption(option, settings);
    },
  };
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
