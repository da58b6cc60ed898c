export { ROLES, type Role } from '@quartier/contracts/browser';
