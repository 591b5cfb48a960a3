// The team's photos and initials by agent id, for the avatars beside agents' messages. One
// request serves every conversation opened in the next minute (photos rarely change).
import { useEffect, useState } from 'react';
import type { TeamMember } from '@palique/protocol';
import { getAgentChoices } from '../api/endpoints';

export type AgentFaces = Record<string, Pick<TeamMember, 'name' | 'initials' | 'avatarUrl'>>;

const FRESH_MS = 60_000;
let cached: { at: number; faces: Promise<AgentFaces> } | null = null;

function loadFaces(): Promise<AgentFaces> {
  if (cached && Date.now() - cached.at < FRESH_MS) return cached.faces;
  const faces = getAgentChoices().then((t) => Object.fromEntries(t.team.map((a) => [a.id, a])));
  cached = { at: Date.now(), faces };
  faces.catch(() => (cached = null));
  return faces;
}

export function useAgentFaces(): AgentFaces {
  const [faces, setFaces] = useState<AgentFaces>({});
  useEffect(() => {
    let live = true;
    loadFaces().then(
      (f) => live && setFaces(f),
      () => undefined, // no photos: the initials show
    );
    return () => {
      live = false;
    };
  }, []);
  return faces;
}
