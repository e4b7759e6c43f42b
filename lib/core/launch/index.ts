/**
 * What each free player needs to run a file. Pure: used by the site's launch panel and by the
 * `apx launch` command-line client, which prints `renderPlan` for --dry-run.
 */
export { planLaunch, playersFor } from './plan-launch';
export { renderPlan } from './render-plan';
export { shellCommand, shellQuote } from './shell-quote';
export {
  PLAYER_LABELS,
  PLAYERS,
  type LaunchArchitecture,
  type LaunchFile,
  type LaunchFileFormat,
  type LaunchInput,
  type LaunchOptions,
  type LaunchPlan,
  type LaunchStep,
  type Player,
} from './types';
