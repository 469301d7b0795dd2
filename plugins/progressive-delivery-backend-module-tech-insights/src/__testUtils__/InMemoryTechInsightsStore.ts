import type { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import type {
  FactSchemaDefinition,
  FlatTechInsightFact,
  TechInsightFact,
  TechInsightsStore,
} from '@backstage-community/plugin-tech-insights-node';
import {
  type CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * A TechInsightsStore in memory, holding the newest fact row per retriever and entity and the
 * latest schema per retriever: enough for the json-rules-engine fact checker. Time-range
 * queries are not needed by the checker and refuse loudly.
 */
export class InMemoryTechInsightsStore implements TechInsightsStore {
  private readonly latest = new Map<string, FlatTechInsightFact>();
  private readonly schemas = new Map<string, FactSchemaDefinition>();

  async insertFactSchema(definition: FactSchemaDefinition): Promise<void> {
    this.schemas.set(definition.id, definition);
  }

  async insertFacts(options: {
    id: string;
    facts: TechInsightFact[];
  }): Promise<void> {
    if (!this.schemas.has(options.id)) {
      throw new Error(`No schema found for ${options.id}`);
    }
    for (const fact of options.facts) {
      const entity = stringifyEntityRef(fact.entity);
      this.latest.set(`${options.id}|${entity}`, { ...fact, id: options.id });
    }
  }

  async getLatestFactsByIds(
    ids: string[],
    entity: string,
  ): Promise<{ [factRef: string]: FlatTechInsightFact }> {
    const result: { [factRef: string]: FlatTechInsightFact } = {};
    for (const id of ids) {
      const row = this.latest.get(`${id}|${entity}`);
      if (row) result[id] = row;
    }
    return result;
  }

  async getEntities(): Promise<CompoundEntityRef[]> {
    const refs = new Set(
      [...this.latest.keys()].map(key => key.slice(key.indexOf('|') + 1)),
    );
    return [...refs].map(ref => parseEntityRef(ref));
  }

  async getFactsBetweenTimestampsByIds(): Promise<{
    [factRef: string]: FlatTechInsightFact[];
  }> {
    throw new Error('InMemoryTechInsightsStore keeps no fact history');
  }

  // Same shape as the database store: the fact names spread next to id and version.
  async getLatestSchemas(ids?: string[]): Promise<FactSchema[]> {
    return [...this.schemas.values()]
      .filter(definition => !ids || ids.includes(definition.id))
      .map(
        ({ id, version, schema }) =>
          ({ id, version, ...schema } as unknown as FactSchema),
      );
  }
}
