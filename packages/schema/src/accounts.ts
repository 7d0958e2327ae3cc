// Accounts for people (issue 9 §1): the shapes of the sign-in, registration and account administration routes. A
// signed-in account has the same role and scope as an API key would, so every policy applies to it unchanged.
import { Type, type Static } from 'typebox';
import { ApiKeyInfo, RoleSchema } from './api.js';
import { ConsultantId, ProvinceCode, TaxCode } from './assessment.js';

const Timestamp = Type.String({ description: 'ISO 8601 UTC timestamp' });
const NullableString = () => Type.Union([Type.String(), Type.Null()]);

export const Email = Type.String({
  minLength: 3,
  maxLength: 254,
  pattern: '^[^\\s@]+@[^\\s@]+$',
  description: 'E-mail address (compared case-insensitively)',
});
/** Length only: the rules (lib in @dbi/storage `passwordProblem`) answer with their own reasons in vi and en. */
export const Password = Type.String({ maxLength: 1024, description: 'Password (never stored, never logged)' });
export const Lang = Type.Union([Type.Literal('vi'), Type.Literal('en')], { description: 'Preferred language' });
export type Lang = Static<typeof Lang>;
export const AccountId = Type.String({ pattern: '^acc_[0-9a-f]{16}$', description: 'Account id' });

export const BindingStatus = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('refused')], {
  description: 'An enterprise account acts for its tax code only once a department or the Ministry approved it',
});
export type BindingStatus = Static<typeof BindingStatus>;

export const AccountBinding = Type.Object(
  { taxCode: TaxCode, status: BindingStatus },
  { additionalProperties: false, description: 'The tax code an enterprise account asked to act for' },
);

/** What the signed-in person sees of their own account (the sessions contract). */
export const Account = Type.Object(
  {
    id: AccountId,
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    scope: NullableString(),
    binding: Type.Optional(AccountBinding),
    mustChangePassword: Type.Optional(
      Type.Boolean({ description: 'true after an admin reset: the password must be changed before anything else' }),
    ),
  },
  { additionalProperties: false },
);
export type Account = Static<typeof Account>;

export const AccountStatus = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);
export type AccountStatus = Static<typeof AccountStatus>;

/** An account as administrators see it. */
export const AccountRecord = Type.Object(
  {
    id: AccountId,
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    scope: NullableString(),
    status: AccountStatus,
    lang: Lang,
    mustChangePassword: Type.Boolean(),
    consultantId: Type.Union([ConsultantId, Type.Null()], {
      description: 'consultant accounts: the consultant record it acts as once recognised by the Ministry',
    }),
    binding: Type.Optional(
      Type.Object(
        {
          taxCode: TaxCode,
          status: BindingStatus,
          reason: NullableString(),
          decidedBy: NullableString(),
          decidedAt: Type.Union([Timestamp, Type.Null()]),
          province: Type.Optional(ProvinceCode),
        },
        { additionalProperties: false },
      ),
    ),
    lockedUntil: Type.Union([Timestamp, Type.Null()]),
    createdAt: Timestamp,
    createdBy: Type.String(),
    updatedAt: Timestamp,
    updatedBy: Type.String(),
  },
  { additionalProperties: false },
);
export type AccountRecord = Static<typeof AccountRecord>;

export const AccountList = Type.Object(
  {
    items: Type.Array(AccountRecord),
    next: Type.Union([Type.String(), Type.Null()], { description: 'cursor for ?after=, null on the last page' }),
  },
  { additionalProperties: false },
);

export const RegisterBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('enterprise'), Type.Literal('consultant')]),
    email: Email,
    password: Password,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    lang: Type.Optional(Lang),
    taxCode: Type.Optional(
      Type.String({ maxLength: 20, description: 'enterprise: its tax code (check digit checked)' }),
    ),
    province: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          'enterprise: the province it is in (a code of the 34 units, or a name or former code, mapped to its unit); its department then sees and decides the binding before the enterprise is on record',
      }),
    ),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const SignInBody = Type.Object(
  { email: Type.String({ maxLength: 254 }), password: Password },
  {
    additionalProperties: false,
  },
);

export const SessionInfo = Type.Object(
  {
    account: Account,
    csrfToken: Type.String({ description: 'send as the x-csrf-token header on every unsafe request of this session' }),
  },
  { additionalProperties: false },
);

export const PasswordChangeBody = Type.Object(
  { oldPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const AccountCreateBody = Type.Object(
  {
    email: Email,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    scope: Type.Optional(NullableString()),
    lang: Type.Optional(Lang),
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);

export const PasswordResetBody = Type.Object(
  { password: Type.Optional(Password) },
  { additionalProperties: false, description: 'a one-time password; generated (and shown once) when absent' },
);

export const OneTimePassword = Type.Object(
  {
    account: AccountRecord,
    oneTimePassword: Type.String({ description: 'shown once; the account must change it at its next sign-in' }),
  },
  { additionalProperties: false },
);

export const AccountStatusBody = Type.Object({ status: AccountStatus }, { additionalProperties: false });

export const BindingDecisionBody = Type.Object(
  {
    status: Type.Union([Type.Literal('approved'), Type.Literal('refused')]),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const RecognitionBody = Type.Object(
  {
    consultantId: Type.Union([ConsultantId, Type.Null()], {
      description: 'the consultant record this account acts as; null un-recognises it',
    }),
  },
  { additionalProperties: false },
);

export const KeyCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Type.Optional(RoleSchema),
  },
  { additionalProperties: false },
);

export const KeyCreated = Type.Object(
  { key: Type.String({ description: 'the secret: shown once, never again' }), info: ApiKeyInfo },
  { additionalProperties: false },
);

export const KeyList = Type.Object(
  { items: Type.Array(ApiKeyInfo), next: Type.Null() },
  { additionalProperties: false },
);
