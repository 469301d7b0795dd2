export * from './types';
export * from './attention';
export * from './slo';
export * from './scorecard';
