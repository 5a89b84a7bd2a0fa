//! Site addresses: from the path part of a URL to the output file it names.
//!
//! Both `check` (for links found in rendered pages) and `serve` (for requests) need the same
//! answer to "which file does `/notes/a/` mean?", and both must refuse anything that could
//! step outside the site, such as `..` or an encoded slash.

/// The output path a site address names, without leading slash, such as `notes/a/` or
/// `style.css`; `None` when the address is not a safe path of the site.
///
/// The address is percent-decoded. Encoded slashes and backslashes, backslashes, NUL, and
/// `.` or `..` segments are refused rather than resolved, so that no address can name a file
/// outside the site.
pub fn decode(address: &str) -> Option<String> {
    let lower = address.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return None;
    }
    let bytes = address.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = address.get(i + 1..i + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    let text = String::from_utf8(decoded).ok()?;
    let relative = text.strip_prefix('/').unwrap_or(&text);
    let unsafe_segment = relative
        .split('/')
        .any(|segment| segment == ".." || segment == ".");
    if unsafe_segment || relative.contains(['\\', '\0']) || relative.starts_with('/') {
        return None;
    }
    Some(relative.to_string())
}

/// The output files `path` (as [`decode`] gives it) may mean, most likely first: the file
/// itself, or the `index.html` of the folder it names.
pub fn candidates(path: &str) -> Vec<String> {
    if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.to_string(), format!("{path}/index.html")]
    }
}

/// Splits `url` into its path and its fragment (without `#`), dropping any query.
pub fn split_fragment(url: &str) -> (&str, Option<&str>) {
    let (before, fragment) = match url.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (url, None),
    };
    let path = before.split_once('?').map_or(before, |(path, _)| path);
    (path, fragment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_decode_to_output_paths() {
        assert_eq!(decode("/").as_deref(), Some(""));
        assert_eq!(decode("/notes/a/").as_deref(), Some("notes/a/"));
        assert_eq!(decode("/a%20b.pdf").as_deref(), Some("a b.pdf"));
        assert_eq!(candidates("notes/a"), ["notes/a", "notes/a/index.html"]);
        assert_eq!(candidates(""), ["index.html"]);
    }

    #[test]
    fn traversal_in_any_spelling_is_refused() {
        for address in [
            "/../etc/passwd",
            "/notes/../../x",
            "/%2e%2e/x",
            "/%2E%2E/%2E%2E/x",
            "/notes%2f..%2fx",
            "/..%5cx",
            "/a\\..\\b",
            "//etc/passwd",
            "/%00",
            "/%zz",
            "/./x",
        ] {
            assert_eq!(decode(address), None, "{address}");
        }
    }

    #[test]
    fn fragments_and_queries_are_split_off() {
        assert_eq!(split_fragment("/a/?x=1#top"), ("/a/", Some("top")));
        assert_eq!(split_fragment("#top"), ("", Some("top")));
        assert_eq!(split_fragment("/a/"), ("/a/", None));
    }
}
