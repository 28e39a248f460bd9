// k8s-sidecar logs JSON lines {time, level, msg}; tests and users grep the msg texts.
export type Level = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';
export type LogFn = (level: Level, msg: string) => void;

export const jsonLineLogger: LogFn = (level, msg) => {
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level, msg }) + '\n');
};
