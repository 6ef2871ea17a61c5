import type { App } from '../../app.js';

/**
 * Gives each configured admin (ADMIN_VK_IDS) who has no name yet their name from the messenger's
 * profile («Фамилия Имя», as the join dialog offers it), so that other people see who they are rather
 * than «участник» until they fill in the school's profile. A profile that cannot be read now is
 * tried again at the next start; nothing here stops the bot from starting.
 */
export async function nameBootstrapAdmins(app: App): Promise<number> {
  let named = 0;
  for (const person of new Set(app.config.ADMIN_VK_IDS)) {
    const member = await app.services.members.get(person);
    if (!member || member.name.trim()) continue;
    const profile = await app.messenger.profile(person).catch(() => undefined);
    const name = [profile?.lastName, profile?.firstName].filter(Boolean).join(' ').trim();
    if (!name) continue;
    await app.services.members.setName(person, name);
    named += 1;
  }
  if (named > 0) app.logger.info({ named }, 'bootstrap admins named from their profiles');
  return named;
}
