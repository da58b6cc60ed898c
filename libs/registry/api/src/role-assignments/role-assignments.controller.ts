import { Body, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AreaScope, CurrentTenant, Roles } from '@quartier/auth';
import { NoContentRoute, ServiceController } from '@quartier/service-kit';
import {
  GrantRoleDto,
  ListAssignmentsQueryDto,
  RoleAssignmentPageDto,
  RoleAssignmentViewDto,
} from './role-assignment.dto';
import { RoleAssignmentsService } from './role-assignments.service';

@ServiceController('role assignments', 'api/registry/role-assignments')
@Roles('tenant-admin')
export class RoleAssignmentsController {
  constructor(private readonly assignments: RoleAssignmentsService) {}

  @Get()
  @ApiOperation({ summary: 'Role assignments of the tenant (optionally of one user)' })
  @ApiOkResponse({ type: RoleAssignmentPageDto.Output })
  list(@CurrentTenant() tenantId: string, @Query() query: ListAssignmentsQueryDto) {
    return this.assignments.list(tenantId, query);
  }

  @Post()
  @AreaScope({ body: 'areaId' })
  @ApiOperation({ summary: 'Grant a role, tenant-wide (areaId null) or for an area and its subtree' })
  @ApiCreatedResponse({ type: RoleAssignmentViewDto.Output })
  grant(@CurrentTenant() tenantId: string, @Body() body: GrantRoleDto) {
    return this.assignments.grant(tenantId, body);
  }

  @Delete(':id')
  @NoContentRoute('Revoke a role assignment', 'Revoked')
  async revoke(@CurrentTenant() tenantId: string, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.assignments.revoke(tenantId, id);
  }
}
