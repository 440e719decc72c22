// Every demo topic, by key.
import { DESIGN_TOPICS } from "./design";
import { OTHER_TOPICS } from "./other";
import { PROPERTY_TOPICS } from "./property";
import { QUALITY_TOPICS } from "./quality";
import { SALES_TOPICS } from "./sales";
import { SERVICE_TOPICS } from "./service";
import type { Topic } from "./types";

export type { Fix, ProjectSlug, Topic } from "./types";

export const TOPICS: readonly Topic[] = [...QUALITY_TOPICS, ...DESIGN_TOPICS, ...SALES_TOPICS, ...PROPERTY_TOPICS, ...SERVICE_TOPICS, ...OTHER_TOPICS];

export const TOPIC_BY_KEY: ReadonlyMap<string, Topic> = new Map(TOPICS.map((t) => [t.key, t]));

export function topic(key: string): Topic {
  const t = TOPIC_BY_KEY.get(key);
  if (!t) throw new Error(`no demo topic ${key}`);
  return t;
}

/** What fills a topic's placeholders for one complaint. */
export type TopicVars = { b: number; u: number; r: string; p: string; date?: string; unit?: string };

/** A topic's text with its placeholders filled in. */
export function fillTopicText(text: string, vars: TopicVars): string {
  return text.replace(/\{(b|u|r|p|date|unit)\}/g, (whole, k: keyof TopicVars) => {
    const v = vars[k];
    if (v == null) throw new Error(`demo text needs {${k}}: ${text}`);
    return String(v);
  });
}
