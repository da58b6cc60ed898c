import { Get, Header, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { EVALUATION_EDITORS, EVALUATION_READERS } from '../evaluation.constants';
import { PageQueryDto } from '../evaluations/evaluation.dto';
import { LiveComparisonDto, SnapshotInfoDto, SnapshotListDto } from './snapshot.dto';
import { SnapshotsService } from './snapshots.service';
import { ServiceController } from '@quartier/service-kit';

@ServiceController('evaluation snapshots', 'api/evaluation/evaluations/:evaluationId')
@Roles(...EVALUATION_READERS)
export class SnapshotsController {
  constructor(private readonly snapshots: SnapshotsService) {}

  @Post('snapshots')
  @Roles(...EVALUATION_EDITORS)
  @ApiOperation({ summary: 'Freeze every input of the numbers as a snapshot with a content hash' })
  @ApiCreatedResponse({ type: SnapshotInfoDto.Output })
  take(@CurrentCaller() caller: Caller, @Param('evaluationId', ParseUUIDPipe) id: string) {
    return this.snapshots.take(caller, id);
  }

  @Get('snapshots')
  @ApiOperation({ summary: 'The snapshots taken, newest first, as {items, total}' })
  @ApiOkResponse({ type: SnapshotListDto.Output })
  list(
    @CurrentCaller() caller: Caller,
    @Param('evaluationId', ParseUUIDPipe) id: string,
    @Query() page: PageQueryDto,
  ) {
    return this.snapshots.list(caller, id, page);
  }

  @Get('snapshots/:snapshotId/document')
  @Roles(...EVALUATION_EDITORS)
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOperation({
    summary: 'The snapshot document exactly as hashed (with unsuppressed counts: editors only)',
  })
  @ApiOkResponse({
    description: 'The snapshot document (JSON text, exactly the bytes that were hashed)',
    content: { 'application/json': { schema: { type: 'string' } } },
  })
  document(
    @CurrentCaller() caller: Caller,
    @Param('evaluationId', ParseUUIDPipe) id: string,
    @Param('snapshotId', ParseUUIDPipe) snapshotId: string,
  ) {
    return this.snapshots.document(caller, id, snapshotId);
  }

  @Get('live-comparison')
  @ApiOperation({ summary: 'What changed in the live data since the current snapshot' })
  @ApiOkResponse({ type: LiveComparisonDto.Output })
  compare(@CurrentCaller() caller: Caller, @Param('evaluationId', ParseUUIDPipe) id: string) {
    return this.snapshots.compareWithLive(caller, id);
  }
}
