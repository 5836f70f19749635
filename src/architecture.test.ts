import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { checkArchitecture, projectSources } from './testing/architecture.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const sources = projectSources(root);

/** The code base with one file added or replaced: what the checker says of it. */
const planted = (file: string, text: string) => checkArchitecture(new Map([...sources, [file, text]]));

describe('the module contract (docs/architecture.md), read from the real imports', () => {
  it('holds in the code base: each violation is listed with its file and line', () => {
    expect(checkArchitecture(sources)).toEqual([]);
  });

  it('fails on each kind of violation, planted', () => {
    expect(planted('src/platform/mail/x.ts', "import { register } from '../../modules/meetings/registration.js';\n")).toContainEqual(expect.stringMatching(/^src\/platform\/mail\/x\.ts:1: the platform imports the meetings module/));
    expect(planted('src/modules/meetings/x.ts', "import type { MemberRow } from '../membership/members.js';\n")).toContainEqual(expect.stringMatching(/^src\/modules\/meetings\/x\.ts:1: meetings imports src\/modules\/membership\/members — another module is reached only through its service\.ts/));
    expect(planted('src/modules/membership/x.ts', "import { listMeetings } from '../meetings/service.js';\n")).toContainEqual(expect.stringMatching(/modules import each other in a cycle: .*meetings.*membership|membership.*meetings/));
    expect(planted('src/modules/meetings/views/x.tsx', "import { eq } from 'drizzle-orm';\n")).toContain('src/modules/meetings/views/x.tsx:1: a routes or views file imports drizzle-orm');
    expect(planted('src/modules/meetings/x-routes.tsx', "\nimport { registrations } from './schema.js';\n")).toContain('src/modules/meetings/x-routes.tsx:2: a routes or views file imports src/modules/meetings/schema');
    expect(planted('src/modules/meetings/views/y.tsx', "import { programme } from '../service.js';\n")).toContain('src/modules/meetings/views/y.tsx:1: a view imports programme from src/modules/meetings/service, which reaches the database');
    expect(planted('src/modules/meetings/admin.ts', `${sources.get('src/modules/meetings/admin.ts')}\nconst x = (a: MaybeActor) => hasRole(a, 'secretariat');\n`)).toContainEqual(expect.stringMatching(/^src\/modules\/meetings\/admin\.ts:\d+: a role is tested outside policy\.ts/));
    expect(planted('src/modules/meetings/z-routes.tsx', "const f = (req: any) => {\n  authorize(true, 'x');\n  recordAudit(db, null, {});\n};\n")).toEqual(
      expect.arrayContaining(['src/modules/meetings/z-routes.tsx:2: a permission is decided in a route or view — the service verb decides it with its policy', 'src/modules/meetings/z-routes.tsx:3: a route or view writes (audit, mail, job) — a service verb does']),
    );
    expect(planted('src/modules/newthing/module.ts', 'export const m = 1;\n')).toEqual(expect.arrayContaining(['src/modules/newthing: no service.ts', 'src/modules/newthing: no policy.ts', 'src/modules/newthing: no routes']));
  });
});
