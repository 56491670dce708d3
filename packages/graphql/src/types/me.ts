import type { MujunBuilder } from '../builder';
import { townOf } from '../lookups';
import type { MujunRefs } from '../refs';

/** `me`: who the gateway thinks is asking (a dashboard shows the role and town). */
export function addMeTypes(builder: MujunBuilder, refs: MujunRefs): void {
  const Role = builder.enumType('Role', {
    description: 'What a bearer token may do.',
    values: {
      ANONYMOUS: { value: 'anonymous', description: 'No token, on a gateway that serves nothing anonymously.' },
      VIEWER: { value: 'viewer', description: 'Reads everything.' },
      TOWN_OPERATOR: { value: 'townOperator', description: '镇街操作员: reads everything, writes its own town.' },
      CITY_ADMIN: { value: 'cityAdmin', description: '市级管理员: reads everything, writes its city.' },
    } as const,
  });

  refs.Me.implement({
    description: 'The principal of this request.',
    fields: (t) => ({
      role: t.field({ type: Role, resolve: (p) => p.role }),
      subject: t.string({ nullable: true, resolve: (p) => ('subject' in p ? p.subject : null) }),
      city: t.id({ nullable: true, resolve: (p) => ('cityCode' in p ? p.cityCode : null) }),
      town: t.field({
        type: refs.Town,
        nullable: true,
        resolve: (p, _args, ctx) => (p.role === 'townOperator' ? townOf(ctx, p.townCode) : null),
      }),
    }),
  });

  builder.queryField('me', (t) => t.field({ type: refs.Me, resolve: (_root, _args, ctx) => ctx.principal }));
}
