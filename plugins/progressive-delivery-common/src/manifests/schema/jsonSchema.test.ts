import { JsonSchema, validateJsonSchema } from './jsonSchema';

const schema: JsonSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: '^[a-z]+$', maxLength: 5 },
    count: {
      'x-kubernetes-int-or-string': true,
      anyOf: [{ type: 'integer' }, { type: 'string' }],
    },
    ratio: { type: 'number', minimum: 0, maximum: 1 },
    size: { type: 'integer', format: 'int32' },
    mode: { type: 'string', enum: ['a', 'b'] },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    opt: { type: 'string', nullable: true },
    ports: {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['port'],
      items: {
        type: 'object',
        required: ['port'],
        properties: { port: { type: 'integer' } },
      },
    },
    tags: {
      type: 'array',
      'x-kubernetes-list-type': 'set',
      items: { type: 'string' },
      minItems: 1,
    },
    one: {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      oneOf: [{ required: ['a'] }, { required: ['b'] }],
    },
    at: { type: 'string', format: 'date-time' },
  },
};

const messages = (value: unknown) =>
  validateJsonSchema(schema, value).map(v => `${v.path}: ${v.message}`);

describe('validateJsonSchema', () => {
  it('accepts a valid object', () => {
    expect(
      messages({
        name: 'abc',
        count: '25%',
        ratio: 0.5,
        size: 3,
        mode: 'a',
        labels: { x: 'y' },
        free: { anything: { goes: 1 } },
        opt: null,
        ports: [{ port: 1 }, { port: 2 }],
        tags: ['a', 'b'],
        one: { a: 'x' },
        at: '2026-01-01T00:00:00Z',
      }),
    ).toEqual([]);
  });

  it('reports each kind of violation with its path', () => {
    expect(
      messages({
        count: 1.5,
        ratio: 2,
        size: 2 ** 40,
        mode: 'c',
        labels: { x: 1 },
        extra: true,
        ports: [{ port: 1 }, { port: 1 }],
        tags: [],
        one: { a: 'x', b: 'y' },
        at: 'yesterday',
      }),
    ).toEqual([
      'name: Required value',
      'count: Invalid value: "number": must be an integer or a string',
      'ratio: Invalid value: 2: should be less than or equal to 1',
      'size: Invalid value: 1099511627776: out of range for int32',
      'mode: Unsupported value: "c": supported values: "a", "b"',
      'labels.x: Invalid value: "integer": labels.x in body must be of type string',
      'extra: unknown field',
      'ports[1]: Duplicate value: {"port":1}',
      'tags: Invalid value: 0: must have at least 1 items',
      'one: must match exactly one schema in oneOf',
      'at: Invalid value: "yesterday": must be an RFC 3339 date-time',
    ]);
    expect(messages({ name: 'ABCDEFG' })).toEqual([
      'name: Invalid value: "ABCDEFG": should match \'^[a-z]+$\'',
      'name: Too long: may not be longer than 5',
    ]);
    expect(messages('x')).toEqual([
      ': Invalid value: "string": value in body must be of type object',
    ]);
  });

  it('skips top-level keys on request and treats null as unset', () => {
    expect(
      validateJsonSchema(
        schema,
        { name: 'a', status: {} },
        { skipTopLevel: ['status'] },
      ),
    ).toEqual([]);
    expect(messages({ name: 'a', unknown: null })).toEqual([]);
    expect(messages({ name: null })).toEqual(['name: Required value']);
  });
});
