import { Controller, Get, Header, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { EVALUATION_EDITORS, EVALUATION_READERS } from '../evaluation.constants';
import { PageQueryDto } from '../evaluations/evaluation.dto';
import { SnapshotsService } from './snapshots.service';

@ApiTags('evaluation snapshots')
@ApiBearerAuth()
@Controller('api/evaluation/evaluations/:evaluationId')
@Roles(...EVALUATION_READERS)
export class SnapshotsController {
  constructor(private readonly snapshots: SnapshotsService) {}

  @Post('snapshots')
  @Roles(...EVALUATION_EDITORS)
  @ApiOperation({ summary: 'Freeze every input of the numbers as a snapshot with a content hash' })
  take(@CurrentCaller() caller: Caller, @Param('evaluationId', ParseUUIDPipe) id: string) {
    return this.snapshots.take(caller, id);
  }

  @Get('snapshots')
  @ApiOperation({ summary: 'The snapshots taken, newest first, as {items, total}' })
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
  document(
    @CurrentCaller() caller: Caller,
    @Param('evaluationId', ParseUUIDPipe) id: string,
    @Param('snapshotId', ParseUUIDPipe) snapshotId: string,
  ) {
    return this.snapshots.document(caller, id, snapshotId);
  }

  @Get('live-comparison')
  @ApiOperation({ summary: 'What changed in the live data since the current snapshot' })
  compare(@CurrentCaller() caller: Caller, @Param('evaluationId', ParseUUIDPipe) id: string) {
    return this.snapshots.compareWithLive(caller, id);
  }
}
