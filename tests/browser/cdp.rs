//! A tiny Chrome DevTools Protocol client that drives headless Chromium over
//! `--remote-debugging-pipe`, so the report test needs no websocket crate.
//!
//! Chromium reads NUL-terminated JSON commands on fd 3 and writes replies and events on fd 4; a
//! `sh -c 'exec … 3<&0 4>&1'` wrapper wires those to the child's stdin and stdout, so no `unsafe`
//! is needed. A reader thread records every event as it arrives (console errors, uncaught
//! exceptions, dialogs, requests), dismisses JavaScript dialogs so a page never blocks, and hands
//! each message on to the caller, which matches replies to commands by id.

use std::fs;
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

/// How long one command, or one page load, may take before it fails.
const TIMEOUT: Duration = Duration::from_secs(20);

/// Flags for a quiet, offline, root-safe headless run; `--user-data-dir` is added per launch.
const FLAGS: &str = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --no-default-browser-check --disable-background-networking --disable-component-update \
    --disable-sync --disable-extensions --mute-audio --hide-scrollbars --remote-debugging-pipe \
    --window-size=1280,900";

/// The write end of the pipe and the last command id, shared with the reader thread.
struct Pipe {
    stdin: ChildStdin,
    last_id: u64,
}

impl Pipe {
    /// Sends one command without waiting for its reply; returns its id.
    fn send(&mut self, method: &str, params: Value, session: Option<&str>) -> Result<u64, String> {
        self.last_id += 1;
        let mut msg = json!({"id": self.last_id, "method": method, "params": params});
        if let Some(session) = session {
            msg["sessionId"] = json!(session);
        }
        let write = self.stdin.write_all(format!("{msg}\0").as_bytes());
        write.map_err(|e| format!("{method}: writing to chromium: {e}"))?;
        Ok(self.last_id)
    }
}

/// What the page has done so far, as recorded by the reader thread.
#[derive(Default)]
struct Seen {
    console_errors: Vec<String>,
    dialogs: Vec<String>,
    requests: Vec<String>,
    loads: usize,
}

/// Headless Chromium with one page, driven over the DevTools pipe.
pub struct Browser {
    child: Child,
    pipe: Arc<Mutex<Pipe>>,
    seen: Arc<Mutex<Seen>>,
    messages: Receiver<Value>,
    session: String,
    dir: PathBuf,
}

