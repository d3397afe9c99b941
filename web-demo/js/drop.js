// Drag and drop: files and folders dropped anywhere on the page are added like picked ones.
'use strict';
(function (ns) {
  const { setStatus, readyText, reportFailure } = ns.state;
  const $ = (id) => document.getElementById(id);

  // A drop's items must be read during the drop event; folders are walked afterwards.
  function droppedItems(data) {
    const out = [];
    const items = data.items ? Array.from(data.items) : [];
    for (const item of items) {
      if (item.kind && item.kind !== 'file') continue;
      const entry = item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
      out.push({ entry, file: item.getAsFile ? item.getAsFile() : null });
    }
    if (items.length === 0) for (const file of Array.from(data.files || [])) out.push({ entry: null, file });
    return out;
  }

  async function walkEntry(entry, prefix, out) {
    if (entry.isFile) {
      const file = await new Promise((ok, fail) => entry.file(ok, fail));
      out.push({ file, path: prefix + entry.name });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
        if (!batch.length) break;
        for (const child of batch) await walkEntry(child, prefix + entry.name + '/', out);
      }
    }
  }

  async function addDropped(items) {
    const records = [];
    try {
      for (const { entry, file } of items) {
        if (entry && entry.isDirectory) await walkEntry(entry, '', records);
        else if (file) records.push({ file, path: file.name });
        else if (entry) await walkEntry(entry, '', records);
      }
    } catch (err) {
      reportFailure('could not read the dropped files', err);
      return;
    }
    if (records.length === 0) { setStatus(`${readyText()} — nothing to add in what was dropped`); return; }
    await ns.archive.addUserFiles(records);
  }

  function setupDrop() {
    const overlay = $('drop-overlay');
    let depth = 0;
    const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');
    window.addEventListener('dragenter', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      overlay.hidden = false;
    });
    window.addEventListener('dragover', (e) => { if (hasFiles(e)) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; } });
    window.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (depth === 0) overlay.hidden = true; });
    window.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      overlay.hidden = true;
      addDropped(droppedItems(e.dataTransfer));
    });
  }

  ns.drop = { setupDrop, addDropped };
})(window.CaciDemo = window.CaciDemo || {});
