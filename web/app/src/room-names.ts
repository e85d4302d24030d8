/**
 * Random, readable room names ("brave-otter-42"): easy to read out on a phone, and with
 * 48 × 48 × 900 ≈ 2 million combinations unlikely to land in someone else's room by chance.
 */
const ADJECTIVES = [
  'amber', 'brave', 'calm', 'clever', 'cosy', 'crisp', 'daring', 'eager', 'fancy', 'gentle',
  'glad', 'golden', 'happy', 'jolly', 'keen', 'kind', 'lively', 'lucky', 'merry', 'mighty',
  'misty', 'noble', 'polite', 'proud', 'quick', 'quiet', 'rapid', 'rosy', 'shiny', 'silent',
  'silver', 'sleek', 'smart', 'snowy', 'sober', 'solid', 'sunny', 'swift', 'tidy', 'vivid',
  'warm', 'wise', 'witty', 'young', 'zesty', 'bold', 'bright', 'cheery',
] as const;
const ANIMALS = [
  'otter', 'falcon', 'badger', 'heron', 'lynx', 'panda', 'koala', 'beaver', 'walrus', 'gecko',
  'ibis', 'jackal', 'lemur', 'marten', 'newt', 'ocelot', 'puffin', 'quokka', 'raven', 'seal',
  'tapir', 'urchin', 'vole', 'wombat', 'yak', 'zebra', 'bison', 'crane', 'dingo', 'eagle',
  'ferret', 'gibbon', 'hare', 'iguana', 'kiwi', 'llama', 'moose', 'narwhal', 'orca', 'pelican',
  'robin', 'salmon', 'toucan', 'viper', 'wren', 'alpaca', 'beetle', 'condor',
] as const;

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

export function randomRoomName(random: () => number = Math.random): string {
  const number = 10 + Math.floor(random() * 900);
  return `${pick(ADJECTIVES, random)}-${pick(ANIMALS, random)}-${number}`;
}
