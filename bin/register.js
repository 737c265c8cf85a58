// `node --import plum/register script.ts`: lets Node load plum's TypeScript sources (and the script's own
// .ts) through tsx, plum's dependency, so `import { ... } from 'plum'` works from any folder.
import { register } from 'tsx/esm/api';

register();
