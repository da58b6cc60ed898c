import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AreaScope, CurrentCaller, Roles, type Caller } from '@quartier/auth';
import {
  ApiErrorResponses,
  binaryResponse,
  RUNTIME_CONFIG,
  UploadSpool,
  type RuntimeConfig,
} from '@quartier/service-kit';
import type { Request, Response } from 'express';
import { readFile } from 'node:fs/promises';
import { publicOrigin } from '../public/public-urls';
import { RESULT_READERS, SURVEY_EDITORS, SURVEY_READERS, XLSX_TYPE } from '../survey.constants';
import {
  AreaGeometriesDto,
  AreaGeometriesQueryDto,
  AreaGeometriesResultDto,
  CandidateAreaListDto,
  CandidateAreasDto,
  CreateSurveyDto,
  CreateWaveDto,
  FormChangeConflictDto,
  FormCheckDto,
  FormSettingsConflictDto,
  InvitationCodesDto,
  InvitationsDto,
  ListSurveysDto,
  PutFormDto,
  StatusDto,
  SurveyDetailDto,
  SurveyFormDto,
  SurveyLinksDto,
  SurveyListDto,
  TargetAreasDto,
  UpdateSurveyDto,
  UpdateWaveDto,
  WaveViewDto,
  XlsFormProblemsDto,
} from './survey.dto';
import { SurveyFormsService } from './survey-forms.service';
import { SurveysService } from './surveys.service';
import { TargetAreasService } from './target-areas.service';
import { WavesService } from './waves.service';

const MAX_XLSFORM_BYTES = 5 * 1024 * 1024;

/** Responses exist and the new form would break them (or the survey cannot be edited). */
const FORM_CHANGE_CONFLICT = {
  description:
    'Nothing was stored: responses exist and the form would break them, each change by code (or the survey cannot be edited)',
  type: FormChangeConflictDto.Output,
};
@ApiTags('surveys')
@ApiBearerAuth()
@ApiErrorResponses()
@Controller('api/survey')
@Roles(...SURVEY_READERS)
export class SurveysController {
  constructor(
    private readonly surveys: SurveysService,
    private readonly forms: SurveyFormsService,
    private readonly areas: TargetAreasService,
    private readonly waves: WavesService,
    private readonly spool: UploadSpool,
    @Inject(RUNTIME_CONFIG) private readonly runtime: RuntimeConfig,
  ) {}

  @Get('surveys')
  @Roles(...RESULT_READERS)
  @ApiOperation({
    summary:
      "Surveys of the tenant within the caller's area scope (viewers: those past the draft stage, to read their results)",
  })
  @ApiOkResponse({ type: SurveyListDto.Output })
  list(@CurrentCaller() caller: Caller, @Query() query: ListSurveysDto) {
    return this.surveys.list(caller, query);
  }

