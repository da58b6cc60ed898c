import { ParameterFreeQueryLogger } from './query-logger';

describe('ParameterFreeQueryLogger', () => {
  const capture = () => {
    const lines: string[] = [];
    return { lines, logger: new ParameterFreeQueryLogger((line) => lines.push(line)) };
  };

  it('reports a failed query with code, table and constraint, never its parameters or the row', () => {
    const { lines, logger } = capture();
    const error = Object.assign(
      new Error('new row for relation "survey_response" violates check constraint "kein_test"'),
      {
        code: '23514',
        table: 'survey_response',
        constraint: 'kein_test',
        detail: 'Failing row contains (…, {"kommentar": "Herr Müller von nebenan schlägt seine Kinder"}).',
        parameters: ['Herr Müller von nebenan schlägt seine Kinder', 'ABCDE-FGHIJ'],
      },
    );
    logger.logQueryError(error, 'INSERT INTO survey_response (answers) VALUES ($1) -- kein_test', [
      'Herr Müller von nebenan schlägt seine Kinder',
      'ABCDE-FGHIJ',
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('Müller');
    expect(lines[0]).not.toContain('ABCDE');
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'error',
      msg: 'query failed',
      code: '23514',
      table: 'survey_response',
      constraint: 'kein_test',
      error: 'new row for relation "survey_response" violates check constraint "kein_test"',
      query: 'INSERT INTO survey_response (answers) VALUES ($1) -- kein_test',
    });
  });

  it('blanks quoted values in driver messages but keeps identifiers the query names', () => {
    const { lines, logger } = capture();
    logger.logQueryError(
      new Error('invalid input syntax for type integer: "Hauptstraße 5"'),
      'UPDATE survey SET k = $1 WHERE id = $2',
      ['Hauptstraße 5'],
    );
    logger.logQueryError('relation "survey.survey_wave" does not exist', 'SELECT 1 FROM survey.survey_wave');
    expect(JSON.parse(lines[0] as string).error).toBe('invalid input syntax for type integer: "…"');
    expect(JSON.parse(lines[1] as string).error).toBe('relation "survey.survey_wave" does not exist');
  });

  it('logs no successful query', () => {
    const { lines, logger } = capture();
    logger.logQuery();
    logger.logSchemaBuild();
    logger.log('info', 'x');
    expect(lines).toEqual([]);
  });
});
