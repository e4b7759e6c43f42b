import { CopyButton } from '@/components/catalog/copy-button';
import { TryInBrowser } from '@/components/try/try-in-browser';
import type { BrowserTrial } from '@/lib/core/try/browser-trial';

/**
 * One file's "Try in browser": the button where v86 can run the file, else why not, with the
 * command that runs it locally instead (when there is one to show).
 */
export function FileTry({
  fileId,
  trial,
  sessionUrl,
  title,
  requiredMemoryMiB,
  launchLine,
}: {
  fileId: string;
  trial: BrowserTrial;
  sessionUrl: string;
  title: string;
  requiredMemoryMiB: number | null;
  launchLine: string | null;
}) {
  if (trial.offered) {
    return (
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid={`try-${fileId}`}>
        <TryInBrowser
          sessionUrl={sessionUrl}
          title={title}
          memoryMiB={trial.memoryMiB}
          memoryCapped={trial.memoryCapped}
          requiredMemoryMiB={requiredMemoryMiB}
          note={trial.architectureNote}
          testId={`try-button-${fileId}`}
        />
        <span className="text-xs text-slate-500">
          Boots it here, in a 32-bit PC emulator; nothing to install.
          {trial.memoryCapped && ` Memory capped at ${trial.memoryMiB} MiB.`}
        </span>
      </div>
    );
  }
  return (
    <div className="text-xs text-slate-500" data-testid={`try-unavailable-${fileId}`}>
      <p>
        <span className="font-medium text-slate-600">Not in the browser:</span> {trial.reason}
      </p>
      {launchLine && (
        <div className="mt-1 flex items-center gap-2">
          <code className="min-w-0 flex-1 truncate rounded bg-slate-900 px-2 py-1 font-mono text-[11px] text-slate-100" title={launchLine}>
            {launchLine}
          </code>
          <CopyButton text={launchLine} label="Copy the apx launch command" />
        </div>
      )}
    </div>
  );
}
