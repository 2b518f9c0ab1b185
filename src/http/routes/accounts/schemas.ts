/**
 * TypeBox schemas of the accounts resource (erasure).
 */
import { Type } from 'typebox';
import { ID_PATTERN } from '../../schemas.js';

export const ErasureParams = Type.Object({
  graphId: Type.String({ pattern: ID_PATTERN, description: 'Graph id.' }),
  accountId: Type.String({ minLength: 1, maxLength: 256, description: 'Account id, as given at ingestion (1-256 characters).' }),
});
