// ink-select-input takes one symbol from the figures package, the pointer beside the chosen
// item: "❯", or ">" where the terminal cannot show it (figures' own rule). The build gives it
// this instead of figures' whole table (source/tools/build.mjs).
import isUnicodeSupported from 'is-unicode-supported';

export default { pointer: isUnicodeSupported() ? '❯' : '>' };
