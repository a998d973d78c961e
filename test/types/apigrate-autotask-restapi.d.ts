/** The part of @apigrate/autotask-restapi (plain JavaScript, no types of its own) that the simulator's tests use. */
declare module '@apigrate/autotask-restapi' {
  interface EntityApi {
    query(search: unknown): Promise<unknown>;
    count(search: unknown): Promise<unknown>;
    get(id: number): Promise<unknown>;
    update(toSave: Record<string, unknown>, opts?: { ImpersonationResourceId?: number }): Promise<unknown>;
    create(toSave: Record<string, unknown>, opts?: { ImpersonationResourceId?: number }): Promise<unknown>;
    fieldInfo(): Promise<unknown>;
  }
  export class AutotaskRestApi {
    constructor(user: string, secret: string, code: string, options?: { base_url?: string; version?: string });
    zoneInfo: { url: string; webUrl: string; zoneName: string } | null;
    [entity: string]: EntityApi | unknown;
    Tickets: EntityApi;
    Resources: EntityApi;
    ResourceServiceDeskRoles: EntityApi;
    TimeEntries: EntityApi;
    Contacts: EntityApi;
    Companies: EntityApi;
  }
  export class AutotaskApiError extends Error {
    status: number;
    details: unknown;
  }
}
