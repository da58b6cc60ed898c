import { loggableError, loggableUrl, redactQuoted, redactSqlError } from './redaction';

describe('redaction for log lines', () => {
  it('blanks quoted values of error texts but keeps identifiers it is told about', () => {
    expect(redactQuoted('invalid input syntax for type date: "31.02.2026"')).toBe(
      'invalid input syntax for type date: "…"',
    );
    expect(redactQuoted(`Unexpected token 'H', "Herr Müller" is not valid JSON`)).toBe(
      `Unexpected token '…', "…" is not valid JSON`,
    );
    expect(redactQuoted('relation "survey.survey_wave" does not exist', ['survey', 'survey_wave'])).toBe(
      'relation "survey.survey_wave" does not exist',
    );
  });

  it('reads a quote escaped the SQL way (doubled) as part of the literal', () => {
    expect(redactQuoted(`syntax error at or near 'O''Brien'`)).toBe(`syntax error at or near '…'`);
    expect(redactSqlError('relation "kiez""süd" does not exist', 'SELECT 1 FROM x')).toBe(
      'relation "…" does not exist',
    );
    expect(
      redactSqlError(
        'column "answers" of relation "survey_response" is "Müller"',
        'UPDATE survey_response SET answers = $1',
      ),
    ).toBe('column "answers" of relation "survey_response" is "…"');
  });

  it('keeps the database error’s identifiers from the failed query, blanks its values', () => {
    const error = Object.assign(new Error('value "99999999999" is out of range for type integer'), {
      query: 'UPDATE survey.response SET score = $1',
    });
    expect(loggableError(error).split('\n')[0]).toBe('Error: value "…" is out of range for type integer');
    expect(loggableError(error)).toContain('redaction.spec.ts');
  });

  it('keeps the path, query keys, ids and option values of a URL, blanks the rest', () => {
    expect(loggableUrl('/api/registry/areas')).toBe('/api/registry/areas');
    expect(loggableUrl('/api/x?page=2&lang=de-x-easy&token=eyJhbGci.x&q=Herr%20M%C3%BCller')).toBe(
      '/api/x?page=2&lang=de-x-easy&token=…&q=…',
    );
    expect(loggableUrl('/f/1?ABCDE-FGHIJ&flag')).toBe('/f/1?…&flag');
    expect(loggableUrl('/f/1?status=Herr%20M%C3%BCller')).toBe('/f/1?status=…');
  });
});
