// Starts librdkafka's mock cluster (real Kafka wire protocol) through Debian's kcat, which is the
// only Kafka-protocol broker installable on the development machines (docs/architecture.md §4).
// The mock cluster lives as long as the kcat consumer process that created it.
'use strict';
const { spawn } = require('node:child_process');

/**
 * @param {{ brokers?: number, timeoutMs?: number }} [options]
 * @returns {Promise<{ bootstrap: string, pid: number, stop: () => Promise<void> }>}
 */
function startKafkaMock(options = {}) {
  const brokers = options.brokers ?? 3;
  const timeoutMs = options.timeoutMs ?? 10000;
  return new Promise((resolve, reject) => {
    const child = spawn(
      'kcat',
      ['-b', 'mock', '-X', `test.mock.num.brokers=${brokers}`, '-C', '-t', '_keepalive', '-d', 'mock', '-q'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let settled = false;
    let buffered = '';
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      child.kill('SIGKILL');
      reject(new Error(`kcat mock cluster did not report bootstrap.servers within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`cannot start kcat (apt-get install kcat): ${error.message}`));
    });
    // The debug log is chatty (one line per request); keep reading it so the pipe never fills.
    child.stderr.on('data', (chunk) => {
      if (settled) return;
      buffered += chunk.toString('utf8');
      const match = /bootstrap\.servers=([0-9.:,]+)/.exec(buffered);
      if (match) {
        settled = true;
        clearTimeout(timer);
        buffered = '';
        resolve({
          bootstrap: match[1],
          pid: child.pid,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

module.exports = { startKafkaMock };

if (require.main === module) {
  startKafkaMock().then((mock) => {
    process.stdout.write(`${mock.bootstrap}\n`);
    process.on('SIGINT', () => mock.stop().then(() => process.exit(0)));
    process.on('SIGTERM', () => mock.stop().then(() => process.exit(0)));
  });
}
