//! The `tally` command: parses arguments, runs the library, prints diagnostics and chooses the
//! exit code (0 built, 1 content problems, 2 the tool itself failed).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tally::diagnostics::{self, Style};
use tally::{BuildOptions, build};

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
}

#[derive(Debug, Args)]
struct BuildArgs {
    /// The site's folder, holding content/ and optionally themes/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: <root>/public].
    #[arg(long)]
    out: Option<PathBuf>,
    /// The absolute URL the site will be served from; replaces base_url in site.yaml.
    #[arg(long)]
    base_url: Option<String>,
    /// Include notes, pages and bulletins marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    #[command(flatten)]
    output: OutputArgs,
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
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    init_logging(&args.output);
    let options = BuildOptions {
        root: args.root,
        out: args.out,
        base_url: args.base_url,
        drafts: args.drafts,
    };
    let style = diagnostic_style();
    match build(&options) {
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
