import { IndicatorError, type IndicatorErrorCode } from '@quartier/indicator-core';
import { registerErrorStatuses, serviceErrorClass } from '@quartier/service-kit';

/** Core errors keep their own codes; the API answers them as unprocessable input. */
export const INDICATOR_CORE_ERROR_STATUS: Record<IndicatorErrorCode, number> = {
  InvalidIndexDefinition: 422,
  InvalidInput: 422,
  NotEnoughValidAreas: 422,
  ZeroVariance: 422,
  InvalidCrosswalk: 422,
  InvalidHierarchy: 422,
  InvalidTimeSeries: 422,
  FormulaSyntax: 422,
};

/** Every error code of the indicator service with its HTTP status: the one place its codes are declared. */
export const IndicatorServiceError = serviceErrorClass('IndicatorServiceError', {
  IndicatorNotFound: 404,
  IndicatorExists: 409,
  InvalidIndicator: 422,
  IndicatorVersionNotFound: 404,
  InvalidValueImport: 422,
  ValueImportNotFound: 404,
  UnsupportedMediaType: 415,
  LevelNotFound: 404,
  AreaNotFound: 404,
  IndexDefinitionNotFound: 404,
  IndexDefinitionExists: 409,
  InvalidIndexRun: 422,
  IndexRunNotFound: 404,
});
export type IndicatorServiceError = InstanceType<typeof IndicatorServiceError>;

registerErrorStatuses(IndicatorError, INDICATOR_CORE_ERROR_STATUS);
