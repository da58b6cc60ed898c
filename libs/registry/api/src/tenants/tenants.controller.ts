import { Body, Get, Param, Patch, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentCaller, CurrentTenant, Roles, type Caller } from '@quartier/auth';
import { ROLES } from '@quartier/contracts';
import { ServiceController } from '@quartier/service-kit';
import {
  MeViewDto,
  tenantIdParamSchema,
  TenantViewDto,
  UpdateCurrentTenantDto,
  UpsertTenantDto,
} from './tenant.dto';
import { TenantsService } from './tenants.service';
import { MeService } from './me.service';
import { parsePathParams } from '../path-params';

@ServiceController('tenants', 'api/registry')
@Roles(...ROLES)
export class TenantsController {
  constructor(
    private readonly tenants: TenantsService,
    private readonly me: MeService,
  ) {}

  @Get('tenants/current')
  @ApiOperation({ summary: 'The caller’s tenant with its area levels' })
  @ApiOkResponse({ type: TenantViewDto.Output })
  current(@CurrentTenant() tenantId: string) {
    return this.tenants.get(tenantId);
  }

  @Patch('tenants/current')
  @Roles('tenant-admin')
  @ApiOperation({
    summary:
      'Rename the tenant, redefine its area levels (levels in use cannot be removed) or set its public profile (operator, imprint and privacy links on survey forms)',
  })
  @ApiOkResponse({ type: TenantViewDto.Output })
  async updateCurrent(@CurrentTenant() tenantId: string, @Body() body: UpdateCurrentTenantDto) {
    const tenant = await this.tenants.get(tenantId);
    return this.tenants.upsert(
      tenantId,
      body.name ?? tenant.name,
      body.levels ?? tenant.levels,
      body.publicProfile,
    );
  }

  @Get('tenants')
  @Roles('platform-admin')
  @ApiOperation({ summary: 'All tenants (platform administrators)' })
  @ApiOkResponse({ type: TenantViewDto.Output, isArray: true })
  list() {
    return this.tenants.list();
  }

  @Put('tenants/:id')
  @Roles('platform-admin')
  @ApiOperation({ summary: 'Create or update a tenant with its area levels (platform administrators)' })
  @ApiOkResponse({ type: TenantViewDto.Output })
  upsert(@Param('id') id: string, @Body() body: UpsertTenantDto) {
    return this.tenants.upsert(parsePathParams(tenantIdParamSchema, id, 'id'), body.name, body.levels);
  }

  @Get('me')
  @ApiOperation({ summary: 'Who the caller is: roles, tenant and role assignments (for the portal)' })
  @ApiOkResponse({ type: MeViewDto.Output })
  whoAmI(@CurrentCaller() caller: Caller) {
    return this.me.describe(caller);
  }
}
