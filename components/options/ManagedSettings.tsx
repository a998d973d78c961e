import type { ManagedRead } from '../../utils/managed/managed-settings';
import { describeManaged } from '../../utils/managed/managed-settings';

/** What the MSP's policy sets (locked below), and what of it was ignored and why. */
export function ManagedSettings({ managed }: { managed: ManagedRead }) {
  const lines = describeManaged(managed.policy);
  if (!lines.length && !managed.problems.length) return null;
  return (
    <section class="connection-form managed" aria-label="Set by your MSP">
      <h2>Set by your MSP</h2>
      {lines.length > 0 && (
        <>
          <p class="hint">Your MSP's browser policy sets these for every Pullboard; they are locked here. Your API keys are always your own.</p>
          <ul>
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {managed.problems.length > 0 && (
        <div class="banner warn" role="status" aria-label="Policy problems">
          <p>Part of the policy was not applied; tell whoever manages your browsers:</p>
          <ul>
            {managed.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
