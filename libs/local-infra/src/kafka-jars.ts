import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { runCommand } from './processes';

// Kafka is a JVM program. Instead of shipping a tarball or requiring Docker, we let Maven resolve the
// official broker jars from Maven Central once (deploy/kafka/pom.xml), and run them with the JDK.

/** 3.9 still speaks the old protocol versions kafkajs 2.2.4 uses; Kafka 4.0 removed them (KIP-896). */
export const KAFKA_VERSION = '3.9.1';
const MIN_JAVA_MAJOR = 17;

/**
 * The repository root: the nearest folder holding deploy/kafka/pom.xml above this file (in the
 * sources, or compiled into dist/), else above the working directory. Jars and data live under
 * <root>/.waybill, which git ignores.
 */
export function findRepoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'deploy', 'kafka', 'pom.xml'))) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(
    `cannot find deploy/kafka/pom.xml above ${__dirname} or ${process.cwd()}: run from the Waybill repository`,
  );
}

/** The `java` to run: $JAVA_HOME's when set (as Kafka's own scripts do), else the one on PATH. */
export async function findJava(): Promise<string> {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const result = await runCommand(java, ['-version']);
  const install = `install a JDK ${MIN_JAVA_MAJOR} or newer (e.g. \`apt-get install openjdk-17-jdk-headless\`, \`brew install openjdk@17\`) or point JAVA_HOME at one`;
  if (result.missing)
    throw new Error(`Java not found (${java}): the local Kafka broker needs it — ${install}`);
  // `java -version` prints e.g. `openjdk version "17.0.15"` or, before Java 9, `"1.8.0_402"`.
  const version = /version "(\d+)(?:\.(\d+))?/.exec(result.output);
  const major = version ? Number(version[1] === '1' ? version[2] : version[1]) : NaN;
  if (!(major >= MIN_JAVA_MAJOR)) {
    throw new Error(
      `Kafka ${KAFKA_VERSION} needs Java ${MIN_JAVA_MAJOR}+, but ${java} is: ${result.output.split('\n')[0]} — ${install}`,
    );
  }
  return java;
}

/**
 * Returns the folder of the broker's jars, downloading them with Maven the first time. A marker,
 * written only after a complete copy, holds the pom's hash: an interrupted download, or an edited
 * pom, is redone instead of leaving a broken classpath behind.
 */
export async function resolveKafkaJars(root: string, onProgress: (message: string) => void): Promise<string> {
  const pom = join(root, 'deploy', 'kafka', 'pom.xml');
  const home = join(root, '.waybill', 'kafka', KAFKA_VERSION);
  const libs = join(home, 'libs');
  const marker = join(home, 'libs.complete');
  const pomHash = createHash('sha256')
    .update(await readFile(pom))
    .digest('hex');
  const isComplete = async () => (await readFile(marker, 'utf8').catch(() => '')) === pomHash;
  if (await isComplete()) return libs;

  onProgress(`resolving Kafka ${KAFKA_VERSION} jars from Maven Central (first run only)…`);
  // Maven writes into a folder of its own; only a finished copy is moved into place, so a second
  // process resolving at the same time never sees (or deletes) half a classpath.
  const staging = join(home, `libs.partial-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(home, { recursive: true });
  const args = [
    '-q',
    '-B',
    '-Dstyle.color=never',
    '-f',
    pom,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${staging}`,
    '-DincludeScope=runtime',
  ];
  const mvn = await runCommand('mvn', args);
  if (mvn.missing) {
    throw new Error(
      'Maven not found: it downloads the Kafka broker jars from Maven Central once — install it (e.g. `apt-get install maven`, `brew install maven`) and run again',
    );
  }
  if (!mvn.ok) {
    await rm(staging, { recursive: true, force: true });
    throw new Error(
      `Maven could not resolve the Kafka jars (is Maven Central reachable? a proxy or mirror goes in ~/.m2/settings.xml); ran \`mvn ${args.join(' ')}\`:\n${mvn.output.slice(-4000)}`,
    );
  }
  if (await isComplete()) {
    await rm(staging, { recursive: true, force: true }); // another process finished first
  } else {
    await rm(libs, { recursive: true, force: true });
    await rename(staging, libs);
    await writeFile(marker, pomHash);
  }
  return libs;
}
