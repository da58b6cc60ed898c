import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, Clock, pageOf, pageQueryFields } from '@quartier/service-kit';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { ROLES } from '@quartier/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { AreaRefRepository } from './common/area-ref.repository';
import { readScope } from './common/access';

const areaRefQuery = z.object({
  level: z.string().min(1).optional(),
  versions: z
    .enum(['current', 'all'])
    .default('current')
    .describe(
      'current: the areas of the area version in force today (the registry’s current version); all: every version’s, a reused code’s oldest area first',
    ),
  ...pageQueryFields({ max: 1000, default: 50 }),
});
class AreaRefQueryDto extends createZodDto(areaRefQuery) {}

/** Response schema (docs/adr/0007-generated-portal-clients.md), checked in indicator-answers.dto.ts. */
export const areaRefPageSchema = pageOf(
  z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    level: z.string(),
    parentId: z.uuid().nullable(),
    population: z.number().nullable(),
  }),
);
class AreaRefPageDto extends createZodDto(areaRefPageSchema) {}

/**
 * The areas this service knows from `registry.area.*` events, limited to the caller's scope: by
 * default those of the current area version, as maps list them.
 */
@ApiTags('areas (read model)')
@ApiBearerAuth()
@ApiErrorResponses()
@Controller('api/indicator/area-refs')
@Roles(...ROLES)
export class AreaRefsController {
  constructor(
    private readonly areaRefs: AreaRefRepository,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "Areas as replicated from the registry into the indicator service's read model (the current area version's unless versions=all)",
  })
  @ApiOkResponse({ type: AreaRefPageDto.Output })
  list(@CurrentCaller() caller: Caller, @Query() query: AreaRefQueryDto) {
    return this.areaRefs.page(caller.tenantId, readScope(caller.access), query, this.clock.today());
  }
}
