// Watches the platform while it is attacked: every service's liveness is asked in turn every
// 100 ms; an answer slower than the limit, or none (the process ended), is a failure.

/** `inFlight()` names the requests being served, so a slow answer can be traced to its cause. */
export function startWatchdog(baseUrl, services, limitMs, inFlight = () => []) {
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
        const { response, ms } = await timedLiveness(url);
        polls++;
        if (ms > slowest.ms) slowest = { ms, service };
        if (response.status !== 200) violations.push(`${url} answered ${response.status}`);
        else if (ms > limitMs)
          violations.push(
            `/api/${service}/health/live took ${Math.round(ms)} ms (limit ${limitMs} ms)${during(inFlight())}`,
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
