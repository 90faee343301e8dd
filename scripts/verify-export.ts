// npm run verify-export -- <binder.zip> [--fingerprint SHA256:…]: verifies an audit binder offline.
// Exit 0 when it holds, 1 when it does not (each culprit named), 2 when it cannot be run as asked.

import { existsSync } from 'node:fs';
import { verificationReport, verifyBinder } from '../services/binder/verify';

const USAGE =
  'Usage : npm run verify-export -- <classeur.zip> [--fingerprint SHA256:…]\n' +
  '(usage: npm run verify-export -- <binder.zip> [--fingerprint SHA256:…])';

const parseArguments = (args: readonly string[]) => {
  let zip: string | undefined;
  let fingerprint: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--fingerprint') {
      fingerprint = args[index + 1];
      if (fingerprint === undefined) return undefined;
      index += 1;
    } else if (arg.startsWith('--fingerprint=')) fingerprint = arg.slice('--fingerprint='.length);
    else if (arg.startsWith('-') || zip !== undefined) return undefined;
    else zip = arg;
  }
  return zip === undefined ? undefined : { zip, fingerprint };
};

const parsed = parseArguments(process.argv.slice(2));
if (!parsed) {
  console.error(USAGE);
  process.exit(2);
}
if (!existsSync(parsed.zip)) {
  console.error(`Fichier introuvable : ${parsed.zip} (file not found)`);
  process.exit(2);
}
const verification = await verifyBinder(
  parsed.zip,
  parsed.fingerprint === undefined ? {} : { fingerprint: parsed.fingerprint },
);
if (verification.ok) process.stdout.write(verificationReport(verification));
else process.stderr.write(verificationReport(verification));
process.exitCode = verification.ok ? 0 : 1;
