//! Finding the addresses a stylesheet refers to: every `url(...)`, quoted or not, and every
//! `@import "..."`.
//!
//! It takes the text of CSS (a file, a `<style>` element or a `style` attribute) and gives
//! each address with the byte range where it is written, so that a problem can be reported at
//! its line and column. Comments and other strings are skipped, so `/* url(old.png) */` and
//! `content: "url(x)"` are not taken for references. This is a scanner, not a CSS parser: it
//! reads just enough of the syntax to tell addresses from the rest.

use std::ops::Range;

/// One address written in CSS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CssReference {
    /// The address, with CSS escapes decoded.
    pub url: String,
    /// Where it is written: the whole `url(...)`, or the quoted string after `@import`.
    pub span: Range<usize>,
}

/// Every address `css` refers to, in order.
pub fn css_references(css: &str) -> Vec<CssReference> {
    let mut found = Vec::new();
    let bytes = css.as_bytes();
    // Set after `@import`, until the next token: a string there is an address too.
    let mut after_import = false;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &css[i..];
        if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |end| end + 2);
        } else if bytes[i] == b'"' || bytes[i] == b'\'' {
            let (text, end) = read_string(css, i);
            if after_import && let Some(url) = text {
                found.push(CssReference { url, span: i..end });
            }
            after_import = false;
            i = end;
        } else if is_url_function(css, i) {
            let (url, end) = read_url(css, i + "url(".len());
            if let Some(url) = url.filter(|u| !u.is_empty()) {
                found.push(CssReference { url, span: i..end });
            }
            after_import = false;
            i = end;
        } else if bytes[i] == b'@' {
            let name_end = i + 1 + identifier_length(&css[i + 1..]);
            after_import = css[i + 1..name_end].eq_ignore_ascii_case("import");
            i = name_end;
        } else if bytes[i] == b'\\' {
            // An escaped character belongs to the identifier around it; it starts nothing.
            i += 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
        } else {
            if !bytes[i].is_ascii_whitespace() {
                after_import = false;
            }
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

/// Whether `url(` starts at `at` as a function of its own, not the end of a longer name such
/// as `my-url(`.
fn is_url_function(css: &str, at: usize) -> bool {
    let starts = css
        .get(at..at + 4)
        .is_some_and(|s| s.eq_ignore_ascii_case("url("));
    let part_of_name = css[..at]
        .chars()
        .next_back()
        .is_some_and(is_identifier_char);
    starts && !part_of_name
}

fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '\\' || !c.is_ascii()
}

fn identifier_length(text: &str) -> usize {
    text.find(|c: char| !is_identifier_char(c) || c == '\\')
        .unwrap_or(text.len())
}

/// The string whose opening quote is at `start`, decoded, and the offset after its closing
/// quote. The text is `None` when a line ends before the string does, which CSS treats as an
/// error.
fn read_string(css: &str, start: usize) -> (Option<String>, usize) {
    let quote = css.as_bytes()[start] as char;
    let mut text = String::new();
    let mut chars = css[start + 1..].char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let offset = start + 1 + at;
        match c {
            _ if c == quote => return (Some(text), offset + 1),
            '\n' | '\r' | '\u{c}' => return (None, offset),
            '\\' => match chars.peek().copied() {
                // A backslash before a line break continues the string on the next line.
                Some((_, '\n' | '\u{c}')) => {
                    chars.next();
                }
                Some((_, '\r')) => {
                    chars.next();
                    chars.next_if(|(_, c)| *c == '\n');
                }
                Some(_) => text.push(read_escape(&mut chars)),
                None => {}
            },
            _ => text.push(c),
        }
    }
    (None, css.len())
}

/// The address of the `url(` whose contents start at `start`, decoded, and the offset after
/// its `)`. The address is `None` when the contents are not a valid address.
fn read_url(css: &str, start: usize) -> (Option<String>, usize) {
    let after_space = |from: usize| {
        from + css[from..]
            .find(|c: char| !c.is_ascii_whitespace())
            .unwrap_or(css.len() - from)
    };
    let first = after_space(start);
    if let Some(b'"' | b'\'') = css.as_bytes().get(first) {
        let (text, end) = read_string(css, first);
        let close = after_space(end);
        return match css.as_bytes().get(close) {
            Some(b')') => (text, close + 1),
            _ => (None, close),
        };
    }
    let mut url = String::new();
    let mut chars = css[first..].char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let offset = first + at;
        match c {
            ')' => return (Some(url), offset + 1),
            '\\' if chars.peek().is_some_and(|(_, c)| *c != '\n') => {
                url.push(read_escape(&mut chars));
            }
            c if c.is_ascii_whitespace() => {
                let close = after_space(offset);
                return match css.as_bytes().get(close) {
                    Some(b')') => (Some(url), close + 1),
                    _ => (None, skip_bad_url(css, close)),
                };
            }
            '"' | '\'' | '(' | '\\' => return (None, skip_bad_url(css, offset)),
            _ => url.push(c),
        }
    }
    (None, css.len())
}

