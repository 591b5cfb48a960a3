// How a visitor is shown to agents: the name they gave, or until then a friendly two-word name
// ("Amber Fox") and an avatar colour, both derived from the visitor id alone, so every agent, list,
// header and notification calls the same visitor the same way, on every device, with no storage.
// The colour stays when the visitor gives their name: the agent keeps recognising them.

const ADJECTIVES = [
  'Amber', 'Ancient', 'Autumn', 'Azure', 'Bold', 'Brave', 'Breezy', 'Bright', 'Bronze', 'Calm',
  'Candid', 'Cheerful', 'Clever', 'Cloudy', 'Copper', 'Coral', 'Cosmic', 'Crimson', 'Crystal', 'Curious',
  'Dapper', 'Dawn', 'Daring', 'Desert', 'Dusky', 'Eager', 'Early', 'Electric', 'Emerald', 'Fearless',
  'Fern', 'Fiery', 'Frosty', 'Gentle', 'Gilded', 'Glad', 'Golden', 'Graceful', 'Happy', 'Harbor',
  'Hazel', 'Honey', 'Humble', 'Icy', 'Indigo', 'Ivory', 'Jade', 'Jolly', 'Keen', 'Kind',
  'Lavender', 'Lemon', 'Lively', 'Lucky', 'Lunar', 'Maple', 'Marble', 'Meadow', 'Merry', 'Midnight',
  'Mighty', 'Mint', 'Misty', 'Modest', 'Mossy', 'Nimble', 'Noble', 'Ocean', 'Olive', 'Onyx',
  'Patient', 'Pearl', 'Plucky', 'Polar', 'Quick', 'Quiet', 'Rainy', 'Rapid', 'Rosy', 'Ruby',
  'Rustic', 'Saffron', 'Sage', 'Sandy', 'Scarlet', 'Serene', 'Silver', 'Sleek', 'Snowy', 'Solar',
  'Spring', 'Starry', 'Steady', 'Stormy', 'Summer', 'Sunny', 'Swift', 'Teal', 'Tidal', 'Velvet',
  'Violet', 'Vivid', 'Warm', 'Wild', 'Windy', 'Winter', 'Wise', 'Witty', 'Woody', 'Zesty',
] as const;

const ANIMALS = [
  'Albatross', 'Alpaca', 'Antelope', 'Badger', 'Beaver', 'Bison', 'Bluebird', 'Bobcat', 'Buffalo', 'Butterfly',
  'Camel', 'Capybara', 'Cardinal', 'Caribou', 'Cheetah', 'Chipmunk', 'Cobra', 'Condor', 'Cougar', 'Coyote',
  'Crane', 'Cricket', 'Dingo', 'Dolphin', 'Dove', 'Dragonfly', 'Duck', 'Eagle', 'Egret', 'Elk',
  'Falcon', 'Ferret', 'Finch', 'Flamingo', 'Fox', 'Gazelle', 'Gecko', 'Gibbon', 'Giraffe', 'Goose',
  'Gull', 'Hare', 'Hawk', 'Hedgehog', 'Heron', 'Hummingbird', 'Ibex', 'Ibis', 'Iguana', 'Jackal',
  'Jaguar', 'Jay', 'Kestrel', 'Kingfisher', 'Kite', 'Koala', 'Lark', 'Lemur', 'Leopard', 'Lion',
  'Llama', 'Lynx', 'Magpie', 'Manatee', 'Marten', 'Meerkat', 'Mink', 'Moose', 'Narwhal', 'Newt',
  'Ocelot', 'Orca', 'Osprey', 'Otter', 'Owl', 'Panda', 'Panther', 'Parrot', 'Pelican', 'Penguin',
  'Puffin', 'Puma', 'Quail', 'Rabbit', 'Raccoon', 'Raven', 'Robin', 'Salmon', 'Seal', 'Sparrow',
  'Squirrel', 'Stork', 'Swallow', 'Swan', 'Tiger', 'Toucan', 'Turtle', 'Walrus', 'Wolf', 'Wren',
] as const;

/** How many avatar colours there are (the dashboard styles `.avatar-tone-0` … `-11` and `.avatar-accent-0` … `-11`). */
export const VISITOR_TONES = 12;

export interface VisitorIdentity {
  /** What agents call the visitor: the name they gave, or a stable generated one. Never empty. */
  name: string;
  /** True while the name is generated (the visitor has not given one). */
  generated: boolean;
  /** One or two letters for the avatar. */
  initials: string;
  /** 0 … VISITOR_TONES - 1: the avatar's colour, from the id alone. */
  tone: number;
  /** 0 … VISITOR_TONES - 1, never `tone`: the colour the avatar's gradient runs to (12 × 11 looks). */
  accent: number;
}

/** FNV-1a over the UTF-16 units, then a finaliser so nearby ids (sortable ids share prefixes) spread. */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** "Amber Fox": the same for the same id, everywhere. */
export function generatedVisitorName(visitorId: string): string {
  const adjective = ADJECTIVES[hash(visitorId, 1) % ADJECTIVES.length]!;
  const animal = ANIMALS[hash(visitorId, 2) % ANIMALS.length]!;
  return `${adjective} ${animal}`;
}

const graphemes = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

function firstLetter(word: string): string {
  const first = graphemes ? graphemes.segment(word)[Symbol.iterator]().next().value?.segment : Array.from(word)[0];
  return (first ?? '').toLocaleUpperCase();
}

/** "Ada Lovelace" → "AL", "Ada" → "A", "ada@example.com" → "A". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  return words.length > 1 ? firstLetter(words[0]!) + firstLetter(words.at(-1)!) : firstLetter(words[0]!);
}

export function visitorIdentity(visitorId: string, givenName?: string | null): VisitorIdentity {
  const given = givenName?.trim();
  const name = given || generatedVisitorName(visitorId);
  const tone = hash(visitorId, 3) % VISITOR_TONES;
  const accent = (tone + 1 + (hash(visitorId, 4) % (VISITOR_TONES - 1))) % VISITOR_TONES;
  return { name, generated: !given, initials: initialsOf(name), tone, accent };
}
