export * from './labelSelector';
export * from './entityWorkloadSelector';
