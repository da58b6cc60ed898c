import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { CurrentAccess, CurrentTenant, Roles, scopeAreas, type AccessContext } from '@quartier/auth';
import { ROLES } from '@quartier/contracts';
import { createZodDto } from 'nestjs-zod';
import type { DataSource } from 'typeorm';
import { z } from 'zod';

const areaRefQuery = z.object({
  level: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
class AreaRefQueryDto extends createZodDto(areaRefQuery) {}

interface AreaRefRow {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
  path: string[];
  population: number | null;
}

/** The areas this service knows from `registry.area.*` events, limited to the caller's scope. */
@ApiTags('areas (read model)')
@ApiBearerAuth()
@Controller('api/indicator/area-refs')
@Roles(...ROLES)
export class AreaRefsController {
  constructor(@InjectDataSource('indicator') private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: "Areas as replicated from the registry into the indicator service's read model" })
  async list(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Query() query: AreaRefQueryDto,
  ) {
    const scope = scopeAreas(access.principal, access.assignments, [...ROLES]);
    const params: unknown[] = [tenantId];
    let where = 'tenant_id = $1';
    if (query.level) {
      params.push(query.level);
      where += ` AND level = $${params.length}`;
    }
    if (scope !== 'all') {
      params.push(scope);
      where += ` AND (path && $${params.length}::uuid[] OR id = ANY($${params.length}::uuid[]))`;
    }
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM area_ref WHERE ${where}`,
      params,
    );
    const rows: AreaRefRow[] = await this.db.query(
      `SELECT id, code, name, level, parent_id AS "parentId", path, population FROM area_ref WHERE ${where}
        ORDER BY code LIMIT ${query.limit} OFFSET ${query.offset}`,
      params,
    );
    return { items: rows.map(({ path: _path, ...row }) => row), total };
  }
}