/// The offset after the `)` that ends an invalid `url(`, or the end of the text.
fn skip_bad_url(css: &str, from: usize) -> usize {
    css[from..].find(')').map_or(css.len(), |i| from + i + 1)
}

/// The character an escape stands for; the backslash is already read and the next
/// character is not a line break.
fn read_escape(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> char {
    let Some((_, first)) = chars.next() else {
        return char::REPLACEMENT_CHARACTER;
    };
    if !first.is_ascii_hexdigit() {
        return first;
    }
    let mut hex = String::from(first);
    while hex.len() < 6
        && let Some((_, c)) = chars.next_if(|(_, c)| c.is_ascii_hexdigit())
    {
        hex.push(c);
    }
    // One white space after a hexadecimal escape ends it and is not part of the text.
    if chars.next_if(|(_, c)| *c == '\r').is_some() {
        chars.next_if(|(_, c)| *c == '\n');
    } else {
        chars.next_if(|(_, c)| c.is_ascii_whitespace());
    }
    u32::from_str_radix(&hex, 16)
        .ok()
        .filter(|&n| n != 0)
        .and_then(char::from_u32)
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(css: &str) -> Vec<String> {
        css_references(css).into_iter().map(|r| r.url).collect()
    }

    #[test]
    fn quoted_and_unquoted_urls_are_found() {
        let css = "a { background: url(a.png) } b { background: url( \"b c.png\" ) }\n\
                   i { background: URL('d.svg') }";
        assert_eq!(urls(css), ["a.png", "b c.png", "d.svg"]);
    }

    #[test]
    fn several_urls_on_one_line_have_their_own_spans() {
        let css = "p { background: url(one.png), url('two.png') }";
        let found = css_references(css);
        assert_eq!(found.len(), 2);
        assert_eq!(&css[found[0].span.clone()], "url(one.png)");
        assert_eq!(&css[found[1].span.clone()], "url('two.png')");
    }

    #[test]
    fn urls_in_comments_are_ignored() {
        let css = "/* url(old.png) */ p { color: red } /* a\n url(\"gone.png\") */ \
                   q { background: url(kept.png) }";
        assert_eq!(urls(css), ["kept.png"]);
        assert_eq!(
            urls("p { background: url(a.png) } /* never closed url(b.png)"),
            ["a.png"]
        );
    }

    #[test]
    fn escaped_quotes_stay_inside_the_string() {
        assert_eq!(
            urls(r#"p { background: url("it\"s.png") }"#),
            [r#"it"s.png"#]
        );
        assert_eq!(urls(r"p { background: url('it\'s.png') }"), ["it's.png"]);
        assert_eq!(urls(r"p { background: url(a\)b.png) }"), ["a)b.png"]);
        assert_eq!(urls(r"p { background: url(\61 .png) }"), ["a.png"]);
    }

    #[test]
    fn strings_that_only_look_like_urls_are_ignored() {
        let css = r#"p::before { content: "url(x.png) \" url(y.png)" } q { content: 'url(z)' }"#;
        assert!(urls(css).is_empty());
        assert!(urls("p { background: my-url(x.png) }").is_empty());
    }

    #[test]
    fn imports_with_a_string_or_a_url_are_found() {
        let css = "@import \"base.css\";\n@import url(print.css) print;\n@IMPORT 'x.css';";
        let found = css_references(css);
        let names: Vec<_> = found.iter().map(|r| r.url.as_str()).collect();
        assert_eq!(names, ["base.css", "print.css", "x.css"]);
        assert_eq!(&css[found[0].span.clone()], "\"base.css\"");
        assert_eq!(&css[found[1].span.clone()], "url(print.css)");
    }

    #[test]
    fn other_strings_after_at_rules_are_not_addresses() {
        let css = "@charset \"utf-8\"; @font-face { font-family: \"Body\"; src: url(b.woff2) }";
        assert_eq!(urls(css), ["b.woff2"]);
    }

    #[test]
    fn invalid_and_empty_urls_are_skipped() {
        assert!(urls("p { background: url(a b.png) }").is_empty());
        assert!(urls("p { background: url(a\"b) } q { background: url() }").is_empty());
        // A line break ends a string badly; scanning goes on at the next line.
        let broken = "p { background: url(\"a\nb\") }\nq { background: url(c.png) }";
        assert_eq!(urls(broken), ["c.png"]);
    }

    #[test]
    fn fragments_and_data_addresses_are_returned_as_written() {
        let css = "rect { fill: url(#pattern) } p { background: url(data:image/png;base64,AA) }";
        assert_eq!(urls(css), ["#pattern", "data:image/png;base64,AA"]);
    }
}