impl Browser {
    /// Finds chromium (env `NETSIFT_CHROMIUM`, then `/usr/bin/chromium`, then `chromium`,
    /// `chromium-browser`, `google-chrome` on `PATH`), starts it and opens a blank page.
    /// `Ok(None)` when none is installed; `Err` when it fails to start.
    pub fn launch() -> Result<Option<Browser>, String> {
        let Some(exe) = find_chromium()? else { return Ok(None) };
        static LAUNCHES: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let n = LAUNCHES.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("cdp-{}-{n}-{nanos}", std::process::id()));
        // Chromium takes commands on fd 3 and answers on fd 4: the shell makes them our pipes.
        let mut child = Command::new("/bin/sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>/dev/null"#)
            .arg(&exe)
            .args(FLAGS.split_whitespace())
            .arg(format!("--user-data-dir={}", dir.display()))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("starting {}: {e}", exe.display()))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            unreachable!("stdin and stdout are piped")
        };
        let pipe = Arc::new(Mutex::new(Pipe { stdin, last_id: 0 }));
        let seen = Arc::new(Mutex::new(Seen::default()));
        let (tx, messages) = channel();
        let (reader_seen, reader_pipe) = (Arc::clone(&seen), Arc::clone(&pipe));
        thread::spawn(move || read_loop(stdout, &tx, &reader_seen, &reader_pipe));
        let mut browser = Browser { child, pipe, seen, messages, session: String::new(), dir };
        browser.start().map_err(|e| format!("starting {}: {e}", exe.display()))?;
        Ok(Some(browser))
    }

    /// Opens a page of our own and enables the domains whose events we record.
    fn start(&mut self) -> Result<(), String> {
        let target = self.call("Target.createTarget", json!({"url": "about:blank"}))?;
        let target_id = target["targetId"].as_str().ok_or("Target.createTarget: no targetId")?;
        let attach = json!({"targetId": target_id, "flatten": true});
        let attached = self.call("Target.attachToTarget", attach)?;
        self.session = text(&attached["sessionId"]);
        if self.session.is_empty() {
            return Err("Target.attachToTarget: no sessionId".to_owned());
        }
        let viewport =
            json!({"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false});
        self.call("Emulation.setDeviceMetricsOverride", viewport)?;
        for domain in ["Page", "Runtime", "Log", "Network"] {
            self.call(&format!("{domain}.enable"), json!({}))?;
        }
        Ok(())
    }

    /// Sends a command (in the page session once there is one) and waits for its reply.
    fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        let session = Some(self.session.as_str()).filter(|s| !s.is_empty());
        let id = lock(&self.pipe).send(method, params, session)?;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let msg = self.next_message(deadline).map_err(|e| format!("{method}: {e}"))?;
            if msg["id"] == id {
                return match msg.get("error") {
                    Some(error) => Err(format!("{method} failed: {error}")),
                    None => Ok(msg["result"].clone()),
                };
            }
        }
    }

    /// The next message from chromium; events in it are already recorded by the reader thread.
    fn next_message(&self, deadline: Instant) -> Result<Value, String> {
        match self.messages.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(msg) => Ok(msg),
            Err(RecvTimeoutError::Timeout) => Err(format!("no answer in {} s", TIMEOUT.as_secs())),
            Err(RecvTimeoutError::Disconnected) => Err("chromium closed the pipe".to_owned()),
        }
    }

    /// Sets the viewport to `width` × `height` CSS pixels, as a window of that size would.
    pub fn resize(&mut self, width: u32, height: u32) -> Result<(), String> {
        let viewport =
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false});
        self.call("Emulation.setDeviceMetricsOverride", viewport).map(drop)
    }

    /// Navigates to `url` and waits for its load event.
    pub fn open(&mut self, url: &str) -> Result<(), String> {
        let loads = lock(&self.seen).loads;
        let navigated = self.call("Page.navigate", json!({"url": url}))?;
        if let Some(error) = navigated["errorText"].as_str() {
            return Err(format!("opening {url}: {error}"));
        }
        let deadline = Instant::now() + TIMEOUT;
        while lock(&self.seen).loads == loads {
            self.next_message(deadline).map_err(|e| format!("waiting for {url} to load: {e}"))?;
        }
        Ok(())
    }

    /// Evaluates `js` in the page (awaiting a promise) and returns its value by value;
    /// `Err` with the exception's text when it throws.
    pub fn eval(&mut self, js: &str) -> Result<Value, String> {
        let params = json!({"expression": js, "returnByValue": true, "awaitPromise": true});
        let evaluated = self.call("Runtime.evaluate", params)?;
        match evaluated.get("exceptionDetails") {
            Some(details) => Err(format!("`{js}` threw: {}", describe_exception(details))),
            None => Ok(evaluated["result"]["value"].clone()),
        }
    }

    /// Clicks with the left mouse button at the centre of the first element matching `selector`,
    /// after scrolling it into view.
    pub fn click(&mut self, selector: &str) -> Result<(), String> {
        let js = format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return null; \
             e.scrollIntoView({{block: 'center', inline: 'center'}}); \
             const r = e.getBoundingClientRect(); \
             return [r.left + r.width / 2, r.top + r.height / 2]; }})()",
            Value::from(selector)
        );
        let centre = self.eval(&js)?;
        let (Some(x), Some(y)) = (centre[0].as_f64(), centre[1].as_f64()) else {
            return Err(format!("click: nothing matches `{selector}`"));
        };
        self.call("Input.dispatchMouseEvent", json!({"type": "mouseMoved", "x": x, "y": y}))?;
        for kind in ["mousePressed", "mouseReleased"] {
            let event = json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1});
            self.call("Input.dispatchMouseEvent", event)?;
        }
        Ok(())
    }

    /// Focuses the first element matching `selector` and types `text` at the end of its value as
    /// real input (one `Input.insertText`, so one `input` event).
    pub fn type_into(&mut self, selector: &str, text: &str) -> Result<(), String> {
        let js = format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return false; \
             e.focus(); try {{ e.setSelectionRange(e.value.length, e.value.length); }} catch {{}} \
             return document.activeElement === e; }})()",
            Value::from(selector)
        );
        if self.eval(&js)? != Value::Bool(true) {
            return Err(format!("type_into: nothing focusable matches `{selector}`"));
        }
        self.call("Input.insertText", json!({"text": text}))?;
        Ok(())
    }

    /// A PNG screenshot of the viewport.
    pub fn screenshot(&mut self) -> Result<Vec<u8>, String> {
        let shot = self.call("Page.captureScreenshot", json!({"format": "png"}))?;
        let data = shot["data"].as_str().ok_or("Page.captureScreenshot: no data")?;
        STANDARD.decode(data).map_err(|e| format!("Page.captureScreenshot: bad base64: {e}"))
    }

    /// Waits up to `ms` milliseconds until the JavaScript expression `js` is truthy (a promise is
    /// awaited; while it throws it counts as not yet true).
    pub fn wait_for(&mut self, js: &str, ms: u64) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_millis(ms);
        let test = format!(
            "(async () => {{ try {{ return !!(await ({js})); }} catch {{ return false; }} }})()"
        );
        while self.eval(&test)? != Value::Bool(true) {
            if Instant::now() >= deadline {
                return Err(format!("`{js}` still not true after {ms} ms"));
            }
            thread::sleep(Duration::from_millis(50));
        }
        Ok(())
    }

    /// Console errors, `Log` errors (CSP violations, failed loads) and uncaught exceptions so far.
    pub fn console_errors(&self) -> Vec<String> {
        lock(&self.seen).console_errors.clone()
    }

    /// JavaScript dialogs opened so far, as `type: message`; each was dismissed.
    pub fn dialogs(&self) -> Vec<String> {
        lock(&self.seen).dialogs.clone()
    }

    /// URLs of the network requests the page has made so far.
    pub fn requests(&self) -> Vec<String> {
        lock(&self.seen).requests.clone()
    }
}

