import { linePath, plotArea } from './plotArea';

const box = {
  width: 120,
  height: 70,
  pad: { left: 10, right: 10, top: 5, bottom: 15 },
};

describe('plotArea', () => {
  it('maps the domains onto the plot inside the padding, y upwards', () => {
    const area = plotArea(box, [100, 200], [0, 10]);
    expect([area.left, area.right, area.top, area.bottom]).toEqual([
      10, 110, 5, 55,
    ]);
    expect([area.width, area.height]).toEqual([100, 50]);
    expect(area.x(100)).toBe(10);
    expect(area.x(150)).toBe(60);
    expect(area.x(200)).toBe(110);
    expect(area.y(0)).toBe(55);
    expect(area.y(10)).toBe(5);
    expect(area.y(2)).toBe(45);
  });

  it('puts a one-value domain in the middle', () => {
    const area = plotArea(box, [7, 7], [3, 3]);
    expect(area.x(7)).toBe(60);
    expect(area.y(3)).toBe(30);
  });

  it('draws straight segments through the points', () => {
    expect(
      linePath([
        { x: 0, y: 10 },
        { x: 5, y: 4 },
      ]),
    ).toBe('M0,10 L5,4');
    expect(linePath([])).toBe('');
  });
});
