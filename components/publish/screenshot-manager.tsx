import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/field';
import { ScreenshotUploadForm } from '@/components/publish/screenshot-upload-form';
import { captionScreenshotAction } from '@/lib/server/screenshots/actions/caption-screenshot';
import { deleteScreenshotAction } from '@/lib/server/screenshots/actions/delete-screenshot';
import { moveScreenshotAction } from '@/lib/server/screenshots/actions/move-screenshot';
import { MAX_SCREENSHOTS } from '@/lib/core/screenshots/limits';

interface Shot {
  id: string;
  caption: string;
  width: number;
  height: number;
}

export function ScreenshotManager({ applianceId, screenshots }: { applianceId: string; screenshots: Shot[] }) {
  return (
    <div className="space-y-5">
      {screenshots.length > 0 ? (
        <ol className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Screenshots in order">
          {screenshots.map((s, i) => (
            <li key={s.id} className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="screenshot">
              <div className="relative">
                <a href={`/api/v1/screenshots/${s.id}?size=full`} target="_blank" rel="noreferrer" className="block">
                  {/* eslint-disable-next-line @next/next/no-img-element -- redirect to a presigned object URL */}
                  <img src={`/api/v1/screenshots/${s.id}?size=thumb`} alt={s.caption || `Screenshot ${i + 1}`} className="aspect-[16/10] w-full bg-slate-100 object-cover" />
                </a>
                <span className="absolute top-2 left-2 rounded-md bg-slate-900/75 px-1.5 py-0.5 text-xs font-medium text-white">
                  {i + 1}
                  {i === 0 && ' · cover'}
                </span>
                <span className="absolute top-2 right-2 rounded-md bg-white/85 px-1.5 py-0.5 text-[11px] text-slate-600">
                  {s.width}×{s.height}
                </span>
              </div>
              <div className="space-y-2 p-3">
                <form action={captionScreenshotAction.bind(null, applianceId, s.id)} className="flex gap-2">
                  <label htmlFor={`caption-${s.id}`} className="sr-only">
                    Caption of screenshot {i + 1}
                  </label>
                  <Input id={`caption-${s.id}`} name="caption" defaultValue={s.caption} maxLength={200} placeholder="Caption" className="h-8 py-1 text-xs" />
                  <Button type="submit" variant="secondary" size="sm">
                    Save
                  </Button>
                </form>
                <div className="flex items-center justify-between">
                  <div className="flex gap-1">
                    <form action={moveScreenshotAction.bind(null, applianceId, s.id, -1)}>
                      <Button type="submit" variant="ghost" size="sm" disabled={i === 0} aria-label={`Move screenshot ${i + 1} earlier`}>
                        ← Earlier
                      </Button>
                    </form>
                    <form action={moveScreenshotAction.bind(null, applianceId, s.id, 1)}>
                      <Button type="submit" variant="ghost" size="sm" disabled={i === screenshots.length - 1} aria-label={`Move screenshot ${i + 1} later`}>
                        Later →
                      </Button>
                    </form>
                  </div>
                  <form action={deleteScreenshotAction.bind(null, applianceId, s.id)}>
                    <Button type="submit" variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" aria-label={`Remove screenshot ${i + 1}`}>
                      Remove
                    </Button>
                  </form>
                </div>
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-500">No screenshots yet. The first one becomes the listing’s cover image.</p>
      )}
      <ScreenshotUploadForm applianceId={applianceId} disabled={screenshots.length >= MAX_SCREENSHOTS} />
    </div>
  );
}
