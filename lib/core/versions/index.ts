export { compareVersions, compareVersionPrecedence } from './compare-versions';
export { versionSortKey } from './version-sort-key';
export {
  isValidVersion,
  parseVersion,
  MAX_VERSION_LENGTH,
  type ParsedVersion,
  type VersionIdentifier,
} from './parse-version';
