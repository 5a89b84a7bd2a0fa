//! End-to-end quality gates on built sites: every page in headless Chromium (console errors,
//! failed requests, axe-core WCAG 2.1 A and AA, keyboard, JavaScript off, screenshots) through
//! `tests/e2e/check.mjs`, and every HTML and SVG file through the Nu HTML Checker.
//!
//! They need Node.js, `npm ci --prefix tests/e2e`, Chromium at `/usr/bin/chromium` and Java.
//! Without them the tests are skipped with a message, unless `CI` is set: then they fail.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::{fs, thread};

use common::{Site, assert_success};

const CHROMIUM: &str = "/usr/bin/chromium";

/// What the tests run: the e2e folder, the Nu HTML Checker's jar.
struct Tools {
    e2e: PathBuf,
    vnu: PathBuf,
}

/// True when the `CI` environment variable is set (to anything but empty, `0` or `false`).
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The tools, or `None` (after saying why) when some are missing outside CI. In CI a missing
/// tool fails the test.
fn tools() -> Option<Tools> {
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    let vnu = e2e.join("node_modules/vnu-jar/build/dist/vnu.jar");
    let mut missing = Vec::new();
    if !runs("node", "--version") {
        missing.push("Node.js (`node` on the PATH)".to_string());
    }
    for package in ["playwright-core", "axe-core"] {
        if !e2e
            .join("node_modules")
            .join(package)
            .join("package.json")
            .is_file()
        {
            missing.push(format!(
                "the npm package {package} (run `npm ci --prefix tests/e2e`)"
            ));
        }
    }
    if !vnu.is_file() {
        missing.push(format!(
            "the Nu HTML Checker at {} (run `npm ci --prefix tests/e2e`)",
            vnu.display()
        ));
    }
    if !Path::new(CHROMIUM).is_file() {
        missing.push(format!(
            "Chromium at {CHROMIUM} (run `apt-get install -y chromium`)"
        ));
    }
    if !runs("java", "-version") {
        missing.push(
            "a Java runtime (`java` on the PATH; `apt-get install -y default-jre-headless`)"
                .to_string(),
        );
    }
    if missing.is_empty() {
        return Some(Tools { e2e, vnu });
    }
    let list = missing.join("; ");
    if in_ci() {
        panic!("the end-to-end tests cannot run, CI is set and these are missing: {list}");
    }
    eprintln!("skipped: the end-to-end browser tests need {list}");
    None
}

/// A port that was free a moment ago on 127.0.0.1.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().unwrap().port()
}

fn files_with_extension(folder: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case(extension))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Runs the Nu HTML Checker on every HTML file of `public` in one call and, when there are
/// standalone SVG files, on those in a second call. Returns the errors found.
fn nu_html_checker(vnu: &Path, public: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let java = |args: &mut Command| -> Output { args.output().expect("java runs") };
    let html = java(
        Command::new("java")
            .arg("-jar")
            .arg(vnu)
            .args(["--errors-only", "--skip-non-html"])
            .arg(public),
    );
    if !html.status.success() {
        problems.push(format!("Nu HTML Checker, HTML:\n{}", text(&html)));
    }
    let svgs = files_with_extension(public, "svg");
    if !svgs.is_empty() {
        let svg = java(
            Command::new("java")
                .arg("-jar")
                .arg(vnu)
                .args(["--errors-only", "--svg"])
                .args(&svgs),
        );
        if !svg.status.success() {
            problems.push(format!("Nu HTML Checker, SVG:\n{}", text(&svg)));
        }
    }
    problems
}

/// Builds the site `name` for a local address and runs every gate on it.
fn check_site(name: &str) {
    let Some(tools) = tools() else { return };
    let site = Site::fixture(name);
    let port = free_port();
    let base_url = format!("http://127.0.0.1:{port}/");
    assert_success(&site.build(&["--base-url", &base_url, "--quiet"]));
    let public = site.out("");

    // The validator runs beside the browser: the JVM takes seconds to start.
    let validator = {
        let (vnu, public) = (tools.vnu.clone(), public.clone());
        thread::spawn(move || nu_html_checker(&vnu, &public))
    };

    // `<target>/screenshots/<site>/`, next to `<target>/tmp`.
    let screenshots = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target folder")
        .join("screenshots")
        .join(name);
    let _ = fs::remove_dir_all(&screenshots);
    let browser = Command::new("node")
        .arg(tools.e2e.join("check.mjs"))
        .arg(&public)
        .arg(port.to_string())
        .arg(&screenshots)
        .env("CHROMIUM", CHROMIUM)
        .output()
        .expect("node runs");

    let mut problems = validator.join().expect("the validator thread");
    let report = text(&browser);
    eprintln!(
        "{name}: {}",
        report.lines().last().unwrap_or("no output from check.mjs")
    );
    if !browser.status.success() {
        problems.push(format!("browser checks (tests/e2e/check.mjs):\n{report}"));
    }
    assert!(
        problems.is_empty(),
        "the site `{name}` fails its quality gates:\n\n{}",
        problems.join("\n")
    );
}

#[test]
fn example_site_passes_browser_accessibility_and_validator_checks() {
    check_site("example");
}

#[test]
fn small_site_passes_browser_accessibility_and_validator_checks() {
    check_site("small");
}

#[test]
fn escaping_site_passes_browser_accessibility_and_validator_checks() {
    check_site("escaping");
}

#[test]
fn new_site_passes_browser_accessibility_and_validator_checks() {
    check_site("new");
}
