//! The `newsgraph` binary: flags and commands only; every capability is a library module.

mod cli;

fn main() {
    let code = match cli::run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsgraph: error: {e}");
            1
        }
    };
    std::process::exit(code);
}
