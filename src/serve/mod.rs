//! The live preview: renders the site into memory, serves it over HTTP on a local address,
//! watches `content/` and `themes/`, and renders again on every change.
//!
//! Open pages reload themselves through server-sent events. While the content has errors,
//! every page shows them instead (see [`error_page`]), and comes back once they are fixed.
//! Nothing is written to disk; production hosting is any static host.

mod error_page;
mod events;
pub mod snapshot;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::diagnostics::{Diagnostic, Diagnostics, Problem};
use crate::{BuildOptions, Changes, Session};

use events::Reloads;
use snapshot::{EVENTS_PATH, Files, Snapshot};

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's folder, holding `content/` and optionally `themes/`.
    pub root: std::path::PathBuf,
    /// The address to listen on; port 0 picks a free port.
    pub address: SocketAddr,
    /// Include documents marked `draft: true`.
    pub drafts: bool,
}

/// What the preview tells the person running it.
#[derive(Debug)]
pub enum Event<'a> {
    /// The server is listening at this address (the site's local base URL).
    Listening(&'a str),
    /// The site rendered; `warnings` may be empty.
    Rendered {
        /// HTML pages.
        pages: usize,
        /// How long it took.
        elapsed: Duration,
        /// Warnings found.
        warnings: &'a Diagnostics,
    },
    /// The site could not be rendered.
    Failed(&'a Diagnostics),
}

/// Receives the preview's events, to print them.
pub type Reporter = dyn Fn(Event<'_>) + Send + Sync;

/// Serves the site until the process is stopped; returns only when it cannot start or watch.
pub fn serve(options: &ServeOptions, report: Arc<Reporter>) -> Result<(), Diagnostic> {
    let server = Server::http(options.address).map_err(|e| serve_failed(e.to_string()))?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| serve_failed("it is not an IP address".into()))?;
    let base_url = format!("http://{address}/");
    let build = BuildOptions {
        root: options.root.clone(),
        out: None,
        base_url: Some(base_url.clone()),
        drafts: options.drafts,
        preview: true,
    };
    let state = Arc::new(RwLock::new(Arc::new(Snapshot::default())));
    let reloads = Arc::new(Reloads::default());
    let mut session = Session::new(build).keeping_pages();

    // Watch before the first rendering, so that a file saved while it runs, or just after
    // the address is announced, is rendered too.
    let (events, received) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher =
        notify::recommended_watcher(events).map_err(|e| serve_failed(e.to_string()))?;
    for folder in ["content", "themes"] {
        let path = options.root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| serve_failed(e.to_string()))?;
        }
    }
    rebuild(
        &mut session,
        Changes::Unknown,
        &state,
        &reloads,
        report.as_ref(),
    );
    report(Event::Listening(&base_url));

    {
        let state = Arc::clone(&state);
        let reloads = Arc::clone(&reloads);
        let report = Arc::clone(&report);
        std::thread::spawn(move || {
            while let Some(paths) = next_changes(&received) {
                let changes = match &paths {
                    Some(paths) => Changes::Paths(paths),
                    None => Changes::Unknown,
                };
                rebuild(&mut session, changes, &state, &reloads, report.as_ref());
            }
        });
    }

    for request in server.incoming_requests() {
        let snapshot = Arc::clone(&state.read().unwrap_or_else(|e| e.into_inner()));
        respond(request, &snapshot, &reloads);
    }
    drop(watcher);
    Ok(())
}

/// How long the files must stay quiet before a change is rendered: editors often write a file
/// in several steps.
const QUIET: Duration = Duration::from_millis(20);

/// Waits for the next changes and gives the paths that changed once no more change for
/// [`QUIET`]: `Some(None)` when the watcher lost track of what changed, `None` when it
/// stopped. Reading a file is not a change; tally reads every file as it renders.
fn next_changes(
    received: &mpsc::Receiver<notify::Result<notify::Event>>,
) -> Option<Option<Vec<PathBuf>>> {
    let mut paths: Option<Vec<PathBuf>> = Some(Vec::new());
    let mut add = |event: notify::Result<notify::Event>| match event {
        Ok(event) if matches!(event.kind, EventKind::Access(_)) => false,
        Ok(event) => {
            if let Some(paths) = &mut paths {
                paths.extend(event.paths);
            }
            true
        }
        Err(_) => {
            paths = None;
            true
        }
    };
    while !add(received.recv().ok()?) {}
    loop {
        match received.recv_timeout(QUIET) {
            Ok(event) => {
                add(event);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => break,
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
        }
    }
    if let Some(paths) = &mut paths {
        paths.sort();
        paths.dedup();
    }
    Some(paths)
}

fn serve_failed(reason: String) -> Diagnostic {
    Diagnostic::in_file(Problem::ServeFailed { reason }, "")
}

/// Renders the site again after `changes` and publishes the result to the open pages.
fn rebuild(
    session: &mut Session,
    changes: Changes<'_>,
    state: &RwLock<Arc<Snapshot>>,
    reloads: &Reloads,
    report: &Reporter,
) {
    let started = Instant::now();
    let result = session.render(changes);
    let previous = Arc::clone(&state.read().unwrap_or_else(|e| e.into_inner()));
    let generation = previous.generation + 1;
    let snapshot = match result {
        Ok(site) => {
            let warnings = site.warnings.clone();
            let files = Files::from_site(site);
            report(Event::Rendered {
                pages: files.pages(),
                elapsed: started.elapsed(),
                warnings: &warnings,
            });
            Snapshot {
                generation,
                files,
                failure: None,
            }
        }
        Err(failure) => {
            report(Event::Failed(&failure.diagnostics));
            Snapshot {
                generation,
                files: previous.files.clone(),
                failure: Some(failure.diagnostics),
            }
        }
    };
    *state.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
    reloads.publish(generation);
}

fn respond(request: Request, snapshot: &Snapshot, reloads: &Arc<Reloads>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(Response::empty(405).with_header(header("Allow", "GET, HEAD")));
        return;
    }
    if request.url() == EVENTS_PATH {
        let reloads = Arc::clone(reloads);
        let writer = request.into_writer();
        std::thread::spawn(move || events::stream(writer, &reloads));
        return;
    }
    let reply = snapshot.reply(request.url());
    let response = Response::from_data(reply.body)
        .with_status_code(reply.status)
        .with_header(header("Content-Type", reply.content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    let _ = request.respond(response);
}

fn header(name: &str, value: &str) -> Header {
    // Both are fixed ASCII strings of this module, which tiny_http always accepts.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

/// Opens `url` in the default browser, if one can be found; failure is not an error.
pub fn open_browser(url: &str) {
    let opener: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        &["cmd", "/C", "start", ""]
    } else {
        &["xdg-open"]
    };
    let spawned = std::process::Command::new(opener[0])
        .args(&opener[1..])
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(error) = spawned {
        log::warn!("could not open a browser ({error}); open {url} yourself");
    }
}
