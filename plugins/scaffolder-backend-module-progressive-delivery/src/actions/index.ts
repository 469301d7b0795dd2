export * from './createManifests';
export * from './migrateDeployment';
export * from './validateManifests';
export * from './publishLocal';
export * from './applyManifests';
