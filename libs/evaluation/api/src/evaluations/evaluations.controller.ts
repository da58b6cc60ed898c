import { Body, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { EVALUATION_EDITORS, EVALUATION_READERS, WORKFLOW_ROLES } from '../evaluation.constants';
import { WorkflowService } from '../workflow/workflow.service';
import {
  AuditDto,
  CreateEvaluationDto,
  EvaluationListDto,
  EvaluationViewDto,
  ListEvaluationsQueryDto,
  RatingDto,
  TransitionDto,
  UpdateEvaluationDto,
} from './evaluation.dto';
import { EvaluationsService } from './evaluations.service';
import { ServiceController } from '@quartier/service-kit';

@ServiceController('evaluations', 'api/evaluation/evaluations')
@Roles(...EVALUATION_READERS)
export class EvaluationsController {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly workflow: WorkflowService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Evaluations the caller may read (filters: status, programmeId) as {items, total}',
  })
  @ApiOkResponse({ type: EvaluationListDto.Output })
  list(@CurrentCaller() caller: Caller, @Query() query: ListEvaluationsQueryDto) {
    return this.evaluations.list(caller, query);
  }

  @Post()
  @Roles(...EVALUATION_EDITORS)
  @ApiOperation({ summary: 'Start an evaluation of a programme, a measure or chosen areas (status draft)' })
  @ApiCreatedResponse({ type: EvaluationViewDto.Output })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateEvaluationDto) {
    return this.evaluations.create(caller, body);
  }

  @Get(':evaluationId')
  @ApiOperation({
    summary: 'One evaluation with ratings, design, snapshot and the workflow steps the caller may take',
  })
  @ApiOkResponse({ type: EvaluationViewDto.Output })
  get(@CurrentCaller() caller: Caller, @Param('evaluationId', ParseUUIDPipe) id: string) {
    return this.evaluations.get(caller, id);
  }

  @Patch(':evaluationId')
  @Roles(...EVALUATION_EDITORS)
  @ApiOperation({
    summary: 'Change title, start period, questions, findings or recommendations (not when final)',
  })
  @ApiOkResponse({ type: EvaluationViewDto.Output })
  update(
    @CurrentCaller() caller: Caller,
    @Param('evaluationId', ParseUUIDPipe) id: string,
    @Body() body: UpdateEvaluationDto,
  ) {
    return this.evaluations.update(caller, id, body);
  }

  @Put(':evaluationId/ratings/:criterion')
  @Roles(...EVALUATION_EDITORS)
  @ApiOperation({
    summary: 'Rate an OECD-DAC criterion (1–4) with justification and the evidence it rests on',
  })
  @ApiOkResponse({ type: EvaluationViewDto.Output })
  rate(
    @CurrentCaller() caller: Caller,
    @Param('evaluationId', ParseUUIDPipe) id: string,
    @Param('criterion') criterion: string,
    @Body() body: RatingDto,
  ) {
    return this.evaluations.rate(caller, id, criterion, body);
  }

  @Post(':evaluationId/transitions')
  @Roles(...WORKFLOW_ROLES)
  @ApiOperation({
    summary: 'Take a workflow step: submit (draft → in-review), return (→ draft), finalise (→ final)',
  })
  @ApiCreatedResponse({ type: EvaluationViewDto.Output })
  transition(
    @CurrentCaller() caller: Caller,
    @Param('evaluationId', ParseUUIDPipe) id: string,
    @Body() body: TransitionDto,
  ) {
    return this.workflow.transition(caller, id, body);
  }

  @Get(':evaluationId/audit')
  @ApiOperation({
    summary: 'The audit trail: who moved the evaluation from which status to which, when, why',
  })
  @ApiOkResponse({ type: AuditDto.Output })
  audit(@CurrentCaller() caller: Caller, @Param('evaluationId', ParseUUIDPipe) id: string) {
    return this.workflow.audit(caller, id);
  }
}
