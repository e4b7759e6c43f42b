// The orphan guard: a tiny process beside a supervisor (`npm start`, the test harness). The
// supervisor tells it, one JSON line at a time on stdin, which of its children to stop if it dies
// ({"watch":pid,"stage":0,"signal":"SIGTERM"}) and which stopped normally ({"release":pid}). When
// stdin closes, the supervisor is gone, however it ended (even SIGKILL): the guard stops what is
// left, stage by stage (the app and the worker before PostgreSQL), and exits.
const watched = new Map();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
};

// Ctrl-C reaches the whole process group: the supervisor decides the order, not the terminal.
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => {});

let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let nl;
  while ((nl = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, nl);
    buffer = buffer.slice(nl + 1);
    try {
      const m = JSON.parse(line);
      if (Number.isInteger(m.watch)) watched.set(m.watch, { stage: m.stage ?? 0, signal: m.signal ?? 'SIGTERM' });
      if (Number.isInteger(m.release)) watched.delete(m.release);
    } catch {
      // not ours: ignore
    }
  }
});

let cleaning = false;
async function cleanUp() {
  if (cleaning) return;
  cleaning = true;
  const stages = [...new Set([...watched.values()].map((w) => w.stage))].sort((a, b) => a - b);
  for (const stage of stages) {
    const group = [...watched].filter(([pid, w]) => w.stage === stage && alive(pid));
    for (const [pid, w] of group) {
      try {
        process.kill(pid, w.signal);
      } catch {
        // gone meanwhile
      }
    }
    const deadline = Date.now() + 15_000;
    while (group.some(([pid]) => alive(pid)) && Date.now() < deadline) await sleep(100);
    for (const [pid] of group) {
      if (alive(pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    }
  }
  process.exit(0);
}
process.stdin.on('end', cleanUp);
process.stdin.on('close', cleanUp);
