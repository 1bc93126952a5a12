//! The `newsgraph` binary: flags and commands only; every capability is a library module.

mod allocator;
mod cli;

#[global_allocator]
static ALLOCATOR: allocator::MiMalloc = allocator::MiMalloc;

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
