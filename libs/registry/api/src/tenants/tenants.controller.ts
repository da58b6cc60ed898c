import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAccess, CurrentTenant, type AccessContext } from '@quartier/auth';
import { TenantsService } from './tenants.service';
import { MeService } from './me.service';

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('api/registry')
export class TenantsController {
  constructor(
    private readonly tenants: TenantsService,
    private readonly me: MeService,
  ) {}

  @Get('tenants/current')
  @ApiOperation({ summary: 'The caller’s tenant with its area levels' })
  current(@CurrentTenant() tenantId: string) {
    return this.tenants.get(tenantId);
  }

  @Get('me')
  @ApiOperation({ summary: 'Who the caller is: roles, tenant and role assignments (for the portal)' })
  whoAmI(@CurrentAccess() access: AccessContext, @CurrentTenant() tenantId: string) {
    return this.me.describe(access, tenantId);
  }
}
