import { Body, Get, Header, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { textResponse } from '../api-views.dto';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { MEASURE_EDITORS, PROGRAMME_READERS } from '../programme.constants';
import {
  AttainmentDto,
  CopyImpactModelDto,
  FigureQueryDto,
  ImpactModelDocumentDto,
  ImpactModelExportDto,
  SaveImpactModelDto,
} from './impact-model.dto';
import { ImpactModelsService } from './impact-models.service';
import { ServiceController } from '@quartier/service-kit';

@ServiceController('impact models', 'api/programme')
@Roles(...PROGRAMME_READERS)
export class ImpactModelsController {
  constructor(private readonly models: ImpactModelsService) {}

  @Get('programmes/:programmeId/attainment')
  @ApiOperation({
    summary: 'Attainment of every evidence binding of the programme’s and its measures’ impact models, live',
  })
  @ApiOkResponse({ type: AttainmentDto.Output })
  attainment(@CurrentCaller() caller: Caller, @Param('programmeId', ParseUUIDPipe) id: string) {
    return this.models.attainment(caller, id);
  }

  @Get('programmes/:id/impact-model')
  @ApiOperation({ summary: 'The impact model of a programme (an empty one when none is saved)' })
  @ApiOkResponse({ type: ImpactModelDocumentDto.Output })
  async getProgramme(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.models.get(await this.models.owner(caller, { programmeId: id }, false));
  }

  @Put('programmes/:id/impact-model')
  @Roles(...MEASURE_EDITORS)
  @ApiOperation({
    summary: 'Save the impact model of a programme (validated; 409 when it changed since baseVersion)',
  })
  @ApiOkResponse({ type: ImpactModelDocumentDto.Output })
  async saveProgramme(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SaveImpactModelDto,
  ) {
    return this.models.save(caller, await this.models.owner(caller, { programmeId: id }, true), body);
  }

  @Post('programmes/:id/impact-model/copy')
  @Roles(...MEASURE_EDITORS)
  @ApiOperation({
    summary: 'Copy another programme’s or measure’s impact model as this programme’s model (a template)',
  })
  @ApiCreatedResponse({ type: ImpactModelDocumentDto.Output })
  async copyProgramme(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CopyImpactModelDto,
  ) {
    return this.models.copyFrom(caller, await this.models.owner(caller, { programmeId: id }, true), body);
  }

  @Get('programmes/:id/impact-model.json')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({ summary: 'The impact model of a programme as a versioned JSON document' })
  @ApiOkResponse({ type: ImpactModelExportDto.Output })
  async jsonProgramme(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.models.exportJson(await this.models.owner(caller, { programmeId: id }, false));
  }

  @Get('programmes/:id/impact-model.svg')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @ApiOperation({
    summary: 'The impact model of a programme as a Wirkungstreppe figure (SVG, German or English)',
  })
  @ApiOkResponse(textResponse('image/svg+xml', 'The Wirkungstreppe figure'))
  async figureProgramme(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: FigureQueryDto,
  ) {
    return this.models.figure(await this.models.owner(caller, { programmeId: id }, false), query.lang);
  }

  @Get('measures/:id/impact-model')
  @ApiOperation({ summary: 'The impact model of a measure (an empty one when none is saved)' })
  @ApiOkResponse({ type: ImpactModelDocumentDto.Output })
  async getMeasure(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.models.get(await this.models.owner(caller, { measureId: id }, false));
  }

  @Put('measures/:id/impact-model')
  @Roles(...MEASURE_EDITORS)
  @ApiOperation({
    summary: 'Save the impact model of a measure (validated; 409 when it changed since baseVersion)',
  })
  @ApiOkResponse({ type: ImpactModelDocumentDto.Output })
  async saveMeasure(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SaveImpactModelDto,
  ) {
    return this.models.save(caller, await this.models.owner(caller, { measureId: id }, true), body);
  }

  @Post('measures/:id/impact-model/copy')
  @Roles(...MEASURE_EDITORS)
  @ApiOperation({
    summary: 'Copy another programme’s or measure’s impact model as this measure’s model (a template)',
  })
  @ApiCreatedResponse({ type: ImpactModelDocumentDto.Output })
  async copyMeasure(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CopyImpactModelDto,
  ) {
    return this.models.copyFrom(caller, await this.models.owner(caller, { measureId: id }, true), body);
  }

  @Get('measures/:id/impact-model.json')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({ summary: 'The impact model of a measure as a versioned JSON document' })
  @ApiOkResponse({ type: ImpactModelExportDto.Output })
  async jsonMeasure(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.models.exportJson(await this.models.owner(caller, { measureId: id }, false));
  }

  @Get('measures/:id/impact-model.svg')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @ApiOperation({
    summary: 'The impact model of a measure as a Wirkungstreppe figure (SVG, German or English)',
  })
  @ApiOkResponse(textResponse('image/svg+xml', 'The Wirkungstreppe figure'))
  async figureMeasure(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: FigureQueryDto,
  ) {
    return this.models.figure(await this.models.owner(caller, { measureId: id }, false), query.lang);
  }
}
