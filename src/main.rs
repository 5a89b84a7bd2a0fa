//! The `tally` command: parses arguments, runs the library, prints diagnostics and chooses the
//! exit code (0 built, 1 content problems, 2 the tool itself failed).

use std::io::IsTerminal;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand, ValueEnum};
use tally::check::{Strictness, check};
use tally::diagnostics::{self, Diagnostic, Diagnostics, Style};
use tally::diff::{self, DiffOptions};
use tally::serve::{Event, ServeOptions, open_browser, serve};
use tally::{BuildOptions, build, scaffold};

// Rendering makes and drops many small strings on every thread; mimalloc's per-thread heaps
// serve them faster than the system allocator (about a sixth of a large build's time). Its
// version 2 (the `v2` feature) holds on to less freed memory than version 3: a 10,000-note
// build peaks at about 220 MB instead of 260 to 300 MB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Builds transparency websites from Markdown notes and YAML data.
#[derive(Debug, Parser)]
#[command(name = "tally", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Serve a live preview of the site, rebuilt whenever a file changes.
    Serve(ServeArgs),
    /// Check the site, its links, anchors and images, without writing anything.
    Check(CheckArgs),
    /// Create a small working site in a new folder.
    New(NewArgs),
    /// Compare two built sites and report what changed, for a pull-request comment.
    Diff(DiffArgs),
}

/// Which site to read; shared by every subcommand that reads one.
#[derive(Debug, Args)]
struct SiteArgs {
    /// The site's folder, holding content/ and optionally themes/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include notes, pages and bulletins marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Debug, Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Where to write the site [default: <root>/public].
    #[arg(long)]
    out: Option<PathBuf>,
    /// The absolute URL the site will be served from; replaces base_url in site.yaml.
    #[arg(long)]
    base_url: Option<String>,
    /// Build a preview (for example of a pull request): pages ask search engines not to
    /// index them and robots.txt disallows everything.
    #[arg(long)]
    preview: bool,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on. Other machines can reach the preview only if this is not
    /// a loopback address.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Open the preview in the default browser.
    #[arg(long)]
    open: bool,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Check the site as built for this absolute URL, as `build --base-url` would build it.
    #[arg(long)]
    base_url: Option<String>,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// How to print the problems found.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// How `check` prints what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Source lines with a caret, for people.
    Human,
    /// One JSON object per line, for tools.
    Json,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The folder to create; it must not exist or be empty.
    folder: PathBuf,
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// The build before the change, such as the main branch's.
    old: PathBuf,
    /// The build after the change, such as the pull request's.
    new: PathBuf,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    format: ReportFormat,
    /// The address the new build is served from, for the links to its pages
    /// [default: the canonical address of the new build's home page].
    #[arg(long)]
    preview_url: Option<String>,
}

/// How `diff` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// Markdown, for a pull-request comment.
    Markdown,
    /// One JSON object, for tools.
    Json,
}

