//! The `newsgraph` binary: flags and commands only; every capability is a library module.

mod cli;

// Extraction makes many small, short-lived allocations (tokens, mentions); mimalloc serves
// them markedly faster than the system allocator. It also replaces C's malloc (the `override`
// feature): the store's C++ side hands error strings to Rust to free, so both sides must share
// one allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let code = match cli::run() {
        Ok(code) => code,
        // A closed pipe (`newsgraph query … | head`) is not an error.
        Err(e) if e.to_string().contains("Broken pipe") => 0,
        Err(e) => {
            eprintln!("newsgraph: error: {e}");
            1
        }
    };
    std::process::exit(code);
}