impl Drop for Browser {
    /// Asks chromium to close (so its helper processes exit with it), kills it if that takes
    /// too long, then removes its profile.
    fn drop(&mut self) {
        let _ = lock(&self.pipe).send("Browser.close", json!({}), None);
        let deadline = Instant::now() + Duration::from_secs(5);
        while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        for _ in 0..10 {
            if fs::remove_dir_all(&self.dir).is_ok() || !self.dir.exists() {
                break;
            }
            thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Locks a mutex, ignoring poisoning (a panicking test must not hide the browser's state).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Where chromium is, if anywhere; `Err` when `NETSIFT_CHROMIUM` names no file.
fn find_chromium() -> Result<Option<PathBuf>, String> {
    if let Some(path) = std::env::var_os("NETSIFT_CHROMIUM").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return match path.is_file() {
            true => Ok(Some(path)),
            false => Err(format!("NETSIFT_CHROMIUM={} is not a file", path.display())),
        };
    }
    if Path::new("/usr/bin/chromium").is_file() {
        return Ok(Some(PathBuf::from("/usr/bin/chromium")));
    }
    let dirs = std::env::var_os("PATH").unwrap_or_default();
    let names = ["chromium", "chromium-browser", "google-chrome"];
    Ok(names
        .iter()
        .flat_map(|name| std::env::split_paths(&dirs).map(move |dir| dir.join(name)))
        .find(|path| path.is_file()))
}

/// Splits chromium's output into NUL-terminated JSON messages, records each, and passes it on.
fn read_loop(mut out: ChildStdout, tx: &Sender<Value>, seen: &Mutex<Seen>, pipe: &Mutex<Pipe>) {
    let (mut chunk, mut message) = (vec![0; 1 << 16], Vec::new());
    loop {
        let n = match out.read(&mut chunk) {
            Ok(0) => return,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return,
        };
        for part in chunk[..n].split_inclusive(|&b| b == 0) {
            let Some((0, body)) = part.split_last() else {
                message.extend_from_slice(part);
                continue;
            };
            message.extend_from_slice(body);
            let parsed = serde_json::from_slice::<Value>(&message);
            message.clear();
            let Ok(msg) = parsed else { continue };
            record(&msg, seen, pipe);
            if tx.send(msg).is_err() {
                return;
            }
        }
    }
}

/// Notes what an event tells about the page, and dismisses JavaScript dialogs.
fn record(msg: &Value, seen: &Mutex<Seen>, pipe: &Mutex<Pipe>) {
    let params = &msg["params"];
    let mut seen = lock(seen);
    match msg["method"].as_str().unwrap_or_default() {
        "Page.loadEventFired" => seen.loads += 1,
        "Network.requestWillBeSent" => seen.requests.push(text(&params["request"]["url"])),
        "Runtime.consoleAPICalled" if params["type"] == "error" => {
            let args = params["args"].as_array().map_or(&[][..], Vec::as_slice);
            let words: Vec<String> = args.iter().map(describe_remote_object).collect();
            seen.console_errors.push(words.join(" "));
        }
        "Log.entryAdded" if params["entry"]["level"] == "error" => {
            seen.console_errors.push(text(&params["entry"]["text"]));
        }
        "Runtime.exceptionThrown" => {
            seen.console_errors.push(describe_exception(&params["exceptionDetails"]));
        }
        "Page.javascriptDialogOpening" => {
            seen.dialogs.push(format!("{}: {}", text(&params["type"]), text(&params["message"])));
            let (accept, session) = (json!({"accept": true}), msg["sessionId"].as_str());
            let _ = lock(pipe).send("Page.handleJavaScriptDialog", accept, session);
        }
        _ => {}
    }
}

/// A console argument as text: strings as they are, other values as JSON or their description.
fn describe_remote_object(object: &Value) -> String {
    match (&object["value"], object["description"].as_str()) {
        (Value::String(text), _) => text.clone(),
        (_, Some(description)) => description.to_owned(),
        (Value::Null, None) => text(object.get("subtype").unwrap_or(&object["type"])),
        (value, None) => value.to_string(),
    }
}

/// An exception's message, e.g. `Uncaught Error: boom` (with its stack when there is one).
fn describe_exception(details: &Value) -> String {
    let text = details["text"].as_str().unwrap_or("exception");
    match details["exception"]["description"].as_str() {
        Some(description) => format!("{text} {description}"),
        None => text.to_owned(),
    }
}

/// A JSON string's text; empty for anything else.
fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}
