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
      role: t.field({ type: Role, description: 'What the token may do.', resolve: (p) => p.role }),
      subject: t.string({
        nullable: true,
        description: "The token's subject (`sub` claim): who it was issued to; null for the ANONYMOUS role.",
        resolve: (p) => ('subject' in p ? p.subject : null),
      }),
      city: t.id({
        nullable: true,
        description: 'The 6-digit city a town operator or city admin is bound to; null for other roles.',
        resolve: (p) => ('cityCode' in p ? p.cityCode : null),
      }),
      town: t.field({
        type: refs.Town,
        nullable: true,
        description: "A town operator's own town (本镇街); null for other roles.",
        resolve: (p, _args, ctx) => (p.role === 'townOperator' ? townOf(ctx, p.townCode) : null),
      }),
    }),
  });

  builder.queryField('me', (t) =>
    t.field({
      type: refs.Me,
      description: 'Who is asking: the role and division of the bearer token, as the gateway read it.',
      resolve: (_root, _args, ctx) => ctx.principal,
    }),
  );
}
