/** Geometry of the half-circle error-budget gauge (plain SVG, no chart library). */

export interface GaugeGeometry {
  cx: number;
  cy: number;
  r: number;
}

/** The point at `fraction` along the half circle: 0 is the left end, 1 the right end. */
export function gaugePoint(
  g: GaugeGeometry,
  fraction: number,
): { x: number; y: number } {
  const angle = Math.PI * (1 - Math.min(1, Math.max(0, fraction)));
  return {
    x: g.cx + g.r * Math.cos(angle),
    y: g.cy - g.r * Math.sin(angle),
  };
}

/**
 * SVG path of the arc between two fractions of the half circle (clockwise over the top), or
 * undefined when it would be empty.
 */
export function gaugeArc(
  g: GaugeGeometry,
  from: number,
  to: number,
): string | undefined {
  const a = Math.min(1, Math.max(0, from));
  const b = Math.min(1, Math.max(0, to));
  if (b - a <= 1e-6) return undefined;
  const start = gaugePoint(g, a);
  const end = gaugePoint(g, b);
  const f = (n: number) => Number(n.toFixed(2));
  return `M ${f(start.x)} ${f(start.y)} A ${g.r} ${g.r} 0 0 1 ${f(end.x)} ${f(
    end.y,
  )}`;
}
