import { downloadCsv } from './downloadCsv';

describe('downloadCsv', () => {
  const createObjectURL = jest.fn((_: Blob) => 'blob:scorecards');
  const revokeObjectURL = jest.fn();

  beforeEach(() => {
    jest.useFakeTimers();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });
  afterEach(() => jest.useRealTimers());

  it('clicks a temporary download link to a CSV blob and cleans up', async () => {
    const clicked: HTMLAnchorElement[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push(this);
        expect(document.body.contains(this)).toBe(true);
      });
    downloadCsv('scorecards.csv', 'a,b\r\n');
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('scorecards.csv');
    expect(clicked[0].getAttribute('href')).toBe('blob:scorecards');
    expect(document.body.contains(clicked[0])).toBe(false);

    const blob = createObjectURL.mock.calls[0][0];
    expect(blob.type).toBe('text/csv;charset=utf-8');
    // The UTF-8 byte order mark (3 bytes) before the text.
    expect(blob.size).toBe(3 + 'a,b\r\n'.length);
    expect((await blob.text()).endsWith('a,b\r\n')).toBe(true);
    expect(revokeObjectURL).not.toHaveBeenCalled();
    jest.runAllTimers();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:scorecards');
    click.mockRestore();
  });
});
