export {
  entitySelector,
  MissingAnnotations,
  NoClusters,
  NoRollouts,
} from './ConfigurationHelp';
