import betweenElections from '../../content/between-elections.json' with { type: 'json' };
import { checkedStatementSchema } from '../content/schemas.ts';

/** When the between-elections block's "nothing is open or announced" was last checked, and against what. */
export const BETWEEN_ELECTIONS_CHECK = checkedStatementSchema.parse(betweenElections);
