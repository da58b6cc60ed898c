import { Get, Header, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { textResponse } from '../api-views.dto';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { IatiService } from '../iati/iati.service';
import { PROGRAMME_READERS } from '../programme.constants';
import { DashboardDto } from './dashboard.dto';
import { DashboardService } from './dashboard.service';
import { ServiceController } from '@quartier/service-kit';

@ServiceController('programmes', 'api/programme/programmes/:programmeId')
@Roles(...PROGRAMME_READERS)
export class DashboardController {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly iati: IatiService,
  ) {}

  @Get('dashboard')
  @ApiOperation({
    summary: 'Budget by year and line, measures by status and field of action, programme areas',
  })
  @ApiOkResponse({ type: DashboardDto.Output })
  dashboard(@CurrentCaller() caller: Caller, @Param('programmeId', ParseUUIDPipe) id: string) {
    return this.dashboards.dashboard(caller, id);
  }

  @Get('iati')
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @ApiOperation({ summary: 'The programme’s measures as IATI 2.03 activity XML' })
  @ApiOkResponse(textResponse('application/xml', 'IATI 2.03 activity XML (iati-activities)'))
  exportIati(@CurrentCaller() caller: Caller, @Param('programmeId', ParseUUIDPipe) id: string) {
    return this.iati.export(caller, id);
  }
}
