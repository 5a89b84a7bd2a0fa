//! Server-sent events telling open pages to reload.
//!
//! tiny_http buffers a streamed response until it ends, so the event stream is written
//! straight to the connection: the response head, then one event per rendering.

use std::io::Write;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// The latest generation, and a way to wait for the next.
#[derive(Debug, Default)]
pub struct Reloads {
    generation: Mutex<u64>,
    changed: Condvar,
}

impl Reloads {
    /// Announces a new rendering.
    pub fn publish(&self, generation: u64) {
        *self.generation.lock().unwrap_or_else(|e| e.into_inner()) = generation;
        self.changed.notify_all();
    }

    /// The generation after `seen`, or `None` when `timeout` passed first.
    fn wait_after(&self, seen: u64, timeout: Duration) -> Option<u64> {
        let guard = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |g| *g == seen)
            .unwrap_or_else(|e| e.into_inner());
        (*guard != seen).then_some(*guard)
    }

    fn current(&self) -> u64 {
        *self.generation.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// How often an idle stream sends a comment, which also finds closed connections.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Writes the event stream to `writer` until the page goes away: first the current
/// generation, then each new one.
pub fn stream(mut writer: Box<dyn Write + Send>, reloads: &Reloads) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\n";
    let mut seen = reloads.current();
    if send(&mut writer, &format!("{head}retry: 500\ndata: {seen}\n\n")).is_err() {
        return;
    }
    loop {
        let message = match reloads.wait_after(seen, KEEP_ALIVE) {
            Some(generation) => {
                seen = generation;
                format!("data: {generation}\n\n")
            }
            None => ": still here\n\n".to_string(),
        };
        if send(&mut writer, &message).is_err() {
            return;
        }
    }
}

fn send(writer: &mut Box<dyn Write + Send>, text: &str) -> std::io::Result<()> {
    writer.write_all(text.as_bytes())?;
    writer.flush()
}
