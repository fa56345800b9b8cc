// How the stack talks to the person who ran `npm start`: one line per step, colours only on a terminal.
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (text: string) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);

export const colour = { cyan: paint(36), green: paint(32), yellow: paint(33), red: paint(31), dim: paint(2), bold: paint(1) };

export const say = (message: string): void => console.log(`${colour.cyan('[waybill]')} ${message}`);
export const warn = (message: string): void => console.log(`${colour.cyan('[waybill]')} ${colour.yellow(message)}`);
export const fail = (message: string): void => console.error(`${colour.cyan('[waybill]')} ${colour.red(message)}`);

export const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;
