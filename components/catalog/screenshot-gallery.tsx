'use client';

import { useState } from 'react';
import { cn } from '@/components/ui/cn';

export interface GalleryShot {
  id: string;
  caption: string;
  width: number;
  height: number;
  thumbUrl: string;
  fullUrl: string;
}

/** A large image and its thumbnails; each thumbnail is also a link to the full image (no JavaScript needed). */
export function ScreenshotGallery({ shots, title }: { shots: GalleryShot[]; title: string }) {
  const [index, setIndex] = useState(0);
  const current = shots[index] ?? shots[0];
  if (!current) return null;
  return (
    <figure className="space-y-3">
      <a href={current.fullUrl} target="_blank" rel="noopener" className="block overflow-hidden rounded-lg bg-slate-900 ring-1 ring-slate-200">
        {/* eslint-disable-next-line @next/next/no-img-element -- served by our own screenshot endpoint, already sized */}
        <img
          src={current.fullUrl}
          alt={current.caption || `${title} screenshot ${index + 1}`}
          width={current.width}
          height={current.height}
          className="mx-auto max-h-[28rem] w-auto object-contain"
          data-testid="screenshot-main"
        />
      </a>
      {current.caption && <figcaption className="text-sm text-slate-600">{current.caption}</figcaption>}
      {shots.length > 1 && (
        <ul className="flex gap-2 overflow-x-auto pb-1" aria-label="Screenshots">
          {shots.map((s, i) => (
            <li key={s.id} className="shrink-0">
              <a
                href={s.fullUrl}
                onClick={(e) => {
                  e.preventDefault();
                  setIndex(i);
                }}
                aria-current={i === index ? 'true' : undefined}
                aria-label={`Show screenshot ${i + 1}${s.caption ? `: ${s.caption}` : ''}`}
                className={cn('block overflow-hidden rounded-md ring-2', i === index ? 'ring-brand-500' : 'ring-transparent hover:ring-slate-300')}
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- thumbnails from our own endpoint */}
                <img src={s.thumbUrl} alt="" width={160} height={Math.round((160 * s.height) / Math.max(1, s.width))} className="h-20 w-32 bg-slate-100 object-cover" loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
