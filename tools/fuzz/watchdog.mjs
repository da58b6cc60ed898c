// Watches the platform while it is attacked: every service's liveness is asked in turn every
// 100 ms; an answer held up longer than the limit, or none (the process ended), is a failure.
import { readFileSync } from 'node:fs';

/**
 * CPU time in ms the process's main thread — its event loop — has used so far, from /proc (Linux;
 * null elsewhere). Clock ticks of 10 ms: fine enough for a limit of hundreds.
 */
export function mainThreadCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces and parentheses): utime and stime are 12 and 13.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * `inFlight()` names the requests being served, so a slow answer can be traced to its cause.
 * An answer slower than the limit counts only when the platform's event loop also worked that
 * long meanwhile: then a request held it (or queued that much work ahead of the probe), which
 * it must not. A machine whose other processes starve the platform makes the answer slow without
 * that work — CI failed on a 677 ms answer at a load of 17 on two cores, while the same requests
 * answer in tens of ms on a quiet one. `pid` is the platform's; without it wall time decides.
 */
export function startWatchdog(baseUrl, services, limitMs, inFlight = () => [], pid = null) {
  const violations = [];
  let slowest = { ms: 0, service: '' };
  let polls = 0;
  let running = true;
  const loop = (async () => {
    let turn = 0;
    while (running) {
      const service = services[turn++ % services.length];
      const url = `${baseUrl}/api/${service}/health/live`;
      try {
        const cpuBefore = pid === null ? null : mainThreadCpuMs(pid);
        const { response, ms } = await timedLiveness(url);
        const cpuAfter = pid === null ? null : mainThreadCpuMs(pid);
        const loopMs = cpuBefore === null || cpuAfter === null ? ms : cpuAfter - cpuBefore;
        polls++;
        if (ms > slowest.ms) slowest = { ms, loopMs, service };
        if (response.status !== 200) violations.push(`${url} answered ${response.status}`);
        else if (ms > limitMs && loopMs > limitMs)
          violations.push(
            `/api/${service}/health/live took ${Math.round(ms)} ms, ${Math.round(loopMs)} ms of it the event loop at work (limit ${limitMs} ms)${during(inFlight())}`,
          );
      } catch (error) {
        violations.push(
          `/api/${service}/health/live failed: ${error.message} — did the process exit?${during(inFlight())}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    violations,
    async stop() {
      running = false;
      await loop;
      return { polls, slowest };
    },
  };
}

/**
 * One liveness answer and how long it took. A kept-alive socket the server had just closed is
 * asked again at once (timed afresh); a dead process fails twice, a stalled one times out.
 */
async function timedLiveness(url) {
  let started = performance.now();
  let response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  } catch (error) {
    if (error.name === 'TimeoutError') throw error;
    started = performance.now();
    response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  }
  await response.text();
  return { response, ms: performance.now() - started };
}

function during(requests) {
  return requests.length > 0 ? `, while serving: ${requests.join('; ')}` : '';
}
