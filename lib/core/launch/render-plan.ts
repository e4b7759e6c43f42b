import { shellCommand } from './shell-quote';
import { PLAYER_LABELS, type LaunchPlan } from './types';

/** Comments must stay on one line whatever the text says. */
function comment(text: string): string {
  return `# ${text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')}`;
}

/**
 * The plan as shell text, exactly what the launch panel shows and `apx launch --dry-run` prints:
 * a `# Player` heading, then for each step a `# title` comment and the command (POSIX-quoted
 * argv, one line), then the notes as comments.
 */
export function renderPlan(plan: LaunchPlan): string {
  const lines = [comment(PLAYER_LABELS[plan.player])];
  if (!plan.supported) {
    lines.push(comment(`Not supported: ${plan.reason ?? 'this player cannot run this file.'}`));
    return `${lines.join('\n')}\n`;
  }
  for (const step of plan.steps) {
    lines.push(comment(step.optional ? `${step.title} (optional)` : step.title));
    lines.push(shellCommand(step.argv));
  }
  for (const note of plan.notes) lines.push(comment(`Note: ${note}`));
  return `${lines.join('\n')}\n`;
}
