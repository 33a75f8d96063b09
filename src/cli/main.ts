#!/usr/bin/env node
/** The `jms` command: send, receive, browse and redrive messages, and run the conformance suite. */
import { JMSException } from '../api/exceptions.js';
import { UsageError } from './args.js';
import { browseCommand, receiveCommand, sendCommand, type Command } from './commands.js';
import { conformanceCommand } from './conformance-command.js';
import { redriveCommand } from './redrive-command.js';
import { packageVersion } from './version.js';

const COMMANDS: Record<string, Command> = {
  send: sendCommand,
  receive: receiveCommand,
  browse: browseCommand,
  redrive: redriveCommand,
  conformance: conformanceCommand,
};

function usage(): string {
  return [
    'usage:',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
    '  jms --version',
    '',
    'URL defaults to $JMS_URL, then memory://',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    console.log(packageVersion());
    return 0;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    console.error(name === undefined || name === '--help' || name === '-h' ? usage() : `jms: unknown command "${name}"\n${usage()}`);
    return name === '--help' || name === '-h' ? 0 : 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`jms ${name}: ${error.message}\nusage: ${command.usage}`);
      return 2;
    }
    if (error instanceof JMSException) {
      console.error(`jms ${name}: ${error.name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
