import { eventLoopTurns } from './event-loop-turns';

describe('eventLoopTurns', () => {
  const busy = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };

  it('lets the event loop turn once a slice has passed, not before', async () => {
    const turn = eventLoopTurns(5);
    let ran = false;
    setImmediate(() => (ran = true));
    expect(turn()).toBeUndefined();
    busy(6);
    await turn();
    expect(ran).toBe(true);
    // A new slice starts with the turn.
    expect(turn()).toBeUndefined();
  });
});
