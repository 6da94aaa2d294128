// What the browser tests wait on instead of the clock: the page's own traffic with the server.
// Every rerun the page asks for (a click, a typed value, a page change, an upload) is counted as it
// is sent; the server starts a run for it with a NewSession message (while a run is going on it
// restarts it, and says nothing else), says whether a script is running (SessionStatus), and ends
// each run with "script finished". window.__kinerjaIdle() is true once every rerun asked for has started and
// finished, no upload is still on its way, the run did not end only to rerun (st.rerun), and the
// page itself has drawn the end of the run (stApp's data-test-script-state back to notRunning).
(() => {
  const k = (window.__kinerja = {
    sent: 0, // reruns asked for
    acked: 0, // of those, how many had been sent when the server last started a run
    running: false, // the server's last word: a run is going on
    early: false, // the last run ended only to start again (st.rerun)
    uploads: 0, // files asked upload addresses for, not yet followed by their rerun
    drawn: true, // the page has drawn "notRunning" since the server last started a run
    idleSince: 0, // when the server last said the run is over
  });

  function varint(bytes, at) {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return [value, at];
  }

  // The top-level fields of a protobuf message: field number → number or bytes.
  function fields(bytes) {
    const found = {};
    let at = 0;
    while (at < bytes.length) {
      let key;
      [key, at] = varint(bytes, at);
      const number = Math.floor(key / 8);
      const wire = key & 7;
      if (wire === 0) {
        [found[number], at] = varint(bytes, at);
      } else if (wire === 2) {
        let length;
        [length, at] = varint(bytes, at);
        found[number] = bytes.subarray(at, at + length);
        at += length;
      } else if (wire === 1) {
        at += 8;
      } else if (wire === 5) {
        at += 4;
      } else {
        break;
      }
    }
    return found;
  }

  function asBytes(data) {
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return null;
  }

  // BackMsg: rerun_script = 11, file_urls_request = 16 (streamlit/proto/BackMsg.proto)
  function sent(data) {
    const bytes = asBytes(data);
    if (!bytes) return;
    const msg = fields(bytes);
    if (11 in msg) {
      k.sent += 1;
      k.uploads = 0;
    } else if (16 in msg) {
      k.uploads += 1;
    }
  }

  // ForwardMsg: new_session = 4, script_finished = 6, session_status_changed = 9
  // (SessionStatus: script_is_running = 2)
  function received(data) {
    const bytes = asBytes(data);
    if (!bytes) return;
    const msg = fields(bytes);
    if (4 in msg) {
      k.acked = k.sent;
      k.drawn = false;
      k.early = false;
    }
    if (6 in msg) {
      k.early = msg[6] === 2; // FINISHED_EARLY_FOR_RERUN: another run follows
    }
    if (9 in msg) {
      k.running = fields(msg[9])[2] === 1;
      if (!k.running) k.idleSince = performance.now();
    }
  }

  const Native = window.WebSocket;
  class Watched extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => received(event.data));
    }
    send(data) {
      sent(data);
      return super.send(data);
    }
  }
  window.WebSocket = Watched;

  function state() {
    const app = document.querySelector("[data-testid='stApp']");
    return app ? app.getAttribute("data-test-script-state") : null;
  }

  new MutationObserver(() => {
    if (state() === "notRunning") k.drawn = true;
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-test-script-state"] });

  window.__kinerjaIdle = () => {
    const answered = k.acked >= k.sent && !k.running && !k.early && k.uploads === 0;
    // A run so short that the page drew "running" and "notRunning" in one frame leaves no trace
    // in the attribute: then the page has had a second after the server's last word to draw it.
    const drawn = k.drawn || performance.now() - k.idleSince > 1000;
    return answered && drawn && state() === "notRunning";
  };
})();
