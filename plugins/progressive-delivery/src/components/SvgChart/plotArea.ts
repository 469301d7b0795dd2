/** The outer size of a chart and the room kept around its plot for labels. */
export interface ChartBox {
  width: number;
  height: number;
  pad: { left: number; right: number; top: number; bottom: number };
}

/** Where the plot sits inside a chart box, and the scales from data to SVG coordinates. */
export interface PlotArea {
  box: ChartBox;
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
  x(value: number): number;
  y(value: number): number;
}

/**
 * Linear scales for a box and the data's [min, max] domains; y grows upwards. A domain of one
 * value maps to the middle so a single point is still drawn.
 */
export function plotArea(
  box: ChartBox,
  [xMin, xMax]: [number, number],
  [yMin, yMax]: [number, number],
): PlotArea {
  const width = box.width - box.pad.left - box.pad.right;
  const height = box.height - box.pad.top - box.pad.bottom;
  const share = (v: number, min: number, max: number) =>
    max === min ? 0.5 : (v - min) / (max - min);
  return {
    box,
    left: box.pad.left,
    right: box.pad.left + width,
    top: box.pad.top,
    bottom: box.pad.top + height,
    width,
    height,
    x: v => box.pad.left + share(v, xMin, xMax) * width,
    y: v => box.pad.top + (1 - share(v, yMin, yMax)) * height,
  };
}

/** An SVG path through the points with straight segments. */
export function linePath(points: Array<{ x: number; y: number }>): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
}
