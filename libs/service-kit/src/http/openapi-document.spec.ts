import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiOkResponse, DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ApiErrorResponses } from './api-contract';
import { API_ERROR_RESPONSE, cleanupServiceDocument } from './openapi-document';

const sampleArea = z.object({ code: z.string(), name: z.string() }).meta({ id: 'SampleArea' });
/** Named at its root: answered alone and as the item of a list. */
const sampleWave = z
  .object({ label: z.string(), area: sampleArea, previous: sampleArea.nullable() })
  .meta({ id: 'SampleWave' });
class SampleWaveDto extends createZodDto(sampleWave) {}
class SampleWaveListDto extends createZodDto(z.object({ items: z.array(sampleWave) })) {}
class SampleAreaBodyDto extends createZodDto(z.object({ area: sampleArea })) {}

@Controller('api/sample')
@ApiErrorResponses()
class SampleController {
  @Get('wave')
  @ApiOkResponse({ type: SampleWaveDto.Output })
  wave() {
    return undefined;
  }

  @Get('waves')
  @ApiOkResponse({ type: SampleWaveListDto.Output })
  waves() {
    return undefined;
  }

  @Post('areas')
  create(@Body() body: SampleAreaBodyDto) {
    return body;
  }
}

@Module({ controllers: [SampleController] })
class SampleModule {}

type Schemas = Record<string, Record<string, unknown>>;

describe('cleanupServiceDocument', () => {
  let document: OpenAPIObject;
  let schemas: Schemas;

  beforeAll(async () => {
    const app = await NestFactory.create(SampleModule, { logger: false, preview: true });
    document = cleanupServiceDocument(SwaggerModule.createDocument(app, new DocumentBuilder().build()));
    schemas = document.components?.schemas as Schemas;
    await app.close();
  });

  it('documents a named schema once, as a component every DTO refers to', () => {
    expect(schemas['SampleArea_Output']).toMatchObject({ type: 'object', required: ['code', 'name'] });
    expect(schemas['SampleWave_Output']?.['properties']).toEqual({
      label: { type: 'string' },
      area: { $ref: '#/components/schemas/SampleArea_Output' },
      previous: { allOf: [{ $ref: '#/components/schemas/SampleArea_Output' }], nullable: true },
    });
    expect(schemas['SampleWaveListDto_Output']?.['properties']).toEqual({
      items: { type: 'array', items: { $ref: '#/components/schemas/SampleWave_Output' } },
    });
  });

  it('keeps a DTO whose root is named as an alias of the named component (nestjs-zod#475)', () => {
    expect(schemas['SampleWaveDto_Output']).toEqual({ $ref: '#/components/schemas/SampleWave_Output' });
  });

  it('names request bodies without the _Output suffix', () => {
    expect(schemas['SampleAreaBodyDto']?.['properties']).toEqual({
      area: { $ref: '#/components/schemas/SampleArea' },
    });
    expect(schemas['SampleArea']).toMatchObject({ type: 'object' });
  });

  it('documents the error body once, as a response every operation refers to', () => {
    expect(document.components?.responses?.[API_ERROR_RESPONSE]).toEqual({
      description: 'Any error: {statusCode, code, message, details?}',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorDto_Output' } } },
    });
    const defaults = Object.values(document.paths).flatMap((item) =>
      ['get', 'post'].flatMap((method) => {
        const operation = item[method as 'get' | 'post'];
        return operation ? [operation.responses['default']] : [];
      }),
    );
    expect(defaults).toEqual([
      { $ref: `#/components/responses/${API_ERROR_RESPONSE}` },
      { $ref: `#/components/responses/${API_ERROR_RESPONSE}` },
      { $ref: `#/components/responses/${API_ERROR_RESPONSE}` },
    ]);
  });
});
