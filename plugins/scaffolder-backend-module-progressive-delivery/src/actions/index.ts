export * from './createManifests';
export * from './migrateDeployment';
export * from './validateManifests';
export * from './publishLocal';
export * from './applyManifests';
export * from './registerLocal';
export {
  GitUnavailableError,
  LOCAL_GIT_AUTHOR,
  LOCAL_GIT_BRANCH,
} from './localGit';
