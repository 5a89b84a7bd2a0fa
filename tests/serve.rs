//! End to end: `tally serve` on a free port, fetched over HTTP: pages, live edits, the error
//! page while the content is broken, reload events, and refused path traversal.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Site;

/// A running `tally serve`, stopped when dropped.
struct Preview {
    child: Child,
    /// `127.0.0.1:<port>`.
    address: String,
}

impl Preview {
    /// Starts `tally serve --port 0` on `site` and waits until it says where it listens.
    fn start(site: &Site) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tally"))
            .args(["serve", "--port", "0", "--root"])
            .arg(&site.root)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("tally serve starts");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let address = loop {
            let line = lines
                .next()
                .expect("tally serve says where it listens")
                .unwrap();
            if let Some(rest) = line.split("http://").nth(1) {
                break rest.split('/').next().unwrap().to_string();
            }
        };
        // Keep reading standard output so that the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Preview { child, address }
    }

    /// `GET path`, as status and body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let text = String::from_utf8_lossy(&response).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map_or("", |(_, b)| b)
            .to_string();
        (status, body)
    }

    /// The response head of `GET path`.
    fn head(&self, path: &str) -> String {
        let mut stream = TcpStream::connect(&self.address).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let text = String::from_utf8_lossy(&response).into_owned();
        text.split_once("\r\n\r\n")
            .map_or(text.clone(), |(h, _)| h.to_string())
    }

    /// Fetches `path` until `wanted` holds for its status and body, for at most 30 seconds.
    fn wait_for(&self, path: &str, wanted: impl Fn(u16, &str) -> bool) -> (u16, String) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let (status, body) = self.get(path);
            if wanted(status, &body) {
                return (status, body);
            }
            assert!(
                Instant::now() < deadline,
                "gave up waiting for {path}; last answer {status}:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const NOTE: &str = "content/notes/energy/northern-flight.md";

#[test]
fn serve_shows_pages_with_local_links_and_the_reload_script() {
    let site = Site::fixture("small");
    let preview = Preview::start(&site);

    let (status, home) = preview.get("/");
    assert_eq!(status, 200, "{home}");
    assert!(home.contains("Canal Locks Programme"), "{home}");
    let local = format!("http://{}/", preview.address);
    assert!(
        home.contains(&format!("href=\"{local}\"")),
        "canonical link is local"
    );
    assert!(
        home.contains("/__tally/events"),
        "the reload script is injected"
    );
    assert!(
        !home.contains("/locks/"),
        "links use the local base path, not the public one"
    );

    let (status, note) = preview.get("/notes/energy/northern-flight/");
    assert_eq!(status, 200);
    assert!(note.contains("The contractor failed."));

    let css = preview.head("/style.css");
    assert!(css.starts_with("HTTP/1.1 200"), "{css}");
    assert!(css.contains("text/css"), "{css}");
    let plan = preview.head("/docs/plan.txt");
    assert!(plan.contains("text/plain"), "{plan}");

    assert!(!site.root.join("public").exists(), "serve writes nothing");
}

#[test]
fn serve_gives_the_404_page_for_missing_and_traversing_paths() {
    let site = Site::fixture("small");
    site.write("secret.txt", "do not serve me");
    let preview = Preview::start(&site);

    let (status, missing) = preview.get("/no-such-page/");
    assert_eq!(status, 404);
    assert!(
        missing.contains("Canal Locks Programme"),
        "the site's own 404 page"
    );

    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/docs/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/docs/..\\..\\secret.txt",
        "/notes/../../content/site.yaml",
    ] {
        let (status, body) = preview.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("do not serve me"), "{path}");
        assert!(!body.contains("root:"), "{path}");
    }
}

#[test]
fn serve_rebuilds_on_edit_shows_errors_and_recovers() {
    let site = Site::fixture("small");
    let preview = Preview::start(&site);
    let page = "/notes/energy/northern-flight/";
    let original = std::fs::read_to_string(site.root.join(NOTE)).unwrap();

    site.write(
        NOTE,
        &original.replace("The contractor failed.", "A new contractor began."),
    );
    preview.wait_for(page, |status, body| {
        status == 200 && body.contains("A new contractor began.")
    });

    let broken = original.replace("title: The northern flight", "titel: The <northern> flight");
    site.write(NOTE, &broken);
    let (status, error_page) = preview.wait_for(page, |status, _| status == 500);
    assert_eq!(status, 500);
    assert!(
        error_page.contains("content/notes/energy/northern-flight.md:2:"),
        "{error_page}"
    );
    assert!(
        error_page.contains("titel: The &lt;northern&gt; flight"),
        "{error_page}"
    );
    assert!(error_page.contains("[unknown-key]"), "{error_page}");
    assert!(error_page.contains("help: "), "{error_page}");
    assert!(
        error_page.contains("/__tally/events"),
        "the error page reloads itself"
    );
    let (status, _) = preview.get("/");
    assert_eq!(status, 500, "every page shows the errors");
    let css = preview.head("/style.css");
    assert!(
        css.starts_with("HTTP/1.1 200"),
        "files other than pages are still served"
    );

    site.write(NOTE, &original);
    preview.wait_for(page, |status, body| {
        status == 200 && body.contains("The contractor failed.")
    });
}

#[test]
fn serve_sends_a_reload_event_after_each_rendering() {
    let site = Site::fixture("small");
    let preview = Preview::start(&site);

    let mut stream = TcpStream::connect(&preview.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(stream, "GET /__tally/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    let mut first = Vec::new();
    let mut line = String::new();
    while !line.starts_with("data:") {
        line.clear();
        reader
            .read_line(&mut line)
            .expect("the event stream answers");
        first.push(line.clone());
    }
    let head = first.join("");
    assert!(head.contains("text/event-stream"), "{head}");
    let generation = line.trim().to_string();

    let original = std::fs::read_to_string(site.root.join(NOTE)).unwrap();
    site.write(NOTE, &original.replace("failed", "stumbled"));
    loop {
        line.clear();
        reader
            .read_line(&mut line)
            .expect("an event follows the edit");
        if line.starts_with("data:") {
            break;
        }
    }
    assert_ne!(line.trim(), generation, "a new generation is announced");
}
