/**
 * A table of `source`'s shape as `name` — columns, collation, defaults, checks, keys, indexes and
 * foreign keys — so a baseline writes into exactly what the service writes into, minus its code.
 * `db` is a pg client or pool; answers how many foreign keys were copied.
 */
export async function tableLike(db, source, name) {
  await db.query(`DROP TABLE IF EXISTS ${name}`);
  await db.query(`CREATE TABLE ${name} (LIKE ${source} INCLUDING ALL)`);
  const { rows } = await db.query(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`,
    [source],
  );
  for (const { def } of rows) await db.query(`ALTER TABLE ${name} ADD ${def}`);
  return rows.length;
}
