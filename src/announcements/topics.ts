/** The topics a citizen may follow and staff may target; their names live in the locale files (announcement:topics). */
export const ANNOUNCEMENT_TOPICS = ['new_procedures', 'scam_alerts', 'fire_safety', 'traffic'] as const;

export type AnnouncementTopic = (typeof ANNOUNCEMENT_TOPICS)[number];

export function isAnnouncementTopic(value: string): value is AnnouncementTopic {
  return (ANNOUNCEMENT_TOPICS as readonly string[]).includes(value);
}
