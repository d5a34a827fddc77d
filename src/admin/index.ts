/** The admin module: staff accounts, sessions, roles, audit, and the guards other modules mount. */
export { createAdminModule, type AdminModule, type AdminModuleDeps } from './admin-module';
export { createAdminAuth, hasRole, isLocalRequest, type AdminAuth } from './auth-middleware';
export { actorName, currentActor, currentStaff, ROLES, type Actor } from './actor';
export { AUDIT_ACTIONS, type AuditAction, type RecordAudit } from './audit-trail';
export { isLoopbackAddress } from './loopback';
export { createPasswordHasher, verifyPassword, MIN_PASSWORD_LENGTH, type PasswordHasher } from './passwords';
export { SESSION_TTL_MS } from './sessions';
export { integrationId, tokenDigest } from './tokens';
