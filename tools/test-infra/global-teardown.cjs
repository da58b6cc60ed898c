'use strict';
module.exports = async function globalTeardown() {
  await globalThis.__QUARTIER_KAFKA__?.stop();
  await globalThis.__QUARTIER_PG__?.stop();
};
