import type { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import type { TechInsightFact } from '@backstage-community/plugin-tech-insights-node';

function matchesType(
  value: unknown,
  type: FactSchema[string]['type'],
): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'set':
      return Array.isArray(value);
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'object':
      return typeof value === 'object' && value !== null;
    default:
      return false;
  }
}

/** Every fact value that is not in the schema or not of its declared type, in words; empty when all match. */
export function factSchemaProblems(
  facts: TechInsightFact[],
  schema: FactSchema,
): string[] {
  return facts.flatMap(fact =>
    Object.entries(fact.facts).flatMap(([name, value]) => {
      const where = `${fact.entity.kind}:${fact.entity.namespace}/${fact.entity.name} ${name}`;
      const definition = schema[name];
      if (!definition) return [`${where} is not in the schema`];
      return matchesType(value, definition.type)
        ? []
        : [`${where} = ${JSON.stringify(value)} is not a ${definition.type}`];
    }),
  );
}
