export * from './types';
export * from './attention';
