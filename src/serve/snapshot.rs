//! The site as the preview serves it: the last rendering held in memory, or the diagnostics
//! of the last failed one, and the answer to one request.
//!
//! Nothing is written to disk. Requests are looked up in the map of rendered files only, so
//! no address can reach a file outside the site.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostics::Diagnostics;
use crate::render::templates::Asset;
use crate::{RenderedSite, address};

use super::error_page;

/// Where the bytes of a served file come from.
#[derive(Debug, Clone)]
enum Body {
    /// Rendered in memory.
    Rendered(Arc<Vec<u8>>),
    /// Compiled into tally.
    BuiltIn(&'static [u8]),
    /// A file on disk (a theme file or a static file), read when asked for.
    File(PathBuf),
}

/// The files of the last successful rendering, by output path.
#[derive(Debug, Default, Clone)]
pub struct Files {
    map: HashMap<String, Body>,
}

impl Files {
    /// Every file of `site`.
    pub fn from_site(site: RenderedSite) -> Files {
        let mut map = HashMap::with_capacity(site.files.len() + site.assets.len());
        for file in site.files {
            map.insert(file.path, Body::Rendered(file.bytes));
        }
        for (path, asset) in site.assets {
            let body = match asset {
                Asset::BuiltIn(bytes) => Body::BuiltIn(bytes),
                Asset::File(path) => Body::File(path),
            };
            map.insert(path, body);
        }
        for file in site.statics {
            map.insert(file.output, Body::File(file.path));
        }
        Files { map }
    }

    /// How many HTML pages there are.
    pub fn pages(&self) -> usize {
        self.map.keys().filter(|p| p.ends_with(".html")).count()
    }

    fn read(&self, path: &str) -> Option<Vec<u8>> {
        match self.map.get(path)? {
            Body::Rendered(bytes) => Some(bytes.to_vec()),
            Body::BuiltIn(bytes) => Some(bytes.to_vec()),
            Body::File(path) => std::fs::read(path).ok(),
        }
    }
}

/// What the preview serves now.
#[derive(Debug, Default, Clone)]
pub struct Snapshot {
    /// Counts the renderings; the open pages reload when it changes.
    pub generation: u64,
    /// The last good rendering; kept while the content is broken, for its style sheet.
    pub files: Files,
    /// The problems of the last rendering when it failed; then pages show them instead.
    pub failure: Option<Diagnostics>,
}

/// An answer to one request.
#[derive(Debug)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
}

impl Snapshot {
    /// The answer to a request for `url` (path and optional query).
    pub fn reply(&self, url: &str) -> Reply {
        let (path, _) = address::split_fragment(url);
        let found = address::decode(path).and_then(|decoded| {
            address::candidates(&decoded)
                .into_iter()
                .find(|c| self.files.map.contains_key(c))
        });
        let wants_page = found.as_deref().is_none_or(|f| f.ends_with(".html"));
        if let Some(diagnostics) = self.failure.as_ref().filter(|_| wants_page) {
            let html = error_page::render(diagnostics, self.generation);
            return Reply {
                status: 500,
                content_type: HTML,
                body: html.into_bytes(),
            };
        }
        let (status, path) = match found {
            Some(path) => (200, path),
            None => (404, "404.html".to_string()),
        };
        let Some(bytes) = self.files.read(&path) else {
            return Reply {
                status: 404,
                content_type: "text/plain; charset=utf-8",
                body: b"Not found.\n".to_vec(),
            };
        };
        let content_type = content_type(&path);
        let body = if content_type == HTML {
            inject_reload(&bytes, self.generation)
        } else {
            bytes
        };
        Reply {
            status,
            content_type,
            body,
        }
    }
}

const HTML: &str = "text/html; charset=utf-8";

/// The media type of an output file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("html" | "htm") => HTML,
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("pdf") => "application/pdf",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("xml") => "application/xml",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        _ => "application/octet-stream",
    }
}

/// The address of the reload events, below the site's root.
pub const EVENTS_PATH: &str = "/__tally/events";

/// `html` with the live-reload script before `</body>`: the page reloads when the preview's
/// generation differs from the one it was served at.
pub fn inject_reload(html: &[u8], generation: u64) -> Vec<u8> {
    let script = reload_script(generation);
    let text = String::from_utf8_lossy(html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + script.len());
    out.push_str(&text[..at]);
    out.push_str(&script);
    out.push_str(&text[at..]);
    out.into_bytes()
}

/// The script tag that reloads the page on a new generation.
pub fn reload_script(generation: u64) -> String {
    format!(
        "<script>(function(){{var s=new EventSource(\"{EVENTS_PATH}\");\
         s.onmessage=function(e){{if(e.data!==\"{generation}\"){{s.close();\
         location.reload();}}}};}})();</script>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;

    fn snapshot() -> Snapshot {
        let page = |path: &str, text: &str| OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec().into(),
        };
        let site = RenderedSite {
            files: vec![
                page("index.html", "<body>home</body>"),
                page("404.html", "<body>missing</body>"),
                page("notes/a/index.html", "<body>a</body>"),
                page("charts/x.svg", "<svg/>"),
            ],
            assets: vec![],
            statics: vec![],
            base_url: "http://127.0.0.1:1111/".into(),
            sources: vec![],
            warnings: Diagnostics::new(),
        };
        Snapshot {
            generation: 3,
            files: Files::from_site(site),
            failure: None,
        }
    }

    #[test]
    fn pages_get_the_reload_script_and_other_files_do_not() {
        let reply = snapshot().reply("/notes/a/");
        assert_eq!(reply.status, 200);
        assert_eq!(reply.content_type, "text/html; charset=utf-8");
        let body = String::from_utf8(reply.body).unwrap();
        assert!(
            body.contains(EVENTS_PATH) && body.ends_with("</body>"),
            "{body}"
        );
        let svg = snapshot().reply("/charts/x.svg");
        assert_eq!(svg.content_type, "image/svg+xml");
        assert_eq!(svg.body, b"<svg/>");
    }

    #[test]
    fn missing_and_traversing_addresses_get_the_404_page() {
        for url in [
            "/nope/",
            "/../Cargo.toml",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/notes%2fa/",
        ] {
            let reply = snapshot().reply(url);
            assert_eq!(reply.status, 404, "{url}");
            assert!(String::from_utf8(reply.body).unwrap().contains("missing"));
        }
    }
}
