import type { BoardDesignerModel } from '../../utils/ui/board-designer-model';

/** Export the saved configuration as a JSON file; import one (checked whole: a bad file changes nothing). */
export function BoardDesignerTransfer({ model }: { model: BoardDesignerModel }) {
  async function download(): Promise<void> {
    const file = await model.exportFile();
    if (!file) return;
    const url = URL.createObjectURL(new Blob([file.text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async function upload(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    await model.importFile(file.name, await file.text());
  }

  return (
    <fieldset class="designer-block designer-transfer">
      <legend>Export and import</legend>
      <p class="muted">One JSON file holds every board of this connection (format in the README). An imported file replaces them all, once it has been checked.</p>
      <div class="actions">
        <button type="button" onClick={() => void download()} disabled={model.busy.value !== null}>
          Export board configuration
        </button>
        <label class="button file-button">
          Import a board file…
          <input type="file" accept="application/json,.json" class="sr-only" aria-label="Import a board file" onChange={(e) => void upload(e.currentTarget as HTMLInputElement)} />
        </label>
      </div>
    </fieldset>
  );
}
