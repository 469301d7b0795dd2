import { gaugeArc, gaugePoint } from './gaugeMath';

const g = { cx: 70, cy: 70, r: 56 };

describe('gauge geometry', () => {
  it('runs from the left end over the top to the right end', () => {
    const left = gaugePoint(g, 0);
    const top = gaugePoint(g, 0.5);
    const right = gaugePoint(g, 1);
    expect(left.x).toBeCloseTo(14);
    expect(left.y).toBeCloseTo(70);
    expect(top.x).toBeCloseTo(70);
    expect(top.y).toBeCloseTo(14);
    expect(right.x).toBeCloseTo(126);
    expect(right.y).toBeCloseTo(70);
  });

  it('draws arcs clockwise and clamps fractions outside 0..1', () => {
    expect(gaugeArc(g, 0, 0.5)).toBe('M 14 70 A 56 56 0 0 1 70 14');
    expect(gaugeArc(g, -1, 2)).toBe('M 14 70 A 56 56 0 0 1 126 70');
  });

  it('draws nothing for an empty arc', () => {
    expect(gaugeArc(g, 0.3, 0.3)).toBeUndefined();
    expect(gaugeArc(g, 1, 1)).toBeUndefined();
  });
});
