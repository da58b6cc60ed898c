import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAccess, CurrentTenant, Roles, type AccessContext } from '@quartier/auth';
import { ROLES } from '@quartier/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { AreaRefRepository } from './common/area-ref.repository';
import { readScope } from './common/access';

const areaRefQuery = z.object({
  level: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
class AreaRefQueryDto extends createZodDto(areaRefQuery) {}

/** The areas this service knows from `registry.area.*` events, limited to the caller's scope. */
@ApiTags('areas (read model)')
@ApiBearerAuth()
@Controller('api/indicator/area-refs')
@Roles(...ROLES)
export class AreaRefsController {
  constructor(private readonly areaRefs: AreaRefRepository) {}

  @Get()
  @ApiOperation({ summary: "Areas as replicated from the registry into the indicator service's read model" })
  list(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Query() query: AreaRefQueryDto,
  ) {
    return this.areaRefs.page(tenantId, readScope(access), query);
  }
}