  @Post('surveys')
  @Roles(...SURVEY_EDITORS)
  @AreaScope({ body: 'scopeAreaId' })
  @ApiOperation({
    summary: 'Create a survey (resident or network) owned by an area; optionally with its form model',
  })
  @ApiCreatedResponse({ type: SurveyDetailDto.Output })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateSurveyDto) {
    return this.surveys.create(caller, body);
  }

  @Post('forms/check')
  @Roles(...SURVEY_EDITORS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Check a form model with the core's rules (the builder's live validation); issues name the item and field",
  })
  @ApiOkResponse({ type: FormCheckDto.Output })
  check(@Body() body: PutFormDto) {
    return this.forms.checkForm(body.form);
  }

  @Get('surveys/:id')
  @Roles(...RESULT_READERS)
  @ApiOperation({
    summary:
      'A survey with target areas (population for response rates), waves and response counts (viewers: not drafts)',
  })
  @ApiOkResponse({ type: SurveyDetailDto.Output })
  detail(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.surveys.detail(caller, id);
  }

  @Patch('surveys/:id')
  @Roles(...SURVEY_EDITORS)
  @ApiOperation({ summary: 'Change title, k, indicator items, network definition or weighting' })
  @ApiOkResponse({ type: SurveyDetailDto.Output })
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateSurveyDto,
  ) {
    return this.surveys.update(caller, id, body);
  }

  @Delete('surveys/:id')
  @Roles(...SURVEY_EDITORS)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft survey without responses' })
  @ApiNoContentResponse({ description: 'Deleted' })
  remove(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.surveys.remove(caller, id);
  }

  @Get('surveys/:id/form')
  @ApiOperation({ summary: 'The current form model (JSON) and its version' })
  @ApiOkResponse({ type: SurveyFormDto.Output })
  form(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.forms.getForm(caller, id);
  }

  @Put('surveys/:id/form')
  @Roles(...SURVEY_EDITORS)
  @ApiOperation({ summary: 'Store a new form version from the form builder (validated with the core)' })
  @ApiOkResponse({ type: SurveyDetailDto.Output })
  @ApiConflictResponse(FORM_CHANGE_CONFLICT)
  @ApiUnprocessableEntityResponse({
    description:
      "Nothing was stored: the form's model is invalid (InvalidFormModel), or it no longer serves the survey's indicator items or weighting (FormBreaksSettings), each setting by its field and a code",
    type: FormSettingsConflictDto.Output,
  })
  putForm(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string, @Body() body: PutFormDto) {
    return this.forms.putForm(caller, id, body.form);
  }

  @Get('surveys/:id/xlsform')
  @ApiOperation({ summary: 'Download the current form as XLSForm (survey, choices, settings)' })
  @ApiOkResponse(binaryResponse(XLSX_TYPE, 'The XLSForm workbook as an attachment'))
  async downloadXlsForm(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ) {
    const { bytes, filename } = await this.forms.formXlsx(caller, id);
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`);
    res.end(Buffer.from(bytes));
  }

  @Put('surveys/:id/xlsform')
  @Roles(...SURVEY_EDITORS)
  @ApiConsumes(XLSX_TYPE)
  @ApiBody({ description: 'XLSForm workbook (up to 5 MB)', schema: { type: 'string', format: 'binary' } })
  @ApiOperation({
    summary: 'Upload an XLSForm as the new form version; 422 lists every error as sheet, row, column, reason',
  })
  @ApiOkResponse({ type: SurveyDetailDto.Output })
  @ApiUnprocessableEntityResponse({
    description:
      "Nothing was stored: every error with its sheet, row and column (or an unreadable workbook); a valid form that no longer serves the survey's indicator items or weighting is refused FormBreaksSettings, with details as for PUT …/form",
    type: XlsFormProblemsDto.Output,
  })
  @ApiConflictResponse(FORM_CHANGE_CONFLICT)
  async uploadXlsForm(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: Request,
  ) {
    return this.spool.consume(
      req,
      { accept: [XLSX_TYPE, 'application/octet-stream'], maxBytes: MAX_XLSFORM_BYTES, allowEmpty: true },
      async (upload) => this.forms.uploadXlsForm(caller, id, await readFile(upload.path)),
    );
  }

  @Put('surveys/:id/target-areas')
  @Roles(...SURVEY_EDITORS)
  @ApiOperation({
    summary: "Target areas (within the survey's scope area) with an optional population override",
  })
  @ApiOkResponse({ type: SurveyDetailDto.Output })
  targetAreas(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TargetAreasDto,
  ) {
    return this.areas.setTargetAreas(caller, id, body);
  }

  @Put('surveys/:id/area-geometries')
  @Roles(...SURVEY_EDITORS)
  @ApiOperation({
    summary:
      'Boundaries of the target areas (GeoJSON FeatureCollection, feature id = area id; Polygon/MultiPolygon) for placing map points of an area question by=point; ?mode=append adds a further part',
  })
  @ApiOkResponse({ type: AreaGeometriesResultDto.Output })
  areaGeometries(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: AreaGeometriesQueryDto,
    @Body() body: AreaGeometriesDto,
  ) {
    return this.areas.setAreaGeometries(caller, id, body, query.mode);
  }

  @Post('surveys/:id/status')
  @Roles(...SURVEY_EDITORS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Publish (open), close or reopen; publishing checks form, waves, target areas, the area question, indicator items and weighting',
  })
  @ApiOkResponse({ type: SurveyDetailDto.Output })
  status(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string, @Body() body: StatusDto) {
    return this.surveys.setStatus(caller, id, body.status);
  }

  @Get('surveys/:id/candidate-areas')
  @ApiOperation({
    summary: "Areas within the survey's scope area (optionally of one level), to choose target areas from",
  })
  @ApiOkResponse({ type: CandidateAreaListDto.Output })
  candidateAreas(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: CandidateAreasDto,
  ) {
    return this.areas.candidateAreas(caller, id, query.level);
  }

  @Get('surveys/:id/links')
  @ApiOperation({ summary: 'Public form link and QR code (SVG) per target area' })
  @ApiOkResponse({ type: SurveyLinksDto.Output })
  links(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.areas.links(caller, id, publicOrigin(this.runtime));
  }

  @Post('surveys/:id/waves')
  @Roles(...SURVEY_EDITORS)
  @ApiOperation({ summary: 'Add a wave with open and close dates' })
  @ApiCreatedResponse({ type: WaveViewDto.Output })
  createWave(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateWaveDto,
  ) {
    return this.waves.createWave(caller, id, body);
  }

  @Patch('surveys/:id/waves/:waveId')
  @Roles(...SURVEY_EDITORS)
  @ApiOperation({ summary: 'Change a wave' })
  @ApiOkResponse({ type: WaveViewDto.Output })
  updateWave(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Body() body: UpdateWaveDto,
  ) {
    return this.waves.updateWave(caller, id, waveId, body);
  }

  @Post('surveys/:id/waves/:waveId/invitations')
  @Roles(...SURVEY_EDITORS)
  @ApiOperation({
    summary:
      'Create one-time invitation codes for an invitation-only wave (shown once; only hashes are stored)',
  })
  @ApiCreatedResponse({ type: InvitationCodesDto.Output })
  invitations(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Body() body: InvitationsDto,
  ) {
    return this.waves.createInvitations(caller, id, waveId, body.count);
  }
}
