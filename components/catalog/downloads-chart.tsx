'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Counted downloads per UTC day (publishers and admins see it on their listing). */
export function DownloadsChart({ days }: { days: { day: string; downloads: number }[] }) {
  const data = days.map((d) => ({ ...d, label: new Date(`${d.day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }) }));
  const total = days.reduce((s, d) => s + d.downloads, 0);
  return (
    <figure>
      <div className="h-56 w-full" role="img" aria-label={`Downloads per day over the last ${days.length} days: ${total} in total`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={false} />
            <Tooltip cursor={{ fill: '#eef6ff' }} formatter={(v) => [v, 'Downloads']} labelStyle={{ color: '#0f172a' }} />
            <Bar dataKey="downloads" fill="#1d5cf1" radius={[3, 3, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        <table>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td>{d.downloads}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
