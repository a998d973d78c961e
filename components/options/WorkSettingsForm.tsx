import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../../utils/store/settings-store';
import { ask } from '../../utils/protocol/client';

/** The tech's own limits: personal WIP limit (1–5) and skills; `locked` are set by the MSP's policy. */
export function WorkSettingsForm({ locked = [] }: { locked?: (keyof Settings)[] }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [skillsText, setSkillsText] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    ask({ type: 'settings.get' })
      .then((s) => {
        setSettings(s);
        setSkillsText(s.skills.join(', '));
      })
      .catch((e: Error) => setMessage({ ok: false, text: e.message }));
  }, []);

  if (!settings) return message ? <p class="banner error">{message.text}</p> : null;

  async function save(event: Event) {
    event.preventDefault();
    const skills = skillsText
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    try {
      const saved = await ask({ type: 'settings.save', settings: { ...settings!, skills } });
      setSettings(saved);
      setMessage({ ok: true, text: `Saved: Pull next stops at ${saved.wipLimit} ticket${saved.wipLimit === 1 ? '' : 's'} in progress.` });
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  }

  return (
    <form class="connection-form" aria-label="Your work" onSubmit={(e) => void save(e)}>
      <h2>Your work</h2>
      <div class="field">
        <label for="wip-limit">Personal WIP limit</label>
        <input
          id="wip-limit"
          type="number"
          min={1}
          max={5}
          value={settings.wipLimit}
          disabled={locked.includes('wipLimit')}
          aria-describedby="wip-limit-hint"
          onInput={(e) => setSettings({ ...settings, wipLimit: Number((e.currentTarget as HTMLInputElement).value) })}
        />
        <small id="wip-limit-hint">
          {locked.includes('wipLimit') ? 'Set by your MSP. ' : ''}How many tickets you work at once (1–5). At the limit Pull next asks you to finish, or to help a colleague finish.
        </small>
      </div>
      <div class="field">
        <label for="skills">Your skills</label>
        <input id="skills" type="text" value={skillsText} placeholder="network, m365, printers" aria-describedby="skills-hint" onInput={(e) => setSkillsText((e.currentTarget as HTMLInputElement).value)} />
        <small id="skills-hint">Comma-separated. Left empty, every Ready ticket suits you. Which ticket needs which skill is set in the board designer.</small>
      </div>
      <div class="actions">
        <button type="submit" class="primary">
          Save
        </button>
      </div>
      {message && (
        <p class={message.ok ? 'banner ok' : 'banner error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
