/** `kuzet users add|list|disable|reset`: accounts for the web UI and the API. */
import { addUser, disableUser, resetUser } from '../../auth/users.js';
import { ROLES, type Role } from '../../review/types.js';
import { StoreConflictError } from '../../store/errors.js';
import { parseCommand } from '../flags.js';
import { withStore } from '../store.js';

const USAGE = `Usage: kuzet users add --name NAME --role viewer|reviewer|admin
       kuzet users list [--json]
       kuzet users disable --name NAME
       kuzet users reset --name NAME
       (each also takes --data DIR)

add and reset print a password (web sign-in) and an API token (Authorization: Bearer <token>) once; only their
hashes are stored. reset and disable sign the user out everywhere; reset enables a disabled user again.`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    argv,
    { name: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (!parsed) return Number(process.exitCode ?? 0);
  const { values, positionals, config } = parsed;
  const action = positionals[0];
  const name = typeof values.name === 'string' ? values.name.trim().toLowerCase() : '';
  const fail = (message: string, code = 2) => {
    console.error(`kuzet users: ${message}${code === 2 ? `\n\n${USAGE}` : ''}`);
    return code;
  };
  if (!['add', 'list', 'disable', 'reset'].includes(action ?? ''))
    return fail(`unknown action ${JSON.stringify(action ?? '')}`);
  if (action !== 'list' && !name) return fail(`${action} needs --name`);
  const role = values.role as Role | undefined;
  if (action === 'add' && !ROLES.includes(role as Role)) return fail(`--role must be one of ${ROLES.join(', ')}`);
  try {
    return await withStore(config, async (store) => {
      if (action === 'list') {
        const users = await store.listUsers();
        const rows = users.map(({ id, role, disabled, created_at }) => ({ name: id, role, disabled, created_at }));
        if (values.json) for (const row of rows) console.log(JSON.stringify(row));
        else
          for (const r of rows)
            console.log(`${r.name}\t${r.role}\t${r.disabled ? 'disabled' : 'active'}\t${r.created_at}`);
        return 0;
      }
      if (action === 'disable') {
        await disableUser(store, name);
        console.log(`${name} disabled; their sessions and token no longer work`);
        return 0;
      }
      const user = action === 'add' ? await addUser(store, name, role as Role) : await resetUser(store, name);
      console.log(`user: ${user.id}\nrole: ${user.role}\npassword: ${user.password}\ntoken: ${user.token}`);
      console.error('kuzet users: the password and token are shown only now; store them safely.');
      return 0;
    });
  } catch (error) {
    if (error instanceof StoreConflictError) return fail(`a user named ${name} exists; use reset for new secrets`, 1);
    return fail((error as Error).message, 1);
  }
}