/// How much the command says; shared by every subcommand that builds.
#[derive(Debug, Args)]
struct OutputArgs {
    /// Print only errors.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Print the time each step took.
    #[arg(long, short)]
    verbose: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => run_build(args),
        Command::Serve(args) => run_serve(args),
        Command::Check(args) => run_check(args),
        Command::New(args) => run_new(args),
        Command::Diff(args) => run_diff(args),
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    init_logging(&args.output);
    let options = BuildOptions {
        root: args.site.root,
        out: args.out,
        base_url: args.base_url,
        drafts: args.site.drafts,
        preview: args.preview,
    };
    let style = diagnostic_style();
    let progress = (!args.output.quiet).then(Progress::start);
    let result = build(&options);
    drop(progress);
    match result {
        Ok(summary) => {
            if !summary.warnings.is_empty() && !args.output.quiet {
                eprint!("{}", diagnostics::render(&summary.warnings, style));
            }
            if !args.output.quiet {
                println!(
                    "Built {} pages and {} charts in {} ms into {}",
                    summary.pages,
                    summary.charts,
                    summary.elapsed.as_millis(),
                    summary.out.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprint!("{}", diagnostics::render(&failure.diagnostics, style));
            if failure.is_tool_failure() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn run_serve(args: ServeArgs) -> ExitCode {
    init_logging(&args.output);
    let options = ServeOptions {
        root: args.site.root,
        address: SocketAddr::new(args.bind, args.port),
        drafts: args.site.drafts,
    };
    let quiet = args.output.quiet;
    let open = args.open;
    let style = diagnostic_style();
    let report = move |event: Event<'_>| match event {
        Event::Listening(url) => {
            println!("Serving the site at {url} (press Ctrl-C to stop)");
            if open {
                open_browser(url);
            }
        }
        Event::Rendered {
            pages,
            elapsed,
            warnings,
        } => {
            if !warnings.is_empty() && !quiet {
                eprint!("{}", diagnostics::render(warnings, style));
            }
            if !quiet {
                println!("Rendered {pages} pages in {} ms", elapsed.as_millis());
            }
        }
        Event::Failed(found) => eprint!("{}", diagnostics::render(found, style)),
    };
    match serve(&options, Arc::new(report)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(diagnostic) => report_failure(diagnostic),
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    let options = BuildOptions {
        root: args.site.root,
        out: None,
        base_url: args.base_url,
        drafts: args.site.drafts,
        preview: false,
    };
    let strictness = if args.strict {
        Strictness::WarningsAreErrors
    } else {
        Strictness::WarningsAllowed
    };
    let found = check(&options, strictness);
    match args.format {
        Format::Json => print!("{}", diagnostics::render_json(&found)),
        Format::Human if found.is_empty() => println!("No problems found."),
        Format::Human => eprint!("{}", diagnostics::render(&found, diagnostic_style())),
    }
    let tool_failure = found.iter().any(|d| d.problem.is_tool_failure());
    if tool_failure {
        ExitCode::from(2)
    } else if found.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_new(args: NewArgs) -> ExitCode {
    match scaffold::create(&args.folder) {
        Ok(files) => {
            let folder = args.folder.display();
            println!("Created a new site in {folder} with {} files.", files.len());
            println!("Preview it with:  tally serve --root {folder}");
            ExitCode::SUCCESS
        }
        Err(diagnostic) => report_failure(diagnostic),
    }
}

fn run_diff(args: DiffArgs) -> ExitCode {
    let options = DiffOptions {
        old: args.old,
        new: args.new,
        preview_url: args.preview_url,
    };
    match diff::compare(&options) {
        Ok(report) => {
            match args.format {
                ReportFormat::Markdown => print!("{}", diff::render_markdown(&report)),
                ReportFormat::Json => print!("{}", diff::render_json(&report)),
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}\nhelp: {}", error.help());
            ExitCode::from(if error.is_tool_failure() { 2 } else { 1 })
        }
    }
}

/// Prints one diagnostic and gives the exit code it calls for.
fn report_failure(diagnostic: Diagnostic) -> ExitCode {
    let tool_failure = diagnostic.problem.is_tool_failure();
    let list: Diagnostics = [diagnostic].into_iter().collect();
    eprint!("{}", diagnostics::render(&list, diagnostic_style()));
    ExitCode::from(if tool_failure { 2 } else { 1 })
}

/// A line on a terminal saying the build is still going, shown once it takes over a second.
struct Progress {
    stop: mpsc::Sender<()>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts counting; shows nothing unless standard error is a terminal.
    fn start() -> Progress {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::io::stderr().is_terminal().then(|| {
            std::thread::spawn(move || {
                let started = Instant::now();
                let mut shown = false;
                let mut wait = Duration::from_secs(1);
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(wait) {
                    let seconds = started.elapsed().as_secs_f32();
                    eprint!("\rBuilding the site… {seconds:.1} s");
                    shown = true;
                    wait = Duration::from_millis(200);
                }
                if shown {
                    // Clear the line so that what follows starts clean.
                    eprint!("\r{}\r", " ".repeat(40));
                }
            })
        });
        Progress { stop, thread }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        let _ = self.stop.send(());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Colour on a terminal; plain when piped or when `NO_COLOR` is set.
fn diagnostic_style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if no_color || !std::io::stderr().is_terminal() {
        Style::Plain
    } else {
        Style::Colour
    }
}

fn init_logging(output: &OutputArgs) {
    let level = if output.quiet {
        log::LevelFilter::Error
    } else if output.verbose {
        log::LevelFilter::Debug
    } else {
        log::LevelFilter::Warn
    };
    log::set_max_level(level);
    let _ = log::set_logger(&LOGGER);
}

/// Writes log lines to standard error, prefixed with their level.
struct Logger;

static LOGGER: Logger = Logger;

impl log::Log for Logger {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::max_level()
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            eprintln!(
                "{}: {}",
                record.level().as_str().to_lowercase(),
                record.args()
            );
        }
    }

    fn flush(&self) {}
}
