export const USAGE = `Usage: sealpost <command> [options]

Run the gateway
  start                      web app + SMTP smart host + delivery worker in one process
  web | smtp | worker        one part alone (run several of them to scale out)
  demo                       start everything plus two local MX peers and send two sample messages

Mail
  send --from <addr> --to <addr> [--to <addr>…] (--subject <s> --text <body> | --file <message.eml>)
                             queue a message as if it had arrived by SMTP
  status <message-id> [--json]
                             per-recipient outcome and every delivery attempt

Administration
  migrate                    apply pending database migrations
  keys rotate                add a new master key and re-wrap every message key with it
  policy list                list per-domain TLS policies
  policy set <domain> <policy>
                             policy: tls-or-escrow | escrow-always | tls-only | opportunistic
                             (".example.org" matches subdomains, as in Postfix policy maps)
  policy remove <domain>
  user create --email <addr> --name <name> --role sender|admin|compliance [--password-stdin]
  token create --user <email> --name <label>
                             create an API token (also the SMTP AUTH password); shown once
  admin setup-link           print a one-time link to create the first admin (only while none exists)
  audit verify [--checkpoints]
                             check the audit log's hash chain (and its signed checkpoints); names the first
                             altered, missing, reordered or rewritten event
  audit events --message <id> [--json]
                             every audit event about one message, oldest first, with its sequence number
  audit checkpoint           sign the chain head now and append it to the checkpoint file
  audit export [--from <seq>] [--to <seq>] [--out <file>]
                             write a signed bundle of events (with the chain proof) for a third party
  audit verify-bundle <file> [--public-key <file>]
                             check a bundle without the database; names the first bad line
  audit public-key           print the audit signing key that bundles and checkpoints are checked against
  retention apply            shred the content of messages past their retention end (legal holds are kept)
  help                       this text

Settings come from the environment or sealpost.config.json; see README.md.
`;
