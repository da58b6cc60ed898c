import { isCodedError } from './domain-error.filter';
import { serviceErrorClass } from './service-error';

describe('serviceErrorClass', () => {
  const ParkError = serviceErrorClass('ParkError', { ParkNotFound: 404, ParkClosed: 409 });

  it('makes errors that carry their code, message, details and the class name', () => {
    const error = new ParkError('ParkClosed', 'the park is closed', { until: '08:00' });
    expect(error).toBeInstanceOf(ParkError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ParkError',
      code: 'ParkClosed',
      message: 'the park is closed',
      details: { until: '08:00' },
    });
  });

  it('registers its codes with the error filter, and only its own class', () => {
    const LookAlike = serviceErrorClass('LookAlike', { Other: 400 });
    expect(isCodedError(new ParkError('ParkNotFound', 'no such park'))).toBe(true);
    expect(isCodedError(new LookAlike('Other', 'other'))).toBe(true);
    // A code the class does not declare is no mapped domain error (the filter answers 500).
    expect(isCodedError(new LookAlike('ParkNotFound' as 'Other', 'not its code'))).toBe(false);
  });
});
