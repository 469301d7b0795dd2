/*
 * A small validator for the OpenAPI v3 subset Kubernetes uses in CustomResourceDefinitions
 * ("structural schemas"), with the Kubernetes extensions that change validation:
 * `x-kubernetes-int-or-string`, `x-kubernetes-preserve-unknown-fields`, `x-kubernetes-list-type`
 * (`set`, `map` with `x-kubernetes-list-map-keys`) and `nullable`.
 *
 * Semantics follow the API server with strict field validation (`kubectl apply --validate=strict`):
 * fields the schema does not know are reported (the server would drop them silently otherwise);
 * `null` for a field that is not `nullable` is treated as absent (the server prunes it).
 * Not covered: CEL rules (`x-kubernetes-validations`), `format` other than int32/int64/date-time,
 * and defaulting.
 */

/** A (structural) OpenAPI v3 schema node. @public */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  nullable?: boolean;
  default?: unknown;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-validations'?: unknown[];
}

/** One schema violation; `path` as Kubernetes prints it, e.g. `spec.strategy.canary.steps[0].setWeight`. @public */
export interface SchemaViolation {
  path: string;
  message: string;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return typeof value;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeOf(value) === 'object';
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const INT32 = 2 ** 31;
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

function checkType(
  schema: JsonSchema,
  value: unknown,
  path: string,
  out: SchemaViolation[],
): boolean {
  const actual = typeOf(value);
  if (schema['x-kubernetes-int-or-string']) {
    if (actual === 'integer' || actual === 'string') return true;
    out.push({
      path,
      message: `Invalid value: "${actual}": must be an integer or a string`,
    });
    return false;
  }
  if (!schema.type) return true;
  const ok =
    schema.type === actual ||
    (schema.type === 'number' && actual === 'integer');
  if (!ok) {
    out.push({
      path,
      message: `Invalid value: "${actual}": ${
        path || 'value'
      } in body must be of type ${schema.type}`,
    });
  }
  return ok;
}

function checkScalar(
  schema: JsonSchema,
  value: unknown,
  path: string,
  out: SchemaViolation[],
): void {
  if (schema.enum && !schema.enum.some(e => deepEqual(e, value))) {
    out.push({
      path,
      message: `Unsupported value: ${JSON.stringify(
        value,
      )}: supported values: ${schema.enum
        .map(e => JSON.stringify(e))
        .join(', ')}`,
    });
  }
  if (typeof value === 'string') {
    if (schema.pattern !== undefined) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(schema.pattern, 'u');
      } catch {
        re = undefined; // a pattern JavaScript cannot read is not checked
      }
      if (re && !re.test(value)) {
        out.push({
          path,
          message: `Invalid value: ${JSON.stringify(value)}: should match '${
            schema.pattern
          }'`,
        });
      }
    }
    if (
      schema.minLength !== undefined &&
      [...value].length < schema.minLength
    ) {
      out.push({
        path,
        message: `Invalid value: should be at least ${schema.minLength} chars long`,
      });
    }
    if (
      schema.maxLength !== undefined &&
      [...value].length > schema.maxLength
    ) {
      out.push({
        path,
        message: `Too long: may not be longer than ${schema.maxLength}`,
      });
    }
    if (schema.format === 'date-time' && !DATE_TIME.test(value)) {
      out.push({
        path,
        message: `Invalid value: ${JSON.stringify(
          value,
        )}: must be an RFC 3339 date-time`,
      });
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined) {
      const bad = schema.exclusiveMinimum
        ? value <= schema.minimum
        : value < schema.minimum;
      if (bad) {
        out.push({
          path,
          message: `Invalid value: ${value}: should be greater than ${
            schema.exclusiveMinimum ? '' : 'or equal to '
          }${schema.minimum}`,
        });
      }
    }
    if (schema.maximum !== undefined) {
      const bad = schema.exclusiveMaximum
        ? value >= schema.maximum
        : value > schema.maximum;
      if (bad) {
        out.push({
          path,
          message: `Invalid value: ${value}: should be less than ${
            schema.exclusiveMaximum ? '' : 'or equal to '
          }${schema.maximum}`,
        });
      }
    }
    if (
      schema.format === 'int32' &&
      Number.isInteger(value) &&
      (value < -INT32 || value >= INT32)
    ) {
      out.push({
        path,
        message: `Invalid value: ${value}: out of range for int32`,
      });
    }
  }
}

