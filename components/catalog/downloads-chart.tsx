'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Counted downloads and browser tries per UTC day (publishers and admins see it on their listing). */
export function DownloadsChart({ days }: { days: { day: string; downloads: number; tries: number }[] }) {
  const data = days.map((d) => ({ ...d, label: new Date(`${d.day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }) }));
  const total = days.reduce((s, d) => s + d.downloads, 0);
  const tries = days.reduce((s, d) => s + d.tries, 0);
  return (
    <figure>
      <div className="h-56 w-full" role="img" aria-label={`Downloads and browser tries per day over the last ${days.length} days: ${total} downloads and ${tries} tries in total`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#64748b' }} tickLine={false} axisLine={false} />
            <Tooltip cursor={{ fill: '#eef6ff' }} labelStyle={{ color: '#0f172a' }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="downloads" name="Downloads" fill="#1d5cf1" radius={[3, 3, 0, 0]} />
            <Bar dataKey="tries" name="Tries in browser" fill="#f59e0b" radius={[3, 3, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        <table>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td>{d.downloads} downloads</td>
                <td>{d.tries} tries</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
