//! The `tokenlens` command line. All logic lives in the library; `cli` only wires it up.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