function checkArray(
  schema: JsonSchema,
  value: unknown[],
  path: string,
  out: SchemaViolation[],
): void {
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    out.push({
      path,
      message: `Invalid value: ${value.length}: must have at least ${schema.minItems} items`,
    });
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    out.push({
      path,
      message: `Too many: ${value.length}: must have at most ${schema.maxItems} items`,
    });
  }
  const listType = schema['x-kubernetes-list-type'];
  if (schema.uniqueItems || listType === 'set') {
    const seen = new Set<string>();
    value.forEach((item, i) => {
      const key = JSON.stringify(item);
      if (seen.has(key)) {
        out.push({
          path: `${path}[${i}]`,
          message: `Duplicate value: ${key}`,
        });
      }
      seen.add(key);
    });
  }
  if (listType === 'map') {
    const keys = schema['x-kubernetes-list-map-keys'] ?? [];
    const seen = new Set<string>();
    value.forEach((item, i) => {
      if (!isObject(item) || keys.length === 0) return;
      const key = JSON.stringify(keys.map(k => item[k] ?? null));
      if (seen.has(key)) {
        out.push({
          path: `${path}[${i}]`,
          message: `Duplicate value: ${JSON.stringify(
            Object.fromEntries(keys.map(k => [k, item[k]])),
          )}`,
        });
      }
      seen.add(key);
    });
  }
  if (schema.items) {
    value.forEach((item, i) =>
      validateNode(schema.items!, item, `${path}[${i}]`, out),
    );
  }
}

function checkObject(
  schema: JsonSchema,
  value: Record<string, unknown>,
  path: string,
  out: SchemaViolation[],
  options: { skipKeys?: ReadonlySet<string> },
): void {
  const present = Object.keys(value).filter(
    k => value[k] !== null || schema.properties?.[k]?.nullable,
  );
  for (const key of schema.required ?? []) {
    if (!present.includes(key)) {
      out.push({ path: join(path, key), message: 'Required value' });
    }
  }
  if (
    schema.minProperties !== undefined &&
    present.length < schema.minProperties
  ) {
    out.push({
      path,
      message: `should have at least ${schema.minProperties} properties`,
    });
  }
  if (
    schema.maxProperties !== undefined &&
    present.length > schema.maxProperties
  ) {
    out.push({
      path,
      message: `should have at most ${schema.maxProperties} properties`,
    });
  }
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  for (const key of Object.keys(value)) {
    if (options.skipKeys?.has(key)) continue;
    const child = value[key];
    if (child === null) continue; // unset: pruned, never an unknown field
    const childPath = join(path, key);
    const propSchema = schema.properties?.[key];
    if (propSchema) {
      validateNode(propSchema, child, childPath, out);
    } else if (isObject(schema.additionalProperties)) {
      validateNode(schema.additionalProperties, child, childPath, out);
    } else if (schema.additionalProperties === true || preserve) {
      continue;
    } else if (
      !schema.properties &&
      schema.additionalProperties === undefined
    ) {
      // `type: object` without properties: Kubernetes would prune the content
      out.push({ path: childPath, message: 'unknown field' });
    } else {
      out.push({ path: childPath, message: 'unknown field' });
    }
  }
}

function validateNode(
  schema: JsonSchema,
  value: unknown,
  path: string,
  out: SchemaViolation[],
  options: { skipKeys?: ReadonlySet<string> } = {},
): void {
  if (value === null || value === undefined) {
    // nullable: accepted; otherwise pruned by the API server, so accepted as absent.
    return;
  }
  if (!checkType(schema, value, path, out)) return;
  checkScalar(schema, value, path, out);
  if (Array.isArray(value)) checkArray(schema, value, path, out);
  else if (isObject(value)) checkObject(schema, value, path, out, options);
  checkCombinators(schema, value, path, out);
}

function checkCombinators(
  schema: JsonSchema,
  value: unknown,
  path: string,
  out: SchemaViolation[],
): void {
  const passes = (s: JsonSchema) => {
    const tmp: SchemaViolation[] = [];
    validateNode(
      { ...s, 'x-kubernetes-preserve-unknown-fields': true },
      value,
      path,
      tmp,
    );
    return tmp.length === 0;
  };
  if (schema.allOf) {
    for (const s of schema.allOf)
      validateNode(
        { ...s, 'x-kubernetes-preserve-unknown-fields': true },
        value,
        path,
        out,
      );
  }
  // int-or-string fields carry anyOf [integer, string]; checkType already covers them.
  if (schema.anyOf && !schema['x-kubernetes-int-or-string']) {
    if (!schema.anyOf.some(passes)) {
      out.push({ path, message: 'must match at least one schema in anyOf' });
    }
  }
  if (schema.oneOf) {
    const n = schema.oneOf.filter(passes).length;
    if (n !== 1) {
      out.push({ path, message: 'must match exactly one schema in oneOf' });
    }
  }
  if (schema.not && passes(schema.not)) {
    out.push({ path, message: 'must not match the schema in not' });
  }
}

/**
 * Validates `value` against `schema`; returns every violation found (empty when valid).
 * `skipTopLevel` names top-level keys to ignore (e.g. `status`).
 * @public
 */
export function validateJsonSchema(
  schema: JsonSchema,
  value: unknown,
  options: { skipTopLevel?: readonly string[] } = {},
): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  validateNode(schema, value, '', out, {
    skipKeys: new Set(options.skipTopLevel ?? []),
  });
  return out;
}
