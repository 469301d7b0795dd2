import { applyJsonPatch, JsonPatchError } from './jsonPatch';

const doc = () => ({
  foo: 'bar',
  list: [1, 2, 3],
  nested: { 'a/b': 1, 'm~n': 2 },
});

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof JsonPatchError) return e.failure;
    throw e;
  }
  return 'none';
}

describe('applyJsonPatch (RFC 6902)', () => {
  it('adds, including array insert and append', () => {
    expect(
      applyJsonPatch(doc(), [
        { op: 'add', path: '/baz', value: 'qux' },
        { op: 'add', path: '/list/1', value: 9 },
        { op: 'add', path: '/list/-', value: 4 },
      ]),
    ).toMatchObject({ baz: 'qux', list: [1, 9, 2, 3, 4] });
  });

  it('removes and replaces', () => {
    expect(
      applyJsonPatch(doc(), [
        { op: 'remove', path: '/foo' },
        { op: 'remove', path: '/list/0' },
        { op: 'replace', path: '/list/0', value: 'x' },
      ]),
    ).toEqual({ list: ['x', 3], nested: { 'a/b': 1, 'm~n': 2 } });
  });

  it('decodes ~1 and ~0 in pointers', () => {
    expect(
      applyJsonPatch(doc(), [
        { op: 'replace', path: '/nested/a~1b', value: 10 },
        { op: 'replace', path: '/nested/m~0n', value: 20 },
      ]),
    ).toMatchObject({ nested: { 'a/b': 10, 'm~n': 20 } });
  });

  it('moves and copies', () => {
    expect(
      applyJsonPatch(doc(), [
        { op: 'move', from: '/foo', path: '/moved' },
        { op: 'copy', from: '/list', path: '/copy' },
      ]),
    ).toEqual({
      moved: 'bar',
      list: [1, 2, 3],
      copy: [1, 2, 3],
      nested: { 'a/b': 1, 'm~n': 2 },
    });
  });

  it('replaces the whole document with path ""', () => {
    expect(
      applyJsonPatch(doc(), [{ op: 'replace', path: '', value: { x: 1 } }]),
    ).toEqual({ x: 1 });
  });

  it('passes and fails test operations', () => {
    expect(
      applyJsonPatch(doc(), [
        { op: 'test', path: '/list', value: [1, 2, 3] },
        { op: 'test', path: '/nested', value: { 'm~n': 2, 'a/b': 1 } },
      ]),
    ).toEqual(doc());
    expect(
      failure(() =>
        applyJsonPatch(doc(), [{ op: 'test', path: '/foo', value: 'nope' }]),
      ),
    ).toBe('failed');
  });

  it('is atomic: a failing operation leaves the input untouched', () => {
    const d = doc();
    expect(
      failure(() =>
        applyJsonPatch(d, [
          { op: 'add', path: '/x', value: 1 },
          { op: 'remove', path: '/missing' },
        ]),
      ),
    ).toBe('failed');
    expect(d).toEqual(doc());
  });

  it.each([
    [[{ op: 'remove', path: '/missing' }]],
    [[{ op: 'replace', path: '/missing', value: 1 }]],
    [[{ op: 'add', path: '/missing/deep', value: 1 }]],
    [[{ op: 'add', path: '/list/7', value: 1 }]],
    [[{ op: 'remove', path: '/list/3' }]],
    [[{ op: 'add', path: '/list/01', value: 1 }]],
    [[{ op: 'move', from: '/nested', path: '/nested/child' }]],
    [[{ op: 'remove', path: '' }]],
  ])('fails (422) on %j', patch => {
    expect(failure(() => applyJsonPatch(doc(), patch))).toBe('failed');
  });

  it.each([
    [{ op: 'add', path: '/x', value: 1 }],
    [[{ op: 'frobnicate', path: '/x' }]],
    [[{ op: 'add', path: '/x' }]],
    [[{ path: '/x', value: 1 }]],
    [[{ op: 'add', path: 'x', value: 1 }]],
    [[{ op: 'move', path: '/x' }]],
    [[{ op: 'add', path: '/a~2', value: 1 }]],
    [['not an object']],
  ])('rejects a malformed patch (400): %j', patch => {
    expect(failure(() => applyJsonPatch(doc(), patch))).toBe('malformed');
  });

  it('does not pollute prototypes', () => {
    applyJsonPatch({}, [
      { op: 'add', path: '/__proto__', value: { polluted: true } },
    ]);
    expect(({} as any).polluted).toBeUndefined();
  });
});
