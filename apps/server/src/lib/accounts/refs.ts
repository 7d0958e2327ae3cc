// References to the account shapes the sessions plugin adds as shared schemas: a route's answer refers to its named
// component in the OpenAPI document (`#/components/schemas/SessionInfo`) instead of repeating it inline.
import { Type } from 'typebox';

export const ref = (
  id: 'Account' | 'SessionInfo' | 'AccountRecord' | 'AccountList' | 'OneTimePassword' | 'KeyCreated',
) => Type.Ref(id);
