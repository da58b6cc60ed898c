import 'reflect-metadata';
import { Delete } from '@nestjs/common';
import { HTTP_CODE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { API_ERROR_DESCRIPTION } from './api-contract';
import { NoContentRoute, ServiceController } from './controller-decorators';

// @nestjs/swagger's metadata keys (its constants module is not among the package's exports).
const DECORATORS = {
  API_TAGS: 'swagger/apiUseTags',
  API_SECURITY: 'swagger/apiSecurity',
  API_RESPONSE: 'swagger/apiResponse',
  API_OPERATION: 'swagger/apiOperation',
} as const;

@ServiceController('things', 'api/test/things')
class ThingsController {
  @Delete(':id')
  @NoContentRoute('Delete a thing', 'Deleted')
  remove(): void {}

  @Delete()
  @NoContentRoute('Delete every thing')
  clear(): void {}
}

describe('ServiceController', () => {
  it('sets the route prefix, the tag, bearer auth and the documented error body', () => {
    expect(Reflect.getMetadata(PATH_METADATA, ThingsController)).toBe('api/test/things');
    expect(Reflect.getMetadata(DECORATORS.API_TAGS, ThingsController)).toEqual(['things']);
    expect(Reflect.getMetadata(DECORATORS.API_SECURITY, ThingsController)).toEqual([{ bearer: [] }]);
    const responses = Reflect.getMetadata(DECORATORS.API_RESPONSE, ThingsController);
    expect(responses.default.description).toBe(API_ERROR_DESCRIPTION);
  });
});

describe('NoContentRoute', () => {
  it('answers 204 and documents the summary and what the empty answer means', () => {
    const remove = ThingsController.prototype.remove;
    expect(Reflect.getMetadata(HTTP_CODE_METADATA, remove)).toBe(204);
    expect(Reflect.getMetadata(DECORATORS.API_OPERATION, remove)).toMatchObject({
      summary: 'Delete a thing',
    });
    expect(Reflect.getMetadata(DECORATORS.API_RESPONSE, remove)['204']).toMatchObject({
      description: 'Deleted',
    });
  });

  it('documents the 204 response as a bare ApiNoContentResponse() does when nothing is said', () => {
    const clear = ThingsController.prototype.clear;
    expect(Reflect.getMetadata(HTTP_CODE_METADATA, clear)).toBe(204);
    expect(Reflect.getMetadata(DECORATORS.API_RESPONSE, clear)['204']).toEqual({ description: '' });
  });
});
