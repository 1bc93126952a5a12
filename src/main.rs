//! The `newsgraph` binary: flags and commands only; every capability is a library module.

mod allocator;
mod cli;
mod cpu;

#[global_allocator]
static ALLOCATOR: allocator::MiMalloc = allocator::MiMalloc;

fn main() {
    if let Some(feature) = cpu::missing_feature() {
        eprintln!(
            "newsgraph: error: this binary was compiled for a newer CPU (it uses {feature}, which \
             this one lacks); rebuild it here, or anywhere with NEWSGRAPH_TARGET_CPU=x86-64 for \
             any x86-64 CPU (README, Set up)"
        );
        std::process::exit(1);
    }
    run();
}

/// Everything but the CPU check, kept out of `main` so that none of its code runs before it.
#[inline(never)]
fn run() {
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
