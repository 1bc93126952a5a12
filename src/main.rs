//! The `newsgraph` binary: flags and commands only; every capability is a library module.

mod cli;

// Extraction makes many small, short-lived allocations (tokens, mentions); mimalloc serves
// them markedly faster than the system allocator. It also replaces C's malloc (the `override`
// feature): the store's C++ side hands error strings to Rust to free, so both sides must share
// one allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (v2 and v3), which libmimalloc-sys does not name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps memory that is freed for reuse instead of handing it back to the OS 10 ms later
/// (mimalloc's default). A build's bulk loads free and reallocate hundreds of megabytes per
/// load; every page given back is faulted in and zeroed again on the next load, which cost up
/// to a third of a build's CPU time in profiles (BENCHMARKS.md). Extraction frees and
/// reallocates each batch's articles the same way (300 `madvise` calls on the BBC corpus).
/// Peak memory is unchanged: it is the largest load's (or batch's) working set either way.
pub fn keep_freed_memory() {
    // SAFETY: sets a plain integer option of the allocator this binary links; mimalloc reads
    // it on each purge decision, so changing it after start-up is supported.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

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
